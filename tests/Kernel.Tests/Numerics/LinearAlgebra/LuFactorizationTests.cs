using Differentials.Numerics;
using MathNet.Numerics.LinearAlgebra.Double;
using static Differentials.Tests.Numerics.LinearAlgebraBackends;

namespace Differentials.Tests.Numerics;

/// <summary>
/// The reusable LU factorisation on every backend: solves with A and Aᵀ, the inverse, the determinant and
/// its logarithm against MathNet, and the κ₁ figure at magnitudes where unscaled norms overflow or underflow.
/// Tolerances: residuals ‖AX − B‖ ≤ c·n·ε·‖A‖‖X‖ (backward stability); κ figures to n·ε relative.
/// </summary>
public class LuFactorizationTests
{
    private const double Eps = 2.220446049250313e-16;

    private static IEnumerable<TestCaseData> Cases() =>
        from backend in Fast().Concat([new TestCaseData(new Candidate(new MathNetLinearAlgebra())).SetArgDisplayNames("managed-mathnet")])
        let candidate = (Candidate)backend.Arguments[0]!
        from n in new[] { 1, 2, 7, 64, 150 }
        select new TestCaseData(candidate, n).SetArgDisplayNames(candidate.ToString(), $"n={n}");

    private static double[] WellConditioned(int n, int seed)
    {
        double[] a = LinearAlgebraTests.RandomMatrix(new Random(seed), n * n);
        for (int i = 0; i < n; i++) a[i + i * n] += n; // diagonally dominant: κ₁ stays small
        return a;
    }

    private static double Residual(double[] a, bool transpose, double[] x, double[] b, int n, int columns)
    {
        var am = DenseMatrix.OfColumnMajor(n, n, a);
        var xm = DenseMatrix.OfColumnMajor(n, columns, x);
        var bm = DenseMatrix.OfColumnMajor(n, columns, b);
        var r = (transpose ? am.TransposeThisAndMultiply(xm) : am * xm) - bm;
        return r.L1Norm() / (am.L1Norm() * xm.L1Norm());
    }

    [TestCaseSource(nameof(Cases))]
    public void SolvesWithTheMatrixAndItsTransposeForManyRightHandSides(Candidate candidate, int n)
    {
        double[] a = WellConditioned(n, 11 * n), original = (double[])a.Clone();
        var lu = LuFactorization.Factor(a, n, "a", candidate.Backend);
        const int columns = 3;
        double[] b = LinearAlgebraTests.RandomMatrix(new Random(n), n * columns);
        double[] x = (double[])b.Clone(), xt = (double[])b.Clone();
        lu.Solve(x, columns);
        lu.SolveTransposed(xt, columns);

        Assert.That(a, Is.EqualTo(original), "the input is not modified");
        Assert.That(Residual(a, false, x, b, n, columns), Is.LessThanOrEqualTo(8 * n * Eps));
        Assert.That(Residual(a, true, xt, b, n, columns), Is.LessThanOrEqualTo(8 * n * Eps));
    }

    [TestCaseSource(nameof(Cases))]
    public void InverseDeterminantAndConditionAgreeWithMathNet(Candidate candidate, int n)
    {
        double[] a = WellConditioned(n, 5 * n + 1);
        var am = DenseMatrix.OfColumnMajor(n, n, a);
        var lu = LuFactorization.Factor(a, n, "a", candidate.Backend);
        var inverse = new double[n * n];
        Array.Fill(inverse, double.NaN);
        double kappa = lu.Inverse(inverse);

        var expected = am.Inverse();
        double exactKappa = am.L1Norm() * expected.L1Norm();
        Assert.That((DenseMatrix.OfColumnMajor(n, n, inverse) - expected).L1Norm(), Is.LessThanOrEqualTo(8 * n * Eps * exactKappa * expected.L1Norm()));
        Assert.That(kappa, Is.EqualTo(exactKappa).Within(8 * n * Eps * exactKappa));
        double estimate = lu.EstimateCondition();
        Assert.That(estimate, Is.LessThanOrEqualTo(kappa * (1 + 8 * n * Eps)), "Hager's estimate is a lower bound");
        Assert.That(estimate, Is.GreaterThanOrEqualTo(kappa / n));

        // MathNet's own factors give log|det| even where det itself overflows (n = 150: |det| ≈ e^750).
        var diagonal = am.LU().U.Diagonal();
        double expectedLog = diagonal.Sum(u => Math.Log(Math.Abs(u)));
        var (log, sign) = lu.LogDeterminant();
        Assert.That(log, Is.EqualTo(expectedLog).Within(8 * n * Eps * Math.Max(1, Math.Abs(log)) * exactKappa));
        double det = am.Determinant();
        if (double.IsFinite(det))
        {
            Assert.That(sign, Is.EqualTo(Math.Sign(det)));
            Assert.That(lu.Determinant(), Is.EqualTo(det).Within(8 * n * Eps * exactKappa * Math.Abs(det)));
        }
        else
        {
            Assert.That(sign, Is.EqualTo(Math.Sign(det)));
            Assert.Throws<OverflowException>(() => lu.Determinant());
        }
    }

    [Test]
    public void APermutationHasTheSignOfItsParity()
    {
        // Rows (2, 0, 1): a cyclic permutation of three, even; swap two rows of I: odd.
        double[] cyclic = [0, 1, 0, 0, 0, 1, 1, 0, 0];
        double[] swap = [0, 1, 0, 1, 0, 0, 0, 0, 1];
        Assert.That(LuFactorization.Factor(cyclic, 3).Determinant(), Is.EqualTo(1.0));
        Assert.That(LuFactorization.Factor(swap, 3).Determinant(), Is.EqualTo(-1.0));
        Assert.That(LuFactorization.Factor(swap, 3).LogDeterminant(), Is.EqualTo((0.0, -1)));
    }

    private static double[] ScaledIdentity(int n, double s)
    {
        var a = new double[n * n];
        for (int i = 0; i < n; i++) a[i + i * n] = s;
        return a;
    }

    [TestCase(1e-310)]
    [TestCase(1e-200)]
    [TestCase(1e-10)]
    [TestCase(1e300)]
    public void AScaledIdentityHasConditionOne(double s)
    {
        const int n = 4;
        var lu = LuFactorization.Factor(ScaledIdentity(n, s), n);
        Assert.That(lu.EstimateCondition(), Is.EqualTo(1.0).Within(4 * Eps));
        Assert.That(lu.LogDeterminant().LogAbsDeterminant, Is.EqualTo(n * Math.Log(s)).Within(16 * Eps * Math.Abs(n * Math.Log(s))));
        var inverse = new double[n * n];
        if (double.IsFinite(1 / s))
        {
            Assert.That(lu.Inverse(inverse), Is.EqualTo(1.0).Within(4 * Eps));
            Assert.That(inverse[0], Is.EqualTo(1 / s).Within(4 * Eps / s));
            Assert.That(inverse[1], Is.EqualTo(0.0));
        }
        else
        {
            // 1e-310·I is perfectly conditioned; its inverse 1e310·I is what does not exist in double.
            var e = Assert.Throws<OverflowException>(() => lu.Inverse(inverse))!;
            Assert.That(e.Message, Does.Contain("exceeds the double range").And.Contain("A⁻¹"));
        }
    }

    [Test]
    public void ARotationTimesHugeAHasConditionTwoAndAnExactInverse()
    {
        // [[a, −a], [a, a]] column-major with a = 1e308: ‖A‖₁ = 2e308 overflows, κ₁ = 2, A⁻¹ = [[1, 1], [−1, 1]]/(2a).
        const double a = 1e308;
        double[] matrix = [a, -a, a, a];
        var lu = LuFactorization.Factor(matrix, 2, "x");
        var inverse = new double[4];
        Assert.That(lu.Inverse(inverse), Is.EqualTo(2.0).Within(4 * Eps));
        Assert.That(lu.EstimateCondition(), Is.EqualTo(2.0).Within(4 * Eps));
        double half = 0.5 / a;
        Assert.That(inverse, Is.EqualTo(new[] { half, half, -half, half }).Within(4 * Eps * half));
        Assert.That(double.IsPositiveInfinity(lu.OneNorm));
        var (log, sign) = lu.LogDeterminant();
        Assert.That(sign, Is.EqualTo(1));
        Assert.That(log, Is.EqualTo(Math.Log(2) + 2 * Math.Log(a)).Within(8 * Eps * log));
        var e = Assert.Throws<OverflowException>(() => lu.Determinant())!;
        Assert.That(e.Message, Does.Contain("det x").And.Contain("double range"));
    }

    [Test]
    public void AHugeWellConditionedSystemSolvesAtItsOwnScale()
    {
        const int n = 5;
        double[] a = WellConditioned(n, 3).Select(v => v * 1e305).ToArray();
        double[] b = LinearAlgebraTests.RandomMatrix(new Random(4), n);
        var lu = LuFactorization.Factor(a, n);
        Assert.That(lu.ScaleExponent, Is.Not.EqualTo(0));
        double[] x = (double[])b.Clone(), xt = (double[])b.Clone();
        lu.Solve(x, 1);
        lu.SolveTransposed(xt, 1);
        // Compare with the same system at scale 1: x·1e305 solves it.
        var small = LuFactorization.Factor(WellConditioned(n, 3), n);
        double[] y = (double[])b.Clone(), yt = (double[])b.Clone();
        small.Solve(y, 1);
        small.SolveTransposed(yt, 1);
        for (int i = 0; i < n; i++)
        {
            Assert.That(x[i] * 1e305, Is.EqualTo(y[i]).Within(16 * n * Eps * y.Max(Math.Abs)));
            Assert.That(xt[i] * 1e305, Is.EqualTo(yt[i]).Within(16 * n * Eps * yt.Max(Math.Abs)));
        }
    }

    [Test]
    public void AnExactlySingularMatrixIsReportedByEveryMethodThatNeedsAnInverse()
    {
        double[] a = [1, 2, 2, 4]; // rank one
        var lu = LuFactorization.Factor(a, 2, "x");
        Assert.That(lu.IsExactlySingular);
        Assert.That(lu.Determinant(), Is.EqualTo(0.0));
        Assert.That(lu.LogDeterminant(), Is.EqualTo((double.NegativeInfinity, 0)));
        Assert.That(lu.EstimateCondition(), Is.EqualTo(double.PositiveInfinity));
        var e = Assert.Throws<SingularMatrixException>(() => lu.Inverse(new double[4]))!;
        Assert.That(e.Message, Does.Contain("x (2×2) is singular: LU pivot 1 is exactly zero"));
        Assert.That(e.ParamName, Is.EqualTo("x"));
        Assert.Throws<SingularMatrixException>(() => lu.Solve(new double[2], 1));
        Assert.Throws<SingularMatrixException>(() => lu.SolveTransposed(new double[2], 1));
        Assert.Throws<SingularMatrixException>(() => lu.RequireWellConditioned());
    }

    [Test]
    public void ANumericallySingularMatrixIsRefusedWithItsConditionFigure()
    {
        double[] a = [1, 1, 1, 1 + 2 * Eps]; // κ₁ ≈ 4/(2ε): κ₁·ε ≈ 2
        var lu = LuFactorization.Factor(a, 2, "x");
        Assert.That(lu.IsExactlySingular, Is.False);
        var e = Assert.Throws<SingularMatrixException>(() => lu.Inverse(new double[4]))!;
        Assert.That(e.Message, Does.Contain("numerically singular"));
        Assert.That(e.ConditionEstimate * Eps, Is.GreaterThanOrEqualTo(1.0));
        Assert.Throws<SingularMatrixException>(() => lu.RequireWellConditioned());
    }

    [Test]
    public void BadArgumentsAreNamed()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => LuFactorization.Factor([], 0));
        var shortInput = Assert.Throws<ArgumentException>(() => LuFactorization.Factor(new double[3], 2, "x"))!;
        Assert.That(shortInput.ParamName, Is.EqualTo("x"));
        var nan = Assert.Throws<ArgumentException>(() => LuFactorization.Factor([1, double.NaN, 0, 1], 2, "x"))!;
        Assert.That(nan.Message, Does.Contain("NaN or infinity (first at [1, 0])"));
        var lu = LuFactorization.Factor([2, 0, 0, 2], 2);
        Assert.Throws<ArgumentException>(() => lu.Solve(new double[3], 2));
        Assert.Throws<ArgumentException>(() => lu.Inverse(new double[3]));
        Assert.Throws<ArgumentOutOfRangeException>(() => lu.SolveTransposed(new double[2], -1));
        var half = LuFactorization.Factor([0.5, 0, 0, 0.5], 2);
        var overflow = Assert.Throws<OverflowException>(() => half.Solve([double.MaxValue, 1], 1))!;
        Assert.That(overflow.Message, Does.Contain("solution of A·X = B"));
    }
}
