using Differentials.Verification;
using MathNet.Numerics.LinearAlgebra;
using static Differentials.Tests.Operators.OperatorTestSupport;

namespace Differentials.Tests.Operators;

public class CircularConvolutionTests
{
    // The conformance table: one line per case (length n, seed); 67 pads to a power of two.
    [TestCase(1, 1)]
    [TestCase(8, 2)]
    [TestCase(13, 3)]
    [TestCase(67, 4)]
    public void PassesTheConformanceCheck(int n, int seed) =>
        Conformance.Check(ConvolutionRule.Instance, (Gaussian(n, seed), Gaussian(n, seed + 100)), seed: seed,
            badPoints: [(Gaussian(n, seed), Gaussian(n + 1, seed))]).EnsurePassed();

    private static readonly int[] Lengths = [1, 2, 3, 5, 7, 8, 16, 17, 31, 64, 97, 100];

    /// <summary>
    /// Error allowed between the FFT route and a direct sum, per unit of ‖a‖‖x‖. The FFT's normwise
    /// relative error grows like log₂ N·ε (Higham, Accuracy and Stability, §24.1) with N ≤ 4n when a
    /// non-power-of-two length goes through Bluestein's chirp; ‖â∘x̂‖ ≤ √n‖a‖‖x‖ turns that into √n·log₂(4n)·ε.
    /// The direct sum adds γ_n. The constant 10 covers forward, pointwise product and inverse.
    /// </summary>
    private static double ConvolutionTolerance(int n) => (10 * (Math.Log2(4 * n) + 1) * Math.Sqrt(n) + n) * Eps;

    [Test]
    public void MatchesTheDirectSum([ValueSource(nameof(Lengths))] int n)
    {
        Vector<double> a = Gaussian(n, 100 + n), x = Gaussian(n, 200 + n);
        Vector<double> y = CircularConvolution.Forward(a, x);
        double error = (y - DirectConvolution(a, x)).L2Norm() / (a.L2Norm() * x.L2Norm());
        TestContext.Out.WriteLine($"CircularConvolution vs direct n={n}: {error:E2} (tolerance {ConvolutionTolerance(n):E2})");
        Assert.That(error, Is.LessThanOrEqualTo(ConvolutionTolerance(n)));
    }

    [Test]
    public void BackwardMatchesDirectCorrelations([ValueSource(nameof(Lengths))] int n)
    {
        Vector<double> a = Gaussian(n, 300 + n), x = Gaussian(n, 400 + n), yBar = Gaussian(n, 500 + n);
        var (aBar, xBar) = CircularConvolution.Backward(a, x, yBar);
        double tol = ConvolutionTolerance(n);
        Assert.That((aBar - DirectCorrelation(x, yBar)).L2Norm(), Is.LessThanOrEqualTo(tol * x.L2Norm() * yBar.L2Norm()));
        Assert.That((xBar - DirectCorrelation(a, yBar)).L2Norm(), Is.LessThanOrEqualTo(tol * a.L2Norm() * yBar.L2Norm()));
    }

    [Test]
    public void KnownSmallExample()
    {
        // a = e₁ (a unit delay) shifts x circularly by one: [1, 2, 3, 4] → [4, 1, 2, 3].
        var a = Vector<double>.Build.DenseOfArray([0, 1, 0, 0]);
        var x = Vector<double>.Build.DenseOfArray([1, 2, 3, 4]);
        Vector<double> y = CircularConvolution.Forward(a, x);
        Assert.That((y - Vector<double>.Build.DenseOfArray([4, 1, 2, 3])).InfinityNorm(), Is.LessThanOrEqualTo(ConvolutionTolerance(4) * 30));
    }

    [Test]
    public void SpanOverloadAgreesWithVectorOverload([Values(1, 6, 13)] int n)
    {
        Vector<double> a = Gaussian(n, n), x = Gaussian(n, n + 1);
        var destination = new double[n];
        CircularConvolution.Forward(a.ToArray(), x.ToArray(), destination);
        Assert.That(destination, Is.EqualTo(CircularConvolution.Forward(a, x).ToArray()));
    }

    [Test]
    public void BadInputsAreRejectedWithTheLengths()
    {
        Vector<double> three = Gaussian(3, 1), four = Gaussian(4, 2);
        var ex = Assert.Throws<ArgumentException>(() => CircularConvolution.Forward(three, four));
        Assert.That(ex!.Message, Does.Contain("length 4").And.Contain("length 3"));
        Assert.That(() => CircularConvolution.Differential(three, three, four, three),
            Throws.ArgumentException.With.Property("ParamName").EqualTo("da").And.Message.Contain("length 4"));
        Assert.That(() => CircularConvolution.Differential(three, three, three, four),
            Throws.ArgumentException.With.Property("ParamName").EqualTo("dx"));
        Assert.That(() => CircularConvolution.Backward(three, three, four),
            Throws.ArgumentException.With.Property("ParamName").EqualTo("yBar").And.Message.Contain("length 4"));
        var empty = Vector<double>.Build.Dense(0);
        Assert.That(() => CircularConvolution.Forward(empty, empty), Throws.ArgumentException.With.Message.Contain("empty"));
        Assert.That(() => CircularConvolution.Forward(new double[2], new double[2], new double[3]),
            Throws.ArgumentException.With.Message.Contain("2, 2 and 3"));
        var lin = CircularConvolution.Linearize(three, three);
        Assert.That(() => lin.Differential((four, three)), Throws.ArgumentException.With.Message.Contain("length 4"));
        Assert.That(() => lin.Backward(four), Throws.ArgumentException.With.Message.Contain("length 4"));
    }

    [TestCase(double.NaN)]
    [TestCase(double.PositiveInfinity)]
    public void NonFiniteInputsAreRejected(double bad)
    {
        Vector<double> good = Gaussian(5, 3), withBad = good.Clone();
        withBad[2] = bad;
        Assert.That(() => CircularConvolution.Forward(withBad, good),
            Throws.ArgumentException.With.Message.Contain("contains NaN or infinity").And.Property("ParamName").EqualTo("a"));
        Assert.That(() => CircularConvolution.Forward(good, withBad), Throws.ArgumentException.With.Property("ParamName").EqualTo("x"));
        Assert.That(() => CircularConvolution.Backward(good, good, withBad), Throws.ArgumentException.With.Property("ParamName").EqualTo("yBar"));
        Assert.Throws<ArgumentNullException>(() => CircularConvolution.Forward(null!, good));
    }

    private static Vector<double> Stack(Vector<double> first, Vector<double> second) =>
        Vector<double>.Build.DenseOfEnumerable(first.Concat(second));

}
