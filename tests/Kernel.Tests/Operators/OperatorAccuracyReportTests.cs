using Differentials.Verification;
using MathNet.Numerics.LinearAlgebra;
using static Differentials.Tests.Operators.OperatorTestSupport;

namespace Differentials.Tests.Operators;

/// <summary>
/// One place that prints, for each operator at a few sizes, the dot-product mismatch and the finite-difference
/// error (Ridders' extrapolation, and a plain central difference at the step FiniteDifferences.OptimalStep
/// suggests), each checked against its derived tolerance. The figures go to the test log.
/// </summary>
public class OperatorAccuracyReportTests
{
    private static void Report(string what, VerificationResult dot, VerificationResult ridders, VerificationResult central)
    {
        TestContext.Out.WriteLine($"{what,-28} dot-product {dot.Error:E2} (tol {dot.Tolerance:E2})   Ridders {ridders.Error:E2} (tol {ridders.Tolerance:E2})   central {central.Error:E2} (tol {central.Tolerance:E2})");
        dot.EnsurePassed();
        ridders.EnsurePassed();
        central.EnsurePassed();
    }

    /// <summary>The central difference's relative error against Tolerances.ForFiniteDifference at that step and scale, times κ.</summary>
    private static VerificationResult Central(double error, double h, double scale, double kappa = 1) =>
        new("central difference", error, kappa * Tolerances.ForFiniteDifference(FiniteDifferenceScheme.Central, h, scale));

    [TestCase(4)]
    [TestCase(32)]
    [TestCase(100)]
    public void MatrixInverseFigures(int n)
    {
        Matrix<double> x = WithConditionNumber(n, 100, n), u = Gaussian(n, n, n + 1);
        double kappa = RandomMatrices.ConditionNumber(x);
        var lin = MatrixInverse.Linearize(x);
        var dot = DotProductTest.Run(lin.Differential, lin.Backward, n, n, n, n, seed: n, trials: 5, conditionNumber: kappa);
        double step = 0.1 / (lin.Value.L2Norm() * u.L2Norm());
        var ridders = FiniteDifferences.CheckDifferential(MatrixInverse.Forward, MatrixInverse.Differential, x, u, step, kappa);
        Matrix<double> du = lin.Differential(u);
        // Central difference with h balancing h² truncation against ε/h rounding, scaled to the inverse's length scale σ_min.
        double scale = 1 / (lin.Value.L2Norm() * u.L2Norm());
        double h = FiniteDifferences.OptimalStep(FiniteDifferenceScheme.Central, scale);
        double central = (FiniteDifferences.Central(MatrixInverse.Forward, x, u, h) - du).FrobeniusNorm() / du.FrobeniusNorm();
        Report($"MatrixInverse n={n} κ={kappa:E1}", dot, ridders, Central(central, h, scale, kappa));
    }

    [TestCase(4, 3)]
    [TestCase(40, 30)]
    [TestCase(100, 100)]
    public void GramFigures(int m, int n)
    {
        Matrix<double> x = Gaussian(m, n, m), u = Gaussian(m, n, m + 1);
        var lin = Gram.Linearize(x);
        var dot = DotProductTest.Run(lin.Differential, lin.Backward, m, n, n, n, seed: m, trials: 5);
        var ridders = FiniteDifferences.CheckDifferential(Gram.Forward, Gram.Differential, x, u);
        Matrix<double> du = lin.Differential(u);
        double scale = x.FrobeniusNorm() / u.FrobeniusNorm();
        double h = FiniteDifferences.OptimalStep(FiniteDifferenceScheme.Central, scale);
        double central = (FiniteDifferences.Central(Gram.Forward, x, u, h) - du).FrobeniusNorm() / du.FrobeniusNorm();
        Report($"Gram {m}×{n}", dot, ridders, Central(central, h, scale));
    }

    [TestCase(8)]
    [TestCase(97)]
    [TestCase(1000)]
    public void CircularConvolutionFigures(int n)
    {
        Vector<double> a = Gaussian(n, n), x = Gaussian(n, n + 1);
        var lin = CircularConvolution.Linearize(a, x);
        Vector<double> Differential(Vector<double> d) => lin.Differential((d.SubVector(0, n), d.SubVector(n, n)));
        Vector<double> Backward(Vector<double> yBar)
        {
            var (aBar, xBar) = lin.Backward(yBar);
            return Vector<double>.Build.DenseOfEnumerable(aBar.Concat(xBar));
        }
        Vector<double> F(Vector<double> z) => CircularConvolution.Forward(z.SubVector(0, n), z.SubVector(n, n));
        Vector<double> point = Vector<double>.Build.DenseOfEnumerable(a.Concat(x)), direction = Gaussian(2 * n, n + 2);
        var dot = DotProductTest.Run(Differential, Backward, 2 * n, n, seed: n, trials: 5);
        var ridders = FiniteDifferences.CheckDifferential(F, (_, d) => Differential(d), point, direction);
        Vector<double> du = Differential(direction);
        double scale = point.L2Norm() / direction.L2Norm();
        double h = FiniteDifferences.OptimalStep(FiniteDifferenceScheme.Central, scale);
        double central = (FiniteDifferences.Central(F, point, direction, h) - du).L2Norm() / du.L2Norm();
        Report($"CircularConvolution n={n}", dot, ridders, Central(central, h, scale));
    }
}
