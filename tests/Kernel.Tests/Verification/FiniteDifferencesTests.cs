using Differentials.Verification;
using MathNet.Numerics.LinearAlgebra;

namespace Differentials.Tests.Verification;

public class FiniteDifferencesTests
{
    private const int N = 5;
    private static readonly Vector<double> X = TestFunctions.SinPoint(N);

    // A direction with ‖u‖∞ = 1, so that the Taylor coefficients below are bounded by those of sin.
    private static Vector<double> Direction(int seed)
    {
        Vector<double> u = RandomMatrices.GaussianVector(N, new Random(seed));
        return u / u.InfinityNorm();
    }

    private static Vector<double> Exact(Vector<double> u) => TestFunctions.SinDifferential(X, u);

    [Test]
    public void CentralAndOneSidedApproximateTheDerivativeWithinTheirBounds()
    {
        Vector<double> u = Direction(1), exact = Exact(u);
        foreach (var (scheme, h) in new[] { (FiniteDifferenceScheme.Central, 1e-4), (FiniteDifferenceScheme.OneSided, 1e-6) })
        {
            Vector<double> fd = scheme == FiniteDifferenceScheme.Central
                ? FiniteDifferences.Central(TestFunctions.Sin, X, u, h)
                : FiniteDifferences.OneSided(TestFunctions.Sin, X, u, h);
            Assert.That((fd - exact).L2Norm() / exact.L2Norm(), Is.LessThanOrEqualTo(Tolerances.ForFiniteDifference(scheme, h)), scheme.ToString());
        }
    }

    [Test]
    public void MatrixOverloadsAgreeWithTheVectorFormOnTheFlattenedFunction()
    {
        var random = new Random(2);
        Matrix<double> x = TestFunctions.WellConditioned(3, random), u = RandomMatrices.Gaussian(3, 3, random);
        Func<Vector<double>, Vector<double>> flat = Vectorization.Flattened(TestFunctions.Square, 3, 3);
        // Same arithmetic up to how the division by h is rounded (MathNet's matrix and vector divisions differ by an ulp).
        Vector<double> matrixCentral = Vectorization.Vec(FiniteDifferences.Central(TestFunctions.Square, x, u, 1e-3));
        Vector<double> vectorCentral = FiniteDifferences.Central(flat, Vectorization.Vec(x), Vectorization.Vec(u), 1e-3);
        Assert.That((matrixCentral - vectorCentral).L2Norm(), Is.LessThanOrEqualTo(Tolerances.ForProduct(1) * vectorCentral.L2Norm()));
        Vector<double> matrixOneSided = Vectorization.Vec(FiniteDifferences.OneSided(TestFunctions.Square, x, u, 1e-3));
        Vector<double> vectorOneSided = FiniteDifferences.OneSided(flat, Vectorization.Vec(x), Vectorization.Vec(u), 1e-3);
        Assert.That((matrixOneSided - vectorOneSided).L2Norm(), Is.LessThanOrEqualTo(Tolerances.ForProduct(1) * vectorOneSided.L2Norm()));
        // X·X is quadratic, so the central difference has no truncation error: (X+hU)² − (X−hU)² = 2h(UX + XU).
        // What is left is the rounding of the 3-term products, amplified by the division by h.
        Matrix<double> exact = TestFunctions.SquareDifferential(x, u);
        Matrix<double> central = FiniteDifferences.Central(TestFunctions.Square, x, u, 1e-3);
        Assert.That((central - exact).FrobeniusNorm() / exact.FrobeniusNorm(), Is.LessThanOrEqualTo(Tolerances.ForProduct(3) / 1e-3));
    }

    [Test]
    public void CentralErrorShrinksLikeHSquared()
    {
        Vector<double> u = Direction(3);
        double[] steps = FiniteDifferences.LogSteps(1e-1, 1e-3, 9);
        double slope = FiniteDifferences.ObservedOrder(
            FiniteDifferences.Sweep(TestFunctions.Sin, X, u, Exact(u), steps, FiniteDifferenceScheme.Central));
        // Per entry the error is h²u³f‴/6 + h⁴u⁵f⁽⁵⁾/120 with f = sin, |u| ≤ 1, so the second term is at most
        // h²/20 of the first and bends the log-log slope by at most 2·h²/20 = 1e-3 at h = 0.1 (round-off,
        // ε/h ≈ 2e-13 at h = 1e-3, is negligible against the truncation error ≈ 1e-7).
        double bound = Tolerances.SafetyFactor * 2 * steps.Max() * steps.Max() / 20;
        TestContext.Out.WriteLine($"central slope {slope:F5}, bound ±{bound:E2}");
        Assert.That(slope, Is.EqualTo(2.0).Within(bound));
    }

    [Test]
    public void OneSidedErrorShrinksLikeH()
    {
        Vector<double> u = Direction(4);
        double[] steps = FiniteDifferences.LogSteps(1e-2, 1e-5, 13);
        double slope = FiniteDifferences.ObservedOrder(
            FiniteDifferences.Sweep(TestFunctions.Sin, X, u, Exact(u), steps, FiniteDifferenceScheme.OneSided));
        // Per entry the error is h·u²f″/2 + h²u³f‴/6; the ratio of the terms is h·u·cot(x)/3 ≤ h·cot(0.5)/3 on
        // x ∈ [0.5, 1.5], which bends the slope by at most that much at the largest step.
        double bound = Tolerances.SafetyFactor * steps.Max() / Math.Tan(0.5) / 3;
        TestContext.Out.WriteLine($"one-sided slope {slope:F5}, bound ±{bound:E2}");
        Assert.That(slope, Is.EqualTo(1.0).Within(bound));
    }

    [Test]
    public void RoundOffMakesTheErrorGrowAtTinySteps()
    {
        Vector<double> u = Direction(5);
        double[] steps = FiniteDifferences.LogSteps(1e-8, 1e-14, 25);
        IReadOnlyList<StepError> sweep = FiniteDifferences.Sweep(TestFunctions.Sin, X, u, Exact(u), steps, FiniteDifferenceScheme.Central);
        // Below the optimal step the error is dominated by ε·|f|/h: the fitted slope is about −1.
        double slope = FiniteDifferences.ObservedOrder(sweep);
        TestContext.Out.WriteLine($"round-off slope {slope:F3}, error at 1e-14: {sweep[^1].Error:E2}");
        Assert.That(slope, Is.InRange(-1.5, -0.5));
        // And at h = 1e-14 it is far above the error at the optimal step (≈ ε^(2/3) ≈ 4e-11).
        double atOptimum = FiniteDifferences.Sweep(TestFunctions.Sin, X, u, Exact(u),
            new[] { FiniteDifferences.OptimalStep(FiniteDifferenceScheme.Central) }, FiniteDifferenceScheme.Central)[0].Error;
        Assert.That(sweep[^1].Error, Is.GreaterThan(1000 * atOptimum));
    }

    [TestCase(FiniteDifferenceScheme.Central)]
    [TestCase(FiniteDifferenceScheme.OneSided)]
    public void TheBottomOfTheVIsNearTheOptimalStep(FiniteDifferenceScheme scheme)
    {
        Vector<double> u = Direction(6);
        double[] steps = FiniteDifferences.LogSteps(1e-1, 1e-14, 66);
        IReadOnlyList<StepError> sweep = FiniteDifferences.Sweep(TestFunctions.Sin, X, u, Exact(u), steps, scheme);
        StepError best = sweep.MinBy(p => p.Error);
        double optimal = FiniteDifferences.OptimalStep(scheme, X);
        TestContext.Out.WriteLine($"{scheme}: best step {best.Step:E2} (error {best.Error:E2}), optimal step {optimal:E2}");
        // Near its bottom the V is flat and round-off is noisy: accept the minimum within a decade and a half.
        Assert.That(Math.Abs(Math.Log10(best.Step / optimal)), Is.LessThanOrEqualTo(1.5), $"best step {best.Step:E2} vs optimal {optimal:E2}");
        Assert.That(best.Error, Is.LessThanOrEqualTo(Tolerances.ForFiniteDifference(scheme, optimal)));
        // Both arms of the V rise well above its bottom.
        Assert.That(sweep[0].Error, Is.GreaterThan(100 * best.Error));
        Assert.That(sweep[^1].Error, Is.GreaterThan(100 * best.Error));
    }

    [Test]
    public void MatrixSweepEqualsTheSweepOfTheFlattenedFunction()
    {
        var random = new Random(14);
        Matrix<double> x = TestFunctions.WellConditioned(3, random), u = RandomMatrices.Gaussian(3, 3, random);
        Matrix<double> exact = TestFunctions.InverseDifferential(x.Inverse(), u);
        double[] steps = FiniteDifferences.LogSteps(1e-2, 1e-6, 5);
        IReadOnlyList<StepError> matrixSweep = FiniteDifferences.Sweep(TestFunctions.Inverse, x, u, exact, steps, FiniteDifferenceScheme.Central);
        IReadOnlyList<StepError> vectorSweep = FiniteDifferences.Sweep(Vectorization.Flattened(TestFunctions.Inverse, 3, 3),
            Vectorization.Vec(x), Vectorization.Vec(u), Vectorization.Vec(exact), steps, FiniteDifferenceScheme.Central);
        Assert.That(matrixSweep, Is.EqualTo(vectorSweep));
        // (X+hU)⁻¹ = Σₖ (−h·YU)ᵏ·Y, so the central difference's error is a series in (h·YU)²: the h⁴ term is at
        // most (h‖Y‖‖U‖)² times the h² term, which bends the slope by at most twice that at the largest step.
        double r = steps[0] * x.Inverse().L2Norm() * u.L2Norm();
        Assert.That(FiniteDifferences.ObservedOrder(matrixSweep.Take(3)), Is.EqualTo(2.0).Within(Tolerances.SafetyFactor * 2 * r * r));
    }

    [Test]
    public void OptimalStepScalesWithThePoint()
    {
        Assert.That(FiniteDifferences.OptimalStep(FiniteDifferenceScheme.Central), Is.EqualTo(Math.Cbrt(3 * Tolerances.Epsilon)));
        Assert.That(FiniteDifferences.OptimalStep(FiniteDifferenceScheme.OneSided), Is.EqualTo(2 * Math.Sqrt(Tolerances.Epsilon)));
        Vector<double> big = Vector<double>.Build.DenseOfArray(new[] { 3.0, -100.0 });
        Assert.That(FiniteDifferences.OptimalStep(FiniteDifferenceScheme.Central, big),
            Is.EqualTo(100 * FiniteDifferences.OptimalStep(FiniteDifferenceScheme.Central)).Within(1).Ulps);
    }

    [Test]
    public void LogStepsAreGeometricAndIncludeBothEnds()
    {
        double[] steps = FiniteDifferences.LogSteps(1e-1, 1e-5, 5);
        Assert.That(steps, Is.EqualTo(new[] { 1e-1, 1e-2, 1e-3, 1e-4, 1e-5 }).Within(1e-12).Percent);
        Assert.That(steps[0], Is.EqualTo(1e-1));
        Assert.That(steps[^1], Is.EqualTo(1e-5));
    }

    [Test]
    public void ObservedOrderRecoversAnExactPowerLaw()
    {
        var points = new[] { 1e-1, 1e-2, 1e-3 }.Select(h => new StepError(h, 7 * h * h * h)).ToArray();
        Assert.That(FiniteDifferences.ObservedOrder(points), Is.EqualTo(3.0).Within(1e-12));
    }

    [Test]
    public void RichardsonReachesTenDigitsOnSmoothVectorFunctions()
    {
        Vector<double> u = Direction(7);
        Vector<double> exact = Exact(u);
        RichardsonEstimate r = FiniteDifferences.Richardson(TestFunctions.Sin, X, u);
        double error = (r.Estimate - exact).L2Norm() / exact.L2Norm();
        TestContext.Out.WriteLine($"Ridders on sin: relative error {error:E2}, error estimate {r.ErrorEstimate / exact.L2Norm():E2}, {r.Evaluations} evaluations");
        Assert.That(error, Is.LessThanOrEqualTo(1e-10));
        // The error estimate is honest: the true error lies within the tolerance CheckDifferential derives from it.
        Assert.That(error * exact.L2Norm(), Is.LessThanOrEqualTo(Tolerances.SafetyFactor * r.ErrorEstimate + Tolerances.ForProduct(N) * exact.L2Norm()));
        Assert.That(r.Evaluations, Is.InRange(4, 20));

        // exp(x)·sin(x) entry-wise, derivative (sin + cos)·exp.
        static Vector<double> ExpSin(Vector<double> v) => v.Map(t => Math.Exp(t) * Math.Sin(t));
        Vector<double> exact2 = X.Map(t => Math.Exp(t) * (Math.Sin(t) + Math.Cos(t))).PointwiseMultiply(u);
        RichardsonEstimate r2 = FiniteDifferences.Richardson(ExpSin, X, u);
        Assert.That((r2.Estimate - exact2).L2Norm() / exact2.L2Norm(), Is.LessThanOrEqualTo(1e-10));
    }

    [Test]
    public void RichardsonReachesTenDigitsOnTheMatrixInverse()
    {
        var random = new Random(8);
        Matrix<double> x = TestFunctions.WellConditioned(4, random), u = RandomMatrices.Gaussian(4, 4, random);
        Matrix<double> exact = TestFunctions.InverseDifferential(x.Inverse(), u);
        RichardsonEstimate r = FiniteDifferences.Richardson(TestFunctions.Inverse, x, u);
        Matrix<double> estimate = Vectorization.Unvec(r.Estimate, 4, 4);
        Assert.That((estimate - exact).FrobeniusNorm() / exact.FrobeniusNorm(), Is.LessThanOrEqualTo(1e-10));
    }

    [TestCase(1e3)]
    [TestCase(1e5)]
    public void TheDefaultStepShrinksWhenItCrossesANearSingularity(double kappa)
    {
        // X with singular values from 1 to 1/κ: X + hU is singular near h = σ_min/‖U‖₂, far inside the
        // default first step 0.1·max(1, max|Xᵢⱼ|)/max|Uᵢⱼ|.
        var random = new Random(21);
        const int n = 4;
        Matrix<double> x = RandomMatrices.WithConditionNumber(n, kappa, random), u = RandomMatrices.Gaussian(n, n, random);
        double defaultStep = 0.1 * Math.Max(1, x.Enumerate().Max(Math.Abs)) / u.Enumerate().Max(Math.Abs);
        Func<Matrix<double>, Matrix<double>, Matrix<double>> differential = (xx, uu) => TestFunctions.InverseDifferential(xx.Inverse(), uu);

        // The premise: extrapolating from the default step alone cannot vouch for its estimate, and the check says so.
        RichardsonEstimate fromDefault = FiniteDifferences.Richardson(TestFunctions.Inverse, x, u, defaultStep);
        Assert.That(fromDefault.ErrorEstimate / fromDefault.Estimate.L2Norm(), Is.GreaterThan(Math.Sqrt(Tolerances.Epsilon)));
        VerificationResult stuck = FiniteDifferences.CheckDifferential(TestFunctions.Inverse, differential, x, u, defaultStep, kappa);
        Assert.That(stuck.Name, Does.Contain("unreliable"), stuck.ToString());

        // Without a step the extrapolation restarts from smaller ones and the correct differential passes.
        RichardsonEstimate r = FiniteDifferences.Richardson(TestFunctions.Inverse, x, u);
        Assert.That(r.InitialStep, Is.LessThan(defaultStep / 5));
        Assert.That(r.InitialStep, Is.GreaterThanOrEqualTo(defaultStep * 1e-6 * (1 - 1e-12)), "at most six retries, each ten times smaller");
        Assert.That(r.Evaluations, Is.GreaterThan(fromDefault.Evaluations), "the evaluations of every attempt are counted");
        VerificationResult passed = FiniteDifferences.CheckDifferential(TestFunctions.Inverse, differential, x, u, conditionNumber: kappa, name: "inverse");
        TestContext.Out.WriteLine($"κ = {kappa:E0}: default step {defaultStep:E1}, used {r.InitialStep:E1}, {r.Evaluations} evaluations; {passed}");
        passed.EnsurePassed();
        Assert.That(passed.Name, Does.Not.Contain("unreliable"));

        // A wrong sign is still caught from the shrunk step.
        VerificationResult wrong = FiniteDifferences.CheckDifferential(TestFunctions.Inverse, (xx, uu) => -differential(xx, uu), x, u, conditionNumber: kappa);
        Assert.That(wrong.Passed, Is.False, wrong.ToString());
    }

    [Test]
    public void CheckDifferentialPassesCorrectDifferentials()
    {
        var random = new Random(9);
        Matrix<double> x = TestFunctions.WellConditioned(4, random), u = RandomMatrices.Gaussian(4, 4, random);
        TestContext.Out.WriteLine(FiniteDifferences.CheckDifferential(TestFunctions.Square, TestFunctions.SquareDifferential, x, u, name: "X·X").EnsurePassed());
        TestContext.Out.WriteLine(FiniteDifferences.CheckDifferential(TestFunctions.Inverse, (xx, uu) => TestFunctions.InverseDifferential(xx.Inverse(), uu),
            x, u, conditionNumber: RandomMatrices.ConditionNumber(x), name: "inverse").EnsurePassed().ToString());
        TestContext.Out.WriteLine(FiniteDifferences.CheckDifferential(TestFunctions.Sin, TestFunctions.SinDifferential, X, Direction(10), name: "sin").EnsurePassed());
    }

    [Test]
    public void CheckDifferentialFailsWrongDifferentials()
    {
        var random = new Random(12);
        Matrix<double> x = TestFunctions.WellConditioned(4, random), u = RandomMatrices.Gaussian(4, 4, random);
        // Product rule with a term missing, and with the factors in the wrong order on one side.
        VerificationResult missing = FiniteDifferences.CheckDifferential(TestFunctions.Square, (xx, uu) => uu * xx, x, u);
        VerificationResult transposed = FiniteDifferences.CheckDifferential(TestFunctions.Square, (xx, uu) => uu * xx + uu.Transpose() * xx, x, u);
        VerificationResult sign = FiniteDifferences.CheckDifferential(TestFunctions.Inverse, (xx, uu) => xx.Inverse() * uu * xx.Inverse(), x, u);
        foreach (VerificationResult r in new[] { missing, transposed, sign })
        {
            TestContext.Out.WriteLine(r.ToString());
            Assert.That(r.Passed, Is.False, r.ToString());
            Assert.That(r.Error, Is.GreaterThan(1e-3), r.ToString());
        }
        Assert.Throws<VerificationFailedException>(() => missing.EnsurePassed());
    }

    [Test]
    public void CheckDifferentialCapsTheToleranceWhenTheExtrapolationIsUnreliable()
    {
        // sin rounded to 4 decimals: its finite differences are noise of size 1e-4/h, so Ridders' error
        // estimate is large. Without the cap a differential that is 1% wrong would pass.
        static Vector<double> Noisy(Vector<double> v) => v.Map(t => Math.Round(Math.Sin(t), 4));
        Vector<double> u = Direction(13);
        RichardsonEstimate r = FiniteDifferences.Richardson(Noisy, X, u);
        Assert.That(Tolerances.SafetyFactor * r.ErrorEstimate / r.Estimate.L2Norm(), Is.GreaterThan(1e-2), "the premise: a poor extrapolation");
        VerificationResult wrong = FiniteDifferences.CheckDifferential(Noisy, (x, v) => 1.01 * TestFunctions.SinDifferential(x, v), X, u);
        TestContext.Out.WriteLine(wrong.ToString());
        Assert.That(wrong.Passed, Is.False, wrong.ToString());
        Assert.That(wrong.Tolerance, Is.LessThanOrEqualTo(FiniteDifferences.MaxExtrapolationTolerance + Tolerances.ForProduct(N)));
        Assert.That(wrong.Name, Does.Contain("unreliable"));
    }

    [Test]
    public void BadInputsThrowNamingTheProblem()
    {
        Vector<double> u3 = Vector<double>.Build.Dense(3, 1.0);
        var mismatch = Assert.Throws<ArgumentException>(() => FiniteDifferences.Central(TestFunctions.Sin, X, u3, 1e-3));
        Assert.That(mismatch!.Message, Does.Contain("length 5").And.Contain("length 3"));

        Assert.Throws<ArgumentNullException>(() => FiniteDifferences.Central(null!, X, X, 1e-3));
        foreach (double h in new[] { 0.0, -1e-3, double.NaN, double.PositiveInfinity })
        {
            var bad = Assert.Throws<ArgumentOutOfRangeException>(() => FiniteDifferences.OneSided(TestFunctions.Sin, X, X, h));
            Assert.That(bad!.Message, Does.Contain("positive"));
        }

        // f whose output length depends on its input: the two evaluations disagree.
        Func<Vector<double>, Vector<double>> unstable = v => Vector<double>.Build.Dense(v[0] > X[0] ? 2 : 3);
        var unstableEx = Assert.Throws<ArgumentException>(() => FiniteDifferences.Central(unstable, X, X, 1e-3));
        Assert.That(unstableEx!.Message, Does.Contain("length 2").And.Contain("3"));

        var wrongExact = Assert.Throws<ArgumentException>(() => FiniteDifferences.Sweep(TestFunctions.Sin, X, X,
            Vector<double>.Build.Dense(4, 1.0), new[] { 1e-3 }, FiniteDifferenceScheme.Central));
        Assert.That(wrongExact!.Message, Does.Contain("length 5").And.Contain("length 4"));
        Assert.Throws<ArgumentException>(() => FiniteDifferences.Sweep(TestFunctions.Sin, X, X, Exact(X), Array.Empty<double>(), FiniteDifferenceScheme.Central));
        Assert.Throws<ArgumentException>(() => FiniteDifferences.Sweep(TestFunctions.Sin, X, X, Vector<double>.Build.Dense(N), new[] { 1e-3 }, FiniteDifferenceScheme.Central));

        var zero = Assert.Throws<ArgumentException>(() => FiniteDifferences.Richardson(TestFunctions.Sin, X, Vector<double>.Build.Dense(N)));
        Assert.That(zero!.Message, Does.Contain("zero"));
        Assert.Throws<ArgumentOutOfRangeException>(() => FiniteDifferences.Richardson(TestFunctions.Sin, X, X, initialStep: -1));

        var wrongDifferential = Assert.Throws<ArgumentException>(() => FiniteDifferences.CheckDifferential(
            TestFunctions.Sin, (_, _) => Vector<double>.Build.Dense(2), X, X));
        Assert.That(wrongDifferential!.Message, Does.Contain("length 2").And.Contain("length 5"));

        Matrix<double> x = Matrix<double>.Build.DenseIdentity(3), u = Matrix<double>.Build.Dense(3, 2);
        var shape = Assert.Throws<ArgumentException>(() => FiniteDifferences.Central(TestFunctions.Square, x, u, 1e-3));
        Assert.That(shape!.Message, Does.Contain("3×3").And.Contain("3×2"));
        var wrongShape = Assert.Throws<ArgumentException>(() => FiniteDifferences.CheckDifferential(
            TestFunctions.Square, (xx, _) => Matrix<double>.Build.Dense(2, 3), x, x));
        Assert.That(wrongShape!.Message, Does.Contain("2×3").And.Contain("3×3"));

        Assert.Throws<ArgumentOutOfRangeException>(() => FiniteDifferences.LogSteps(1e-1, 0, 5));
        Assert.Throws<ArgumentOutOfRangeException>(() => FiniteDifferences.LogSteps(1e-1, 1e-3, 1));
        Assert.Throws<ArgumentException>(() => FiniteDifferences.ObservedOrder(new[] { new StepError(1e-3, 0) , new StepError(1e-2, 1) }));
        Assert.Throws<ArgumentException>(() => FiniteDifferences.ObservedOrder(new[] { new StepError(1e-3, 1) }));
    }
}
