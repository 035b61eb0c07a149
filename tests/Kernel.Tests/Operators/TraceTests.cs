using Differentials.Verification;
using MathNet.Numerics.LinearAlgebra;
using static Differentials.Tests.Operators.OperatorTestSupport;

namespace Differentials.Tests.Operators;

public class TraceTests
{
    // The conformance table: one line per case (order n, seed).
    [TestCase(1, 1)]
    [TestCase(4, 2)]
    [TestCase(17, 3)]
    public void PassesTheConformanceCheck(int n, int seed) =>
        Conformance.Check(TraceRule.Instance, Gaussian(n, n, seed), seed: seed,
            badPoints: [Gaussian(n, n + 1, seed)]).EnsurePassed();

    [Test]
    public void TraceOfTheIdentityIsTheOrderAndItsGradientIsTheIdentity()
    {
        var identity = Matrix<double>.Build.DenseIdentity(5);
        Assert.That(Trace.Forward(identity), Is.EqualTo(5));                    // a sum of five 1s: exact
        Assert.That(Trace.Backward(identity, 2.0), Is.EqualTo(2.0 * identity));  // ȳ·I, exact
    }

    [Test]
    public void NonSquareAndNonFiniteGradientsAreRefused()
    {
        Assert.That(() => Trace.Forward(Matrix<double>.Build.Dense(2, 3)),
            Throws.ArgumentException.With.Message.Contain("square").And.Message.Contain("2×3"));
        Assert.That(() => Trace.Backward(Matrix<double>.Build.DenseIdentity(2), double.NaN),
            Throws.ArgumentException.With.Property("ParamName").EqualTo("yBar"));
    }
}
