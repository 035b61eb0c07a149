using Differentials.Verification;
using MathNet.Numerics.LinearAlgebra;
using static Differentials.Tests.Operators.OperatorTestSupport;

namespace Differentials.Tests.Operators;

public class GramTests
{
    // The conformance table: one line per case (rows m, columns n, seed).
    [TestCase(1, 1, 1)]
    [TestCase(4, 3, 2)]
    [TestCase(3, 5, 3)]
    [TestCase(30, 7, 4)]
    public void PassesTheConformanceCheck(int m, int n, int seed) =>
        Conformance.Check(GramRule.Instance, Gaussian(m, n, seed), seed: seed).EnsurePassed();

    [Test]
    public void GramOfAKnownMatrix()
    {
        // X = [[1, 2], [3, 4], [5, 6]]: XᵀX = [[35, 44], [44, 56]] (small integers: exact).
        var x = Matrix<double>.Build.DenseOfArray(new double[,] { { 1, 2 }, { 3, 4 }, { 5, 6 } });
        Assert.That(Gram.Forward(x), Is.EqualTo(Matrix<double>.Build.DenseOfArray(new double[,] { { 35, 44 }, { 44, 56 } })));
    }

    [Test]
    public void DifferentialAndBackwardOfAKnownMatrix()
    {
        var x = Matrix<double>.Build.DenseOfArray(new double[,] { { 1, 2 }, { 3, 4 }, { 5, 6 } });
        var dx = Matrix<double>.Build.DenseOfArray(new double[,] { { 1, 0 }, { 0, 0 }, { 0, 1 } });
        // dXᵀX = [[1, 2], [5, 6]]; its transpose added gives [[2, 7], [7, 12]].
        Assert.That(Gram.Differential(x, dx), Is.EqualTo(Matrix<double>.Build.DenseOfArray(new double[,] { { 2, 7 }, { 7, 12 } })));
        // Ȳ = [[0, 1], [0, 0]]: Ȳ + Ȳᵀ = [[0, 1], [1, 0]], so X̄ swaps the columns of X.
        var yBar = Matrix<double>.Build.DenseOfArray(new double[,] { { 0, 1 }, { 0, 0 } });
        Assert.That(Gram.Backward(x, yBar), Is.EqualTo(Matrix<double>.Build.DenseOfArray(new double[,] { { 2, 1 }, { 4, 3 }, { 6, 5 } })));
    }

    [Test]
    public void GramIsSymmetric([Values(1, 2, 3)] int seed)
    {
        Matrix<double> y = Gram.Forward(Gaussian(7, 5, seed));
        Assert.That(y, Is.EqualTo(y.Transpose()));
    }

    [Test]
    public void MismatchedShapesAreRejectedWithTheShapes()
    {
        Matrix<double> x = Gaussian(4, 3, 41);
        var ex1 = Assert.Throws<ArgumentException>(() => Gram.Differential(x, Gaussian(3, 4, 42)));
        Assert.That(ex1!.Message, Does.Contain("3×4").And.Contain("4×3"));
        // Ȳ must be n×n = 3×3, not m×m.
        var ex2 = Assert.Throws<ArgumentException>(() => Gram.Backward(x, Gaussian(4, 4, 43)));
        Assert.That(ex2!.Message, Does.Contain("4×4").And.Contain("3×3"));
        var lin = Gram.Linearize(x);
        Assert.That(() => lin.Backward(Gaussian(4, 4, 43)), Throws.ArgumentException.With.Message.Contain("3×3"));
        Assert.That(() => lin.Differential(Gaussian(3, 3, 43)), Throws.ArgumentException.With.Message.Contain("4×3"));
    }

    [Test]
    public void EmptyAndNonFiniteInputsAreRejected()
    {
        Assert.That(() => Gram.Forward(Matrix<double>.Build.Dense(0, 3)),
            Throws.ArgumentException.With.Message.Contain("empty").And.Message.Contain("0×3"));
        Matrix<double> x = Gaussian(3, 2, 51);
        x[2, 1] = double.NaN;
        Assert.That(() => Gram.Forward(x), Throws.ArgumentException.With.Message.Contain("contains NaN or infinity"));
        Assert.That(() => Gram.Backward(Gaussian(3, 2, 52), Matrix<double>.Build.Dense(2, 2, double.PositiveInfinity)),
            Throws.ArgumentException.With.Property("ParamName").EqualTo("yBar"));
        Assert.Throws<ArgumentNullException>(() => Gram.Forward(null!));
    }

    [TestCase(5, 3, 81)]
    [TestCase(2, 7, 82)]
    public void SpanOverloadAgreesWithMatrixOverload(int m, int n, int seed)
    {
        Matrix<double> x = Gaussian(m, n, seed);
        var destination = new double[n * n];
        Gram.Forward(x.ToColumnMajorArray(), m, n, destination);
        Assert.That(destination, Is.EqualTo(Gram.Forward(x).ToColumnMajorArray()));
        Assert.That(() => Gram.Forward(x.ToColumnMajorArray(), m, n, new double[n * n + 1]),
            Throws.ArgumentException.With.Message.Contain($"{m}×{n}"));
    }
}
