using Differentials.Verification;
using MathNet.Numerics.LinearAlgebra;

namespace Differentials.Tests.Verification;

/// <summary>
/// Functions of several arguments are checked as maps of the concatenated arguments; here with a
/// direct O(n²) circular convolution and its cross-correlation adjoints, written inline.
/// </summary>
public class MultipleArgumentTests
{
    private const int N = 7;

    // y_k = Σ_t a_t x_{k−t}, indices mod n.
    private static Vector<double> Convolve(Vector<double> a, Vector<double> x) =>
        Vector<double>.Build.Dense(a.Count, k => Enumerable.Range(0, a.Count).Sum(t => a[t] * x[Mod(k - t, a.Count)]));

    // (a ⋆ b)_k = Σ_t a_t b_{t+k}, indices mod n.
    private static Vector<double> Correlate(Vector<double> a, Vector<double> b) =>
        Vector<double>.Build.Dense(a.Count, k => Enumerable.Range(0, a.Count).Sum(t => a[t] * b[Mod(t + k, a.Count)]));

    private static int Mod(int i, int n) => ((i % n) + n) % n;

    private static (Vector<double> A, Vector<double> X) Point()
    {
        var random = new Random(50);
        return (RandomMatrices.GaussianVector(N, random), RandomMatrices.GaussianVector(N, random));
    }

    private static Vector<double> ConvolutionOfJoined(Vector<double> joined)
    {
        Vector<double>[] ax = Vectorization.Split(joined, N, N);
        return Convolve(ax[0], ax[1]);
    }

    private static Vector<double> ConvolutionDifferential(Vector<double> a, Vector<double> x, Vector<double> joinedDirection)
    {
        Vector<double>[] d = Vectorization.Split(joinedDirection, N, N);
        return Convolve(d[0], x) + Convolve(a, d[1]);
    }

    [Test]
    public void ConvolutionAdjointsPassTheDotProductTest()
    {
        var (a, x) = Point();
        VerificationResult r = DotProductTest.Run(
            u => ConvolutionDifferential(a, x, u),
            yBar => Vectorization.Concatenate(Correlate(x, yBar), Correlate(a, yBar)),
            2 * N, N, seed: 1, name: "circular convolution");
        TestContext.Out.WriteLine(r.ToString());
        Assert.That(r.Passed, Is.True, r.ToString());
    }

    [Test]
    public void ConvolutionAdjointsWithTheArgumentsSwappedOrAConvolutionInsteadOfACorrelationFail()
    {
        var (a, x) = Point();
        VerificationResult swapped = DotProductTest.Run(
            u => ConvolutionDifferential(a, x, u),
            yBar => Vectorization.Concatenate(Correlate(a, yBar), Correlate(x, yBar)), 2 * N, N, seed: 1);
        VerificationResult convolved = DotProductTest.Run(
            u => ConvolutionDifferential(a, x, u),
            yBar => Vectorization.Concatenate(Convolve(x, yBar), Convolve(a, yBar)), 2 * N, N, seed: 1);
        Assert.That(swapped.Passed, Is.False, swapped.ToString());
        Assert.That(convolved.Passed, Is.False, convolved.ToString());
    }

    [Test]
    public void ConvolutionDifferentialMatchesRiddersAndItsJacobian()
    {
        var (a, x) = Point();
        Vector<double> joined = Vectorization.Concatenate(a, x);
        Vector<double> direction = RandomMatrices.GaussianVector(2 * N, new Random(51));
        FiniteDifferences.CheckDifferential(ConvolutionOfJoined,
            (p, u) => { Vector<double>[] ax = Vectorization.Split(p, N, N); return ConvolutionDifferential(ax[0], ax[1], u); },
            joined, direction, name: "circular convolution").EnsurePassed();

        // Forward probes, backward probes and finite differences all give the same N×2N Jacobian.
        Matrix<double> forward = Jacobians.FromForward(u => ConvolutionDifferential(a, x, u), 2 * N);
        Matrix<double> backward = Jacobians.FromBackward(yBar => Vectorization.Concatenate(Correlate(x, yBar), Correlate(a, yBar)), N);
        Matrix<double> numeric = Jacobians.FromFiniteDifferences(ConvolutionOfJoined, joined);
        Jacobians.Compare(forward, backward, name: "forward vs backward").EnsurePassed();
        // Ridders on a bilinear map is exact up to rounding amplified by 1/h (h ≥ 0.1/1.4⁹ ≈ 5e-3 here).
        Assert.That((numeric - forward).FrobeniusNorm() / forward.FrobeniusNorm(), Is.LessThanOrEqualTo(1e-10));
    }

    [Test]
    public void ConcatenateAndSplitAreInverse()
    {
        var (a, x) = Point();
        Vector<double>[] parts = Vectorization.Split(Vectorization.Concatenate(a, x, a), N, N, N);
        Assert.That(parts, Has.Length.EqualTo(3));
        Assert.That(parts[0], Is.EqualTo(a));
        Assert.That(parts[1], Is.EqualTo(x));
        Assert.That(parts[2], Is.EqualTo(a));
    }

    [Test]
    public void SplitRejectsLengthsThatDoNotAddUp()
    {
        var ex = Assert.Throws<ArgumentException>(() => Vectorization.Split(Vector<double>.Build.Dense(5), 2, 2));
        Assert.That(ex!.Message, Does.Contain("[2, 2]").And.Contain("4").And.Contain("length 5"));
        Assert.Throws<ArgumentOutOfRangeException>(() => Vectorization.Split(Vector<double>.Build.Dense(5), 5, 0));
        Assert.Throws<ArgumentException>(() => Vectorization.Concatenate());
        Assert.Throws<ArgumentNullException>(() => Vectorization.Concatenate(Vector<double>.Build.Dense(2), null!));
    }
}
