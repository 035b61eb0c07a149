using Differentials.Verification;
using MathNet.Numerics.LinearAlgebra;
using static Differentials.Tests.Operators.OperatorTestSupport;

namespace Differentials.Tests.Operators;

public class LogDeterminantTests
{
    // The conformance table: one line per case (order n, seed, 2-norm condition number κ of the point).
    [TestCase(1, 1, 1.0)]
    [TestCase(2, 2, 10.0)]
    [TestCase(5, 3, 1e3)]
    [TestCase(17, 4, 1e2)]
    [TestCase(40, 5, 1e4)]
    [TestCase(12, 6, 1e6)]
    public void PassesTheConformanceCheck(int n, int seed, double kappa) =>
        Conformance.Check(LogDeterminantRule.Instance, WithConditionNumber(n, kappa, seed), kappa, seed,
            badPoints: [Gaussian(n, n + 1, seed), Matrix<double>.Build.Dense(n, n)]).EnsurePassed();

    [TestCase(1, 1, 1.0)]
    [TestCase(5, 2, 1e3)]
    [TestCase(17, 3, 1e2)]
    [TestCase(40, 4, 1e4)]
    public void GradientIsTheInverseTransposed(int n, int seed, double kappa)
    {
        Matrix<double> x = WithConditionNumber(n, kappa, seed);
        Matrix<double> expected = MatrixInverse.Forward(x).Transpose();
        Matrix<double> gradient = LogDeterminant.Backward(x, 1.0);
        // The same factors and solves in both; only the order of the entries differs, so a product bound suffices.
        Assert.That((gradient - expected).FrobeniusNorm(), Is.LessThanOrEqualTo(Tolerances.ForProduct(n) * expected.FrobeniusNorm()));
    }

    [Test]
    public void SignAndLogOfANegativeDeterminant()
    {
        // diag(−2, 3): det = −6, so the sign is −1, the log is ln 6, and the gradient X⁻ᵀ = diag(−1/2, 1/3) all the same.
        var x = Matrix<double>.Build.DenseOfDiagonalArray([-2, 3]);
        var (sign, log) = LogDeterminant.SignAndLog(x);
        Assert.That(sign, Is.EqualTo(-1.0));
        Assert.That(log, Is.EqualTo(Math.Log(6)).Within(2 * Eps * Math.Log(6)));
        Assert.That(LogDeterminant.Forward(x), Is.EqualTo(log));
        var gradient = LogDeterminant.Backward(x, 1.0);
        Assert.That((gradient - Matrix<double>.Build.DenseOfDiagonalArray([-0.5, 1.0 / 3])).FrobeniusNorm(), Is.LessThanOrEqualTo(2 * Eps));
    }

    [TestCase(4, 1)]
    [TestCase(17, 2)]
    public void SignAndLogRecoverTheDeterminant(int n, int seed)
    {
        Matrix<double> x = Gaussian(n, n, seed);
        var (sign, log) = LogDeterminant.SignAndLog(x);
        double det = Determinant.Forward(x);
        Assert.That(sign, Is.EqualTo((double)Math.Sign(det)));
        // exp amplifies the absolute error of log (≲ nε|log| from the pivot sum) into a relative one.
        Assert.That(Math.Abs(sign * Math.Exp(log) - det),
            Is.LessThanOrEqualTo(Tolerances.ForProduct(n) * Math.Max(1, Math.Abs(log)) * Math.Abs(det)));
    }

    [Test]
    public void SingularIsRefusedEverywhere()
    {
        var x = Matrix<double>.Build.DenseOfArray(new double[,] { { 1, 2 }, { 2, 4 } });
        Assert.That(() => LogDeterminant.Forward(x), Throws.TypeOf<SingularMatrixException>().With.Message.Contain("singular").And.Message.Contain("2×2"));
        Assert.Throws<SingularMatrixException>(() => LogDeterminant.SignAndLog(x));
        Assert.Throws<SingularMatrixException>(() => LogDeterminant.Backward(x, 1.0));
        Assert.Throws<SingularMatrixException>(() => LogDeterminant.Linearize(x));
    }

    [Test]
    public void NumericallySingularHasAValueButNoGradient()
    {
        // [[1, 1], [1, 1 + ε]]: pivots 1 and ε (exactly), so log|det| = ln ε; but κ₁ ≈ 4/ε leaves X⁻¹ no correct digit.
        var x = Matrix<double>.Build.DenseOfArray(new double[,] { { 1, 1 }, { 1, 1 + Eps } });
        Assert.That(LogDeterminant.Forward(x), Is.EqualTo(Math.Log(Eps)));
        Assert.That(() => LogDeterminant.Backward(x, 1.0), Throws.TypeOf<SingularMatrixException>().With.Message.Contain("numerically singular"));
        Assert.Throws<SingularMatrixException>(() => LogDeterminant.Differential(x, x));
        Assert.Throws<SingularMatrixException>(() => LogDeterminant.Linearize(x));
    }

    [Test]
    public void NonSquareIsRefused()
    {
        Assert.That(() => LogDeterminant.Forward(Matrix<double>.Build.Dense(3, 2, 1.0)),
            Throws.ArgumentException.With.Message.Contain("square").And.Message.Contain("3×2"));
        Assert.That(() => LogDeterminant.SignAndLog(Matrix<double>.Build.Dense(3, 2, 1.0)),
            Throws.ArgumentException.With.Message.Contain("square"));
    }
}
