using Differentials.Notebook;
using MathNet.Numerics.LinearAlgebra;

namespace Differentials.Notebook.Tests;

public class MatrixHtmlTests
{
    private static string Cell(string text) => $">{text}</td>";

    [Test]
    public void SmallMatrixShowsShapeAndEveryEntryRounded()
    {
        var m = Matrix<double>.Build.DenseOfArray(new[,] { { 1.0 / 3, 2.0 / 3 }, { 12345.678, -1e-12 }, { 0.0, 1.0 } });

        var html = MatrixHtml.Matrix(m);

        Assert.That(html, Does.Contain(">3 × 2 matrix</caption>"));
        Assert.That(html, Does.Contain(Cell("0.3333")).And.Contain(Cell("0.6667")).And.Contain(Cell("1.235e4")).And.Contain(Cell("-1e-12")));
        Assert.That(html, Does.Not.Contain("0.33333"));
        Assert.That(html.Split("<tr>").Length - 1, Is.EqualTo(3));
        Assert.That(html, Does.Not.Contain("⋯").And.Not.Contain("⋮"));
    }

    [Test]
    public void LargeMatrixKeepsItsCornersAndElidesTheMiddle()
    {
        // Entry (i, j) = i + j/100 reads back its own position: 29.19 is the last corner.
        var m = Matrix<double>.Build.Dense(30, 20, (i, j) => i + j / 100.0);

        var html = MatrixHtml.Matrix(m);

        Assert.That(html, Does.Contain(">30 × 20 matrix, showing 9 × 9</caption>"));
        Assert.That(html, Does.Contain(Cell("0")).And.Contain(Cell("0.19")).And.Contain(Cell("29")).And.Contain(Cell("29.19")));
        Assert.That(html, Does.Contain(Cell("4.04")).And.Contain(Cell("26.16")));
        Assert.That(html, Does.Not.Contain(Cell("15.1")).And.Not.Contain(Cell("5.05")).And.Not.Contain(Cell("25.15")));
        Assert.That(html, Does.Contain("⋯").And.Contain("⋮").And.Contain("⋱"));
        Assert.That(html.Split("<tr>").Length - 1, Is.EqualTo(10));
    }

    [Test]
    public void TallMatrixElidesOnlyRows()
    {
        var html = MatrixHtml.Matrix(Matrix<double>.Build.Dense(50, 3, (i, j) => i));

        Assert.That(html, Does.Contain(">50 × 3 matrix, showing 9 × 3</caption>"));
        Assert.That(html, Does.Contain("⋮").And.Not.Contain("⋯").And.Not.Contain("⋱"));
    }

    [Test]
    public void VectorShowsLengthAndElidesTheMiddle()
    {
        Assert.That(MatrixHtml.Vector(Vector<double>.Build.DenseOfArray([1.0, 2.5, double.NaN])),
            Does.Contain(">vector of length 3</caption>").And.Contain(Cell("2.5")).And.Contain(Cell("NaN")));

        var large = MatrixHtml.Vector(Vector<double>.Build.Dense(100, i => i));
        Assert.That(large, Does.Contain(">vector of length 100, showing 9</caption>"));
        Assert.That(large, Does.Contain(Cell("4")).And.Contain(Cell("96")).And.Contain(Cell("99")).And.Contain("⋯"));
        Assert.That(large, Does.Not.Contain(Cell("50")));
    }

    [Test]
    public void ShownIndicesKeepHeadAndTail()
    {
        Assert.That(MatrixHtml.Shown(3), Is.EqualTo(new[] { 0, 1, 2 }));
        Assert.That(MatrixHtml.Shown(MatrixHtml.MaxShown), Has.Exactly(MatrixHtml.MaxShown).Items);
        Assert.That(MatrixHtml.Shown(11), Is.EqualTo(new[] { 0, 1, 2, 3, 4, -1, 7, 8, 9, 10 }));
    }

    [Test]
    public void NullIsRejected()
    {
        Assert.Throws<ArgumentNullException>(() => MatrixHtml.Matrix(null!));
        Assert.Throws<ArgumentNullException>(() => MatrixHtml.Vector(null!));
    }
}
