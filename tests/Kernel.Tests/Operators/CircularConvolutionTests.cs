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
    public void DotProductTestHolds([ValueSource(nameof(Lengths))] int n, [Values(1, 2)] int seed)
    {
        int s = 1000 * seed + n;
        Vector<double> a = Gaussian(n, s), x = Gaussian(n, s + 1), da = Gaussian(n, s + 2), dx = Gaussian(n, s + 3), yBar = Gaussian(n, s + 4);
        double lhs = Inner(yBar, CircularConvolution.Differential(a, x, da, dx));
        var (aBar, xBar) = CircularConvolution.Backward(a, x, yBar);
        double rhs = Inner(aBar, da) + Inner(xBar, dx);
        // Each convolution or correlation is within ConvolutionTolerance(n) of exact, relative to the product
        // of its operands' norms; S = ‖ȳ‖(‖da‖‖x‖ + ‖a‖‖dx‖) bounds both sides, and each side has two of them.
        double scale = yBar.L2Norm() * (da.L2Norm() * x.L2Norm() + a.L2Norm() * dx.L2Norm());
        double error = Math.Abs(lhs - rhs) / scale, tolerance = 2 * ConvolutionTolerance(n);
        TestContext.Out.WriteLine($"CircularConvolution dot-product n={n}: mismatch {error:E2} relative to ‖ȳ‖(‖da‖‖x‖+‖a‖‖dx‖) (tolerance {tolerance:E2}); |lhs − rhs|/|lhs| = {Math.Abs(lhs - rhs) / Math.Abs(lhs):E2}");
        Assert.That(error, Is.LessThanOrEqualTo(tolerance));
    }

    [TestCase(1, 1)]
    [TestCase(7, 2)]
    [TestCase(16, 3)]
    [TestCase(97, 4)]
    public void DifferentialMatchesCentralDifferences(int n, int seed)
    {
        Vector<double> a = Gaussian(n, seed), x = Gaussian(n, seed + 1), da = Gaussian(n, seed + 2), dx = Gaussian(n, seed + 3);
        // Stack (a, x) into one vector so one central difference perturbs both.
        Vector<double> F(Vector<double> ax) => CircularConvolution.Forward(ax.SubVector(0, n), ax.SubVector(n, n));
        Vector<double> point = Stack(a, x), direction = Stack(da, dx);
        // Bilinear: the central difference is exact but for rounding, ≤ tol(n)(‖a‖+h‖da‖)(‖x‖+h‖dx‖) per
        // evaluation, two evaluations over 2h.
        const double h = 1e-3;
        Vector<double> fd = Central(F, point, direction, h);
        Vector<double> dy = CircularConvolution.Differential(a, x, da, dx);
        double tolerance = 2 * ConvolutionTolerance(n) * (a.L2Norm() + h * da.L2Norm()) * (x.L2Norm() + h * dx.L2Norm()) / (2 * h);
        double error = (fd - dy).L2Norm();
        TestContext.Out.WriteLine($"CircularConvolution central FD n={n}, h={h:E0}: error {error:E2} (bound {tolerance:E2}; ‖dy‖={dy.L2Norm():E3})");
        Assert.That(error, Is.LessThanOrEqualTo(tolerance));
    }

    [TestCase(5, 1)]
    [TestCase(64, 2)]
    [TestCase(97, 3)]
    public void LinearizationAgreesWithPlainMethods(int n, int seed)
    {
        Vector<double> a = Gaussian(n, seed), x = Gaussian(n, seed + 1), da = Gaussian(n, seed + 2), dx = Gaussian(n, seed + 3), yBar = Gaussian(n, seed + 4);
        var lin = CircularConvolution.Linearize(a, x);
        Assert.That(lin.Value, Is.EqualTo(CircularConvolution.Forward(a, x)));
        Assert.That(lin.Differential((da, dx)), Is.EqualTo(CircularConvolution.Differential(a, x, da, dx)));
        var (aBar, xBar) = CircularConvolution.Backward(a, x, yBar);
        var pair = lin.Backward(yBar);
        Assert.That(pair.A, Is.EqualTo(aBar));
        Assert.That(pair.X, Is.EqualTo(xBar));
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

    [TestCase(8, 71)]
    [TestCase(31, 72)]
    [TestCase(100, 73)]
    public void VerificationToolsAccept(int n, int seed)
    {
        // The tools work on one vector: the input is the stacked pair (a, x) of length 2n.
        Vector<double> a = Gaussian(n, seed), x = Gaussian(n, seed + 1);
        var lin = CircularConvolution.Linearize(a, x);
        Vector<double> Differential(Vector<double> d) => lin.Differential((d.SubVector(0, n), d.SubVector(n, n)));
        Vector<double> Backward(Vector<double> yBar)
        {
            var (aBar, xBar) = lin.Backward(yBar);
            return Stack(aBar, xBar);
        }
        var dot = DotProductTest.Run(Differential, Backward, 2 * n, n, seed, trials: 5,
            name: $"CircularConvolution n={n}");
        var fd = FiniteDifferences.CheckDifferential(
            ax => CircularConvolution.Forward(ax.SubVector(0, n), ax.SubVector(n, n)),
            (ax, d) => CircularConvolution.Differential(ax.SubVector(0, n), ax.SubVector(n, n), d.SubVector(0, n), d.SubVector(n, n)),
            Stack(a, x), Gaussian(2 * n, seed + 2), name: $"CircularConvolution n={n}");
        TestContext.Out.WriteLine(dot);
        TestContext.Out.WriteLine(fd);
        dot.EnsurePassed();
        fd.EnsurePassed();
    }
}
