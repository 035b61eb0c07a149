using Differentials.Verification;
using MathNet.Numerics.LinearAlgebra;
using static Differentials.Tests.Operators.OperatorTestSupport;

namespace Differentials.Tests.Operators;

public class LinearSolveTests
{
    // The conformance table: one line per case (order n, right-hand sides k, seed, 2-norm condition number κ of A).
    [TestCase(1, 1, 1, 1.0)]
    [TestCase(2, 3, 2, 10.0)]
    [TestCase(5, 5, 3, 1e3)]
    [TestCase(17, 4, 4, 1e2)]
    [TestCase(40, 40, 5, 1e4)]
    [TestCase(12, 1, 6, 1e6)]
    public void PassesTheConformanceCheck(int n, int k, int seed, double kappa) =>
        Conformance.Check(LinearSolveRule.Instance, (WithConditionNumber(n, kappa, seed), Gaussian(n, k, seed + 100)), kappa, seed,
            badPoints: [(Gaussian(n, n + 1, seed), Gaussian(n, k, seed)), (WithConditionNumber(n, kappa, seed), Gaussian(n + 1, k, seed))])
            .EnsurePassed();

    [TestCase(1, 1, 1)]
    [TestCase(5, 3, 2)]
    [TestCase(17, 17, 3)]
    [TestCase(40, 7, 4)]
    public void SolutionMatchesInverseThenMultiply(int n, int k, int seed)
    {
        double kappa = n == 1 ? 1 : 1e3;
        Matrix<double> a = WithConditionNumber(n, kappa, seed), b = Gaussian(n, k, seed + 1);
        Matrix<double> x = LinearSolve.Forward(a, b);
        Matrix<double> viaInverse = MatrixInverse.Forward(a) * b;
        // Both are backward stable, so each is within ~nεκ of the exact solution relative to ‖A⁻¹‖‖B‖.
        double scale = MatrixInverse.Forward(a).FrobeniusNorm() * b.FrobeniusNorm();
        Assert.That((x - viaInverse).FrobeniusNorm(), Is.LessThanOrEqualTo(Tolerances.ForConditioned(kappa, n) * scale));
    }

    [Test]
    public void BackwardMatchesTheClosedFormThroughTheInverse()
    {
        int n = 6, k = 3;
        double kappa = 1e2;
        Matrix<double> a = WithConditionNumber(n, kappa, 21), b = Gaussian(n, k, 22), xBar = Gaussian(n, k, 23);
        Matrix<double> y = MatrixInverse.Forward(a), x = y * b;
        Matrix<double> bBar = y.Transpose() * xBar, aBar = -bBar * x.Transpose();
        var (aBarActual, bBarActual) = LinearSolve.Backward(a, b, xBar);
        double tolerance = Tolerances.ForConditioned(kappa, n);
        Assert.That((bBarActual - bBar).FrobeniusNorm(), Is.LessThanOrEqualTo(tolerance * bBar.FrobeniusNorm()));
        Assert.That((aBarActual - aBar).FrobeniusNorm(), Is.LessThanOrEqualTo(tolerance * aBar.FrobeniusNorm()));
    }

    [Test]
    public void DiagonalSystemIsSolvedExactly()
    {
        // Powers of two on the diagonal: LU and the solve are exact.
        var a = Matrix<double>.Build.DenseOfDiagonalArray([2, -4, 0.5]);
        var b = Matrix<double>.Build.DenseOfArray(new double[,] { { 1, 2 }, { 4, 8 }, { 1, -1 } });
        var expected = Matrix<double>.Build.DenseOfArray(new double[,] { { 0.5, 1 }, { -1, -2 }, { 2, -2 } });
        Assert.That(LinearSolve.Forward(a, b), Is.EqualTo(expected));
    }

    [Test]
    public void SingularAIsRefused()
    {
        var a = Matrix<double>.Build.DenseOfArray(new double[,] { { 1, 2 }, { 2, 4 } });
        var b = Matrix<double>.Build.Dense(2, 1, 1.0);
        var ex = Assert.Throws<SingularMatrixException>(() => LinearSolve.Forward(a, b));
        Assert.That(ex!.Message, Does.Contain("singular").And.Contain("2×2"));
        Assert.Throws<SingularMatrixException>(() => LinearSolve.Backward(a, b, b));
        Assert.Throws<SingularMatrixException>(() => LinearSolve.Linearize(a, b));
        // No zero pivot, but κ₁ ≈ 4/ε: numerically singular.
        var nearly = Matrix<double>.Build.DenseOfArray(new double[,] { { 1, 1 }, { 1, 1 + Eps } });
        Assert.That(() => LinearSolve.Forward(nearly, b),
            Throws.TypeOf<SingularMatrixException>().With.Message.Contain("numerically singular"));
    }

    [Test]
    public void ShapesAreNamedWhenTheyDoNotFit()
    {
        Assert.That(() => LinearSolve.Forward(Gaussian(2, 3, 1), Gaussian(2, 1, 2)),
            Throws.ArgumentException.With.Message.Contain("square").And.Message.Contain("2×3"));
        Assert.That(() => LinearSolve.Forward(Gaussian(3, 3, 1), Gaussian(4, 2, 2)),
            Throws.ArgumentException.With.Message.Contain("3×3").And.Message.Contain("4×2")
                .And.Property("ParamName").EqualTo("b"));
        Assert.That(() => LinearSolve.Backward(Gaussian(3, 3, 1), Gaussian(3, 2, 2), Gaussian(3, 3, 3)),
            Throws.ArgumentException.With.Property("ParamName").EqualTo("xBar").And.Message.Contain("3×2"));
        Assert.That(() => LinearSolve.Differential(Gaussian(3, 3, 1), Gaussian(3, 2, 2), Gaussian(3, 3, 3), Gaussian(3, 3, 4)),
            Throws.ArgumentException.With.Property("ParamName").EqualTo("db"));
    }

    [Test]
    public void NonFiniteInputsAreRefused()
    {
        var a = Gaussian(3, 3, 1);
        var b = Gaussian(3, 2, 2);
        b[1, 1] = double.PositiveInfinity;
        Assert.That(() => LinearSolve.Forward(a, b), Throws.ArgumentException.With.Property("ParamName").EqualTo("b"));
        var aNaN = Gaussian(3, 3, 1);
        aNaN[0, 2] = double.NaN;
        Assert.That(() => LinearSolve.Forward(aNaN, Gaussian(3, 2, 2)), Throws.ArgumentException.With.Property("ParamName").EqualTo("a"));
    }

    [Test]
    public void ASolutionBeyondTheDoubleRangeIsRefused()
    {
        // A = 1e-300·I is perfectly conditioned, but X = 1e300·B with B = 1e10 overflows.
        var a = Matrix<double>.Build.DenseDiagonal(2, 2, 1e-300);
        var b = Matrix<double>.Build.Dense(2, 1, 1e10);
        Assert.That(() => LinearSolve.Forward(a, b),
            Throws.ArgumentException.With.Message.Contain("double range"));
    }
}
