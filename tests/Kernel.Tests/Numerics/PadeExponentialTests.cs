using Differentials.Numerics;
using MathNet.Numerics.LinearAlgebra;
using static Differentials.Tests.Operators.OperatorTestSupport;

namespace Differentials.Tests.Numerics;

public class PadeExponentialTests
{
    // The degree table (Higham 2005 θ_m for the forward): the smallest m with ‖X‖₁ ≤ θ_m, else 13 with the least s.
    [TestCase(0.0, 3, 0)]
    [TestCase(0.0149, 3, 0)]
    [TestCase(0.0150, 5, 0)]
    [TestCase(0.25, 5, 0)]
    [TestCase(0.26, 7, 0)]
    [TestCase(0.95, 7, 0)]
    [TestCase(0.96, 9, 0)]
    [TestCase(2.09, 9, 0)]
    [TestCase(2.10, 13, 0)]
    [TestCase(5.37, 13, 0)]
    [TestCase(5.38, 13, 1)]
    [TestCase(20.0, 13, 2)]
    [TestCase(1000.0, 13, 8)]
    public void ForwardDegreeFollowsHighamsThetaTable(double norm, int degree, int squarings) =>
        Assert.That(PadeExponential.Choose(norm, PadeExponential.ForwardTheta), Is.EqualTo((degree, squarings)));

    [TestCase(0.0107, 3, 0)]
    [TestCase(0.0109, 5, 0)]
    [TestCase(4.74, 13, 0)]
    [TestCase(4.75, 13, 1)]
    [TestCase(20.0, 13, 3)]
    public void DerivativeDegreeFollowsAlMohyHighamsTable(double norm, int degree, int squarings) =>
        Assert.That(PadeExponential.Choose(norm, PadeExponential.DerivativeTheta), Is.EqualTo((degree, squarings)));

    [Test]
    public void SquaringsStayBoundedBelowOneOverEpsilon()
    {
        // The largest accepted norm (just below 1/ε) needs s = ⌈log₂(2⁵²/θ₁₃)⌉ = 50.
        var (_, s) = PadeExponential.Choose(PadeExponential.MaxOneNorm * (1 - 1e-15), PadeExponential.ForwardTheta);
        Assert.That(s, Is.LessThanOrEqualTo(50));
    }

    [TestCase(0.005)]
    [TestCase(0.2)]
    [TestCase(0.7)]
    [TestCase(1.7)]
    [TestCase(4.5)]
    [TestCase(40.0)]
    public void EveryDegreeAgreesWithTheTaylorSeriesOfAOneByOne(double a)
    {
        // For 1×1, exp is the scalar exponential: each degree's r_m(2⁻ˢa)^(2^s) must match Math.Exp to a few ε·|a|
        // (κ_exp(a) = |a|), and L(a, 1) = e^a.
        var forward = PadeExponential.Compute([a], 1, forDerivative: false, "x");
        var derivative = PadeExponential.Compute([a], 1, forDerivative: true, "x");
        double tolerance = Differentials.Verification.Tolerances.ForConditioned(Math.Max(1, a), 1);
        Assert.That(Math.Abs(forward.Value[0] / Math.Exp(a) - 1), Is.LessThanOrEqualTo(tolerance));
        Assert.That(Math.Abs(derivative.Value[0] / Math.Exp(a) - 1), Is.LessThanOrEqualTo(tolerance));
        var l = new double[1];
        derivative.Frechet([1.0], l);
        Assert.That(Math.Abs(l[0] / Math.Exp(a) - 1), Is.LessThanOrEqualTo(tolerance));
    }

    [Test]
    public void TransposeIsExact()
    {
        var a = Gaussian(37, 37, 5);
        var t = new double[37 * 37];
        VectorOps.Transpose(a.ToColumnMajorArray(), t, 37);
        Assert.That(Matrix<double>.Build.Dense(37, 37, t), Is.EqualTo(a.Transpose()));
    }

    [Test]
    public void FrechetNeedsTheDerivativeTerms()
    {
        var forward = PadeExponential.Compute([1.0, 0, 0, 1.0], 2, forDerivative: false, "x");
        Assert.Throws<InvalidOperationException>(() => forward.Frechet(new double[4], new double[4]));
    }
}
