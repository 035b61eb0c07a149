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

    [TestCase(1, 1, 1)]
    [TestCase(3, 2, 2)]
    [TestCase(2, 5, 3)]
    [TestCase(20, 7, 4)]
    [TestCase(9, 30, 5)]
    public void DotProductTestHolds(int m, int n, int seed)
    {
        Matrix<double> x = Gaussian(m, n, seed), u = Gaussian(m, n, seed + 1), yBar = Gaussian(n, n, seed + 2);
        double lhs = Inner(yBar, Gram.Differential(x, u));
        double rhs = Inner(Gram.Backward(x, yBar), u);
        // S = 2‖Ȳ‖‖X‖‖U‖ bounds both sides. Rounding: one product with inner size m (γ_m) or n (γ_n) on each
        // side, plus a sum of n² (left) or mn (right) terms; so the gap is ≤ 2(m + n + n² + mn)ε·S.
        double scale = 2 * yBar.FrobeniusNorm() * x.FrobeniusNorm() * u.FrobeniusNorm();
        double error = Math.Abs(lhs - rhs) / scale, tolerance = 2.0 * (m + n + n * n + m * n) * Eps;
        TestContext.Out.WriteLine($"Gram dot-product {m}×{n}: mismatch {error:E2} relative to 2‖Ȳ‖‖X‖‖U‖ (tolerance {tolerance:E2}); |lhs − rhs|/|lhs| = {Math.Abs(lhs - rhs) / Math.Abs(lhs):E2}");
        Assert.That(error, Is.LessThanOrEqualTo(tolerance));
    }

    [TestCase(1, 1, 11)]
    [TestCase(4, 3, 12)]
    [TestCase(15, 6, 13)]
    [TestCase(6, 15, 14)]
    public void DifferentialMatchesCentralDifferences(int m, int n, int seed)
    {
        Matrix<double> x = Gaussian(m, n, seed), u = Gaussian(m, n, seed + 1);
        // XᵀX is quadratic, so [F(X+hU) − F(X−hU)]/2h = dXᵀX + XᵀdX exactly; only rounding remains:
        // each F carries ≤ γ_m(‖X‖ + h‖U‖)², two of them divided by 2h, plus the subtraction.
        const double h = 1e-3;
        Matrix<double> fd = Central(Gram.Forward, x, u, h);
        Matrix<double> dy = Gram.Differential(x, u);
        double size = x.FrobeniusNorm() + h * u.FrobeniusNorm();
        double tolerance = 2 * (m + 2) * Eps * size * size / (2 * h) * 2;
        double error = (fd - dy).FrobeniusNorm();
        TestContext.Out.WriteLine($"Gram central FD {m}×{n}, h={h:E0}: error {error:E2} (bound {tolerance:E2}; ‖dY‖={dy.FrobeniusNorm():E3})");
        Assert.That(error, Is.LessThanOrEqualTo(tolerance));
    }

    [TestCase(5, 3, 21)]
    [TestCase(2, 8, 22)]
    public void LinearizationAgreesWithPlainMethods(int m, int n, int seed)
    {
        Matrix<double> x = Gaussian(m, n, seed), u = Gaussian(m, n, seed + 1), yBar = Gaussian(n, n, seed + 2);
        var lin = Gram.Linearize(x);
        Assert.That(lin.Value, Is.EqualTo(Gram.Forward(x)));
        Assert.That(lin.Differential(u), Is.EqualTo(Gram.Differential(x, u)));
        Assert.That(lin.Backward(yBar), Is.EqualTo(Gram.Backward(x, yBar)));
    }

    [Test]
    public void LinearizationIgnoresLaterChangesToTheInput()
    {
        Matrix<double> x = Gaussian(4, 3, 31), u = Gaussian(4, 3, 32);
        var lin = Gram.Linearize(x);
        Matrix<double> before = lin.Differential(u);
        x.Clear();
        Assert.That(lin.Differential(u), Is.EqualTo(before));
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

    [TestCase(4, 3, 71)]
    [TestCase(12, 12, 72)]
    [TestCase(30, 9, 73)]
    public void VerificationToolsAccept(int m, int n, int seed)
    {
        Matrix<double> x = Gaussian(m, n, seed);
        var lin = Gram.Linearize(x);
        var dot = DotProductTest.Run(lin.Differential, lin.Backward, m, n, n, n, seed, trials: 5,
            name: $"Gram {m}×{n}");
        var fd = FiniteDifferences.CheckDifferential(Gram.Forward, Gram.Differential,
            x, Gaussian(m, n, seed + 1), name: $"Gram {m}×{n}");
        TestContext.Out.WriteLine(dot);
        TestContext.Out.WriteLine(fd);
        dot.EnsurePassed();
        fd.EnsurePassed();
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
