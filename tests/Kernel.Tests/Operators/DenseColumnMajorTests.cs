using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Double;

namespace Differentials.Tests.Operators;

/// <summary>The vectorised finiteness scan and the tiled symmetric part the operators use.</summary>
public class DenseColumnMajorTests
{
    [Test]
    public void AllFiniteFindsEveryNonFiniteValueAtEveryPosition()
    {
        // Lengths around the vector width so that both the vector body and the scalar tail are hit.
        foreach (int length in new[] { 1, 3, 7, 8, 9, 17, 33 })
        {
            var values = new double[length];
            for (int i = 0; i < length; i++) values[i] = i - 3.5;
            Assert.That(DenseColumnMajor.AllFinite(values), Is.True, $"length {length}");
            foreach (double bad in new[] { double.NaN, double.PositiveInfinity, double.NegativeInfinity })
            {
                for (int at = 0; at < length; at++)
                {
                    double kept = values[at];
                    values[at] = bad;
                    Assert.That(DenseColumnMajor.AllFinite(values), Is.False, $"{bad} at {at} of {length}");
                    values[at] = kept;
                }
            }
        }
        Assert.That(DenseColumnMajor.AllFinite([double.MaxValue, -double.MaxValue, double.Epsilon]), Is.True);
    }

    [Test]
    public void GuardsVectorisedScanKeepsItsMessages()
    {
        var m = DenseMatrix.Create(3, 2, 1.0);
        m[2, 1] = double.NaN;
        Assert.That(() => Checks.NonEmptyFinite(m, "x"),
                    Throws.ArgumentException.With.Message.Contain("x (3×2) contains NaN or infinity (first at [2, 1])"));
        var v = Vector<double>.Build.Dense(5, 1.0);
        v[4] = double.NegativeInfinity;
        Assert.That(() => Checks.NonEmptyFinite(v, "a"),
                    Throws.ArgumentException.With.Message.Contain("first at [4]"));
        Assert.That(() => Checks.NonEmptyFinite(new DenseMatrix(0, 3), "x"), Throws.ArgumentException.With.Message.Contain("empty"));
        Assert.That(() => Checks.NonEmptyFinite((Matrix<double>?)null, "x"), Throws.ArgumentNullException);
        Assert.DoesNotThrow(() => Checks.NonEmptyFinite(Matrix<double>.Build.Sparse(2, 2), "x"));
    }

    [TestCase(1)]
    [TestCase(8)]
    [TestCase(31)]
    [TestCase(64)]
    [TestCase(70)]
    [TestCase(257)]
    public void SymmetricPartIsATransposeSumAndExactlySymmetric(int n)
    {
        var rng = new Random(n);
        var a = Matrix<double>.Build.Dense(n, n, (_, _) => rng.NextDouble() - 0.5);
        var s = DenseColumnMajor.SymmetricPart(a);
        Assert.That(s, Is.EqualTo(a + a.Transpose()));
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++) Assert.That(s[i, j], Is.EqualTo(s[j, i]));
        }
    }

    [TestCase(1)]
    [TestCase(8)]
    [TestCase(9)]
    [TestCase(33)]
    [TestCase(70)]
    public void SymmetricPartOverwritesEveryEntryOfItsDestination(int n)
    {
        // Results are allocated without zeroing (UnwrittenMatrix), so nothing of the old storage may survive.
        var rng = new Random(n);
        double[] a = Enumerable.Range(0, n * n).Select(_ => rng.NextDouble() - 0.5).ToArray();
        var destination = new double[n * n];
        Array.Fill(destination, double.NaN);
        DenseColumnMajor.SymmetricPart(a, n, destination);
        for (int j = 0; j < n; j++)
        {
            for (int i = 0; i < n; i++) Assert.That(destination[i + j * n], Is.EqualTo(a[i + j * n] + a[j + i * n]));
        }
    }

    [Test]
    public void SymmetricPartRejectsShortOrOverlappingStorage()
    {
        var a = new double[16];
        var overlap = Assert.Throws<ArgumentException>(() => DenseColumnMajor.SymmetricPart(a, 4, a));
        Assert.That(overlap!.Message, Does.Contain("over its input"));
        var tooShort = Assert.Throws<ArgumentException>(() => DenseColumnMajor.SymmetricPart(a, 5, new double[25]));
        Assert.That(tooShort!.Message, Does.Contain("5×5").And.Contain("25"));
    }
}
