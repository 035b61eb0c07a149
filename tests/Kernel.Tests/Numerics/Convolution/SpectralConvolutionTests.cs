using System.Numerics;
using Differentials.Numerics;

namespace Differentials.Tests.Numerics;

/// <summary>
/// Circular convolution and correlation through <see cref="SpectralConvolution"/>, padded and not,
/// under every FFT backend, against direct sums. For large n the check uses integer signals, one of
/// them sparse, whose exact circular convolution is cheap to form and exactly representable: the FFT
/// result must then be within ε·(1 + log₂ L)·‖a‖₁·max|x| of it, a bound on the rounding of the transforms.
/// </summary>
public class SpectralConvolutionTests
{
    private const double Eps = 2.220446049250313e-16;

    [TestCase(1, ExpectedResult = 1)]
    [TestCase(63, ExpectedResult = 63)]
    [TestCase(100, ExpectedResult = 100)]
    [TestCase(1024, ExpectedResult = 1024)]
    [TestCase(3 * 1024, ExpectedResult = 3 * 1024)]
    [TestCase(97, ExpectedResult = 256)]
    [TestCase(1031, ExpectedResult = 4096)]
    [TestCase(1000003, ExpectedResult = 1 << 21)]
    public int PadsOnlyLengthsWithLargePrimeFactors(int n) => new SpectralConvolution(n).TransformLength;

    private static IEnumerable<TestCaseData> Cases() =>
        from name in FftBackends.All()
        from n in new[] { 1, 2, 5, 8, 63, 64, 97, 100, 127, 128, 1031 }
        select new TestCaseData(name, n).SetArgDisplayNames(name, $"n={n}");

    [TestCaseSource(nameof(Cases))]
    public void ConvolveMatchesDirectSum(string name, int n)
    {
        FftBackends.With(name, _ =>
        {
            var rng = new Random(n);
            double[] a = RealFftTests.RandomSignal(rng, n), x = RealFftTests.RandomSignal(rng, n);
            var helper = new SpectralConvolution(n);
            var y = new double[n];
            helper.Convolve(helper.Spectrum(a), helper.Spectrum(x), y);

            var expected = new double[n];
            for (int k = 0; k < n; k++)
            {
                for (int t = 0; t < n; t++) expected[k] += a[t] * x[((k - t) % n + n) % n];
            }
            // Entries ≤ 1 in magnitude: each output is a sum of n products, so errors scale with n·ε·log L.
            double tolerance = 8 * Eps * n * (1 + Math.Log2(helper.TransformLength));
            Assert.That(MaxAbsDifference(expected, y), Is.LessThanOrEqualTo(tolerance));
        });
    }

    [TestCaseSource(nameof(Cases))]
    public void SignalLevelFormsMatchTheSpectrumLevelOnes(string name, int n)
    {
        FftBackends.With(name, _ =>
        {
            var rng = new Random(n + 11);
            double[] a = RealFftTests.RandomSignal(rng, n), x = RealFftTests.RandomSignal(rng, n);
            double[] da = RealFftTests.RandomSignal(rng, n), dx = RealFftTests.RandomSignal(rng, n);
            double[] yBar = RealFftTests.RandomSignal(rng, n);
            var helper = new SpectralConvolution(n);
            var sa = helper.Spectrum(a);
            var sx = helper.Spectrum(x);
            // Two convolutions of n sums of products ≤ 1 each: rounding scales with n·ε·log L.
            double tolerance = 16 * Eps * n * (1 + Math.Log2(helper.TransformLength));

            var y = new double[n];
            helper.ConvolveSignals(a, x, y);
            var expectedY = new double[n];
            helper.Convolve(sa, sx, expectedY);
            Assert.That(MaxAbsDifference(expectedY, y), Is.LessThanOrEqualTo(tolerance), "a ∗ x");

            // One shared inverse transform of dÂ·X̂ + Â·dX̂ equals da ∗ x + a ∗ dx formed separately.
            var sum = new double[n];
            helper.ConvolveSum(sa, sx, da, dx, sum);
            var first = new double[n];
            var second = new double[n];
            helper.Convolve(helper.Spectrum(da), sx, first);
            helper.Convolve(sa, helper.Spectrum(dx), second);
            for (int k = 0; k < n; k++) first[k] += second[k];
            Assert.That(MaxAbsDifference(first, sum), Is.LessThanOrEqualTo(tolerance), "da ∗ x + a ∗ dx");

            var aBar = new double[n];
            var xBar = new double[n];
            helper.CorrelatePair(sa, sx, yBar, aBar, xBar);
            var sy = helper.Spectrum(yBar);
            var expectedABar = new double[n];
            var expectedXBar = new double[n];
            helper.Correlate(sx, sy, expectedABar);
            helper.Correlate(sa, sy, expectedXBar);
            Assert.That(MaxAbsDifference(expectedABar, aBar), Is.LessThanOrEqualTo(tolerance), "x ⋆ ȳ");
            Assert.That(MaxAbsDifference(expectedXBar, xBar), Is.LessThanOrEqualTo(tolerance), "a ⋆ ȳ");
        });
    }

    [TestCaseSource(nameof(Cases))]
    public void CorrelateMatchesDirectSum(string name, int n)
    {
        FftBackends.With(name, _ =>
        {
            var rng = new Random(n + 7);
            double[] a = RealFftTests.RandomSignal(rng, n), b = RealFftTests.RandomSignal(rng, n);
            var helper = new SpectralConvolution(n);
            var c = new double[n];
            helper.Correlate(helper.Spectrum(a), helper.Spectrum(b), c);

            var expected = new double[n];
            for (int k = 0; k < n; k++)
            {
                for (int t = 0; t < n; t++) expected[k] += a[t] * b[(t + k) % n];
            }
            double tolerance = 8 * Eps * n * (1 + Math.Log2(helper.TransformLength));
            Assert.That(MaxAbsDifference(expected, c), Is.LessThanOrEqualTo(tolerance));
        });
    }

    private static IEnumerable<TestCaseData> LargeCases() =>
        from name in FftBackends.Accurate()
        from n in new[] { 1 << 18, 1000003 }
        select new TestCaseData(name, n).SetArgDisplayNames(name, $"n={n}");

    [TestCaseSource(nameof(LargeCases))]
    public void LargeIntegerConvolutionsAreExactToRounding(string name, int n)
    {
        FftBackends.With(name, _ =>
        {
            var rng = new Random(n);
            var x = new double[n];
            for (int i = 0; i < n; i++) x[i] = rng.Next(-9, 10);
            // A sparse kernel: its exact circular convolution costs n·(nonzeros) operations.
            var a = new double[n];
            int[] taps = [0, 1, 17, n / 3, n - 1];
            foreach (int t in taps) a[t] = rng.Next(1, 10);

            var exactConvolution = new double[n];
            var exactCorrelation = new double[n];
            foreach (int t in taps)
            {
                for (int k = 0; k < n; k++)
                {
                    exactConvolution[(k + t) % n] += a[t] * x[k];
                    exactCorrelation[((k - t) % n + n) % n] += a[t] * x[k];
                }
            }

            var helper = new SpectralConvolution(n);
            var sa = helper.Spectrum(a);
            var sx = helper.Spectrum(x);
            var y = new double[n];
            helper.Convolve(sa, sx, y);
            var c = new double[n];
            helper.Correlate(sa, sx, c);

            double scale = taps.Sum(t => Math.Abs(a[t])) * 9 * Math.Sqrt(n);
            double tolerance = 8 * Eps * (1 + Math.Log2(helper.TransformLength)) * scale;
            Assert.That(MaxAbsDifference(exactConvolution, y), Is.LessThanOrEqualTo(tolerance));
            Assert.That(MaxAbsDifference(exactCorrelation, c), Is.LessThanOrEqualTo(tolerance));
        });
    }

    [TestCaseSource(typeof(FftBackends), nameof(FftBackends.Accurate))]
    public void PaddedAndUnpaddedConvolutionsAgree(string name)
    {
        FftBackends.With(name, fft =>
        {
            const int n = 1031;
            var rng = new Random(5);
            double[] a = RealFftTests.RandomSignal(rng, n), x = RealFftTests.RandomSignal(rng, n);
            var helper = new SpectralConvolution(n);
            Assert.That(helper.IsPadded, Is.True);
            var padded = new double[n];
            helper.Convolve(helper.Spectrum(a), helper.Spectrum(x), padded);

            // The same convolution at length n, straight through the backend.
            var fa = new Complex[n / 2 + 1];
            var fx = new Complex[n / 2 + 1];
            fft.Forward(a, fa);
            fft.Forward(x, fx);
            for (int i = 0; i < fa.Length; i++) fa[i] *= fx[i];
            var direct = new double[n];
            fft.Inverse(fa, direct);
            Assert.That(MaxAbsDifference(direct, padded), Is.LessThanOrEqualTo(16 * Eps * n * Math.Log2(4096)));
        });
    }

    [Test]
    public void SpectrumIntoDestinationMatchesAllocatingOverload()
    {
        var helper = new SpectralConvolution(97);
        double[] a = RealFftTests.RandomSignal(new Random(3), 97);
        var destination = new Complex[helper.SpectrumLength];
        helper.Spectrum(a, destination);
        Assert.That(destination, Is.EqualTo(helper.Spectrum(a)));
    }

    [Test]
    public void RejectsSignalsOfTheWrongLength()
    {
        var helper = new SpectralConvolution(100);
        var ex = Assert.Throws<ArgumentException>(() => helper.Spectrum(new double[99]));
        Assert.That(ex!.Message, Does.Contain("99").And.Contain("100"));
        var spectrum = helper.Spectrum(new double[100]);
        Assert.Throws<ArgumentException>(() => helper.Convolve(spectrum, spectrum, new double[50]));
        Assert.Throws<ArgumentException>(() => helper.Convolve(spectrum[..10], spectrum, new double[100]));
    }

    private static double MaxAbsDifference(double[] x, double[] y)
    {
        double max = 0;
        for (int i = 0; i < x.Length; i++)
        {
            double d = Math.Abs(x[i] - y[i]);
            if (double.IsNaN(d)) return double.PositiveInfinity;
            max = Math.Max(max, d);
        }
        return max;
    }
}
