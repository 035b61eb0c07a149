using Differentials.Notebook;

namespace Differentials.Notebook.Tests;

public class NumberTextTests
{
    [TestCase(1.0 / 3.0, 4, "0.3333")]
    [TestCase(2.0 / 3.0, 4, "0.6667")]
    [TestCase(12345.678, 4, "1.235e4")]
    [TestCase(1.23456e-10, 4, "1.235e-10")]
    [TestCase(-2.5e20, 3, "-2.5e20")]
    [TestCase(0.5, 4, "0.5")]
    [TestCase(0.0, 4, "0")]
    [TestCase(100.0, 4, "100")]
    [TestCase(300.0, 2, "300")]
    [TestCase(9999.4, 4, "9999")]
    [TestCase(9999.6, 4, "1e4")]
    [TestCase(0.001234567, 4, "0.001235")]
    [TestCase(0.0003, 4, "3e-4")]
    [TestCase(-0.5, 1, "-0.5")]
    public void KeepsSignificantDigitsWithPlainExponents(double value, int digits, string expected) =>
        Assert.That(NumberText.Format(value, digits), Is.EqualTo(expected));

    [Test]
    public void NamesNonFiniteValues()
    {
        Assert.That(NumberText.Format(double.NaN), Is.EqualTo("NaN"));
        Assert.That(NumberText.Format(double.PositiveInfinity), Is.EqualTo("∞"));
        Assert.That(NumberText.Format(double.NegativeInfinity), Is.EqualTo("-∞"));
    }

    [Test]
    public void RejectsDigitCountsOutsideDoublePrecision()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => NumberText.Format(1.0, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => NumberText.Format(1.0, 18));
    }
}
