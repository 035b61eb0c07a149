using Differentials.Numerics;

namespace Differentials.Tests.Numerics;

/// <summary>
/// Convolution, its differential and its adjoint at extreme magnitudes whose results are representable:
/// each input is scaled by a power of two before the transforms and the results after. Powers of two
/// commute with every rounding (away from overflow and underflow), so the results must equal bit for bit
/// those of the same signals brought to ordinary magnitude first, and the scale-free call must take its
/// ordinary path unchanged. Before the scaling, the spectra of inputs near 1e308 overflowed (NaN results)
/// and those of subnormal inputs lost digits.
/// </summary>
public class ScaledConvolutionTests
{
    // (exponent of a, exponent of x): a near 2^ea and x near 2^ex, each result near 2^(ea + ex) or ordinary.
    private static readonly (int A, int X)[] Scales = [(1020, -1020), (-1020, 1020), (1023, -1000), (-1060, 1000), (900, -400), (0, 0)];

    private static IEnumerable<TestCaseData> Cases() =>
        from name in FftBackends.All()
        from n in new[] { 1, 64, 97, 1024 }
        from scale in Scales
        select new TestCaseData(name, n, scale.A, scale.X).SetArgDisplayNames(name, $"n={n}", $"2^{scale.A}", $"2^{scale.X}");

    // Positive entries in [0.5, 1): Σa is n times the largest entry, the case where a spectrum overflows first.
    private static double[] Positive(Random rng, int n) => [.. Enumerable.Range(0, n).Select(_ => 0.5 + 0.5 * rng.NextDouble())];

    private static double[] Scaled(double[] values, int exponent) => [.. values.Select(v => Math.ScaleB(v, exponent))];

    [TestCaseSource(nameof(Cases))]
    public void ConvolutionAtExtremeScalesEqualsItAtOrdinaryScale(string name, int n, int ea, int ex)
    {
        FftBackends.With(name, _ =>
        {
            var rng = new Random(n * 31 + ea);
            double[] u = Positive(rng, n), v = RealFftTests.RandomSignal(rng, n);
            double[] du = RealFftTests.RandomSignal(rng, n), dv = Positive(rng, n), w = RealFftTests.RandomSignal(rng, n);
            double[] a = Scaled(u, ea), x = Scaled(v, ex), da = Scaled(du, ea), dx = Scaled(dv, ex);
            // Subnormal inputs hold fewer digits; the ordinary-scale reference must start from those same values.
            u = Scaled(a, -ea); v = Scaled(x, -ex); du = Scaled(da, -ea); dv = Scaled(dx, -ex);
            var helper = new SpectralConvolution(n);

            // Reference at ordinary scale, through the unscaled spectrum-level forms.
            var su = helper.Spectrum(u);
            var sv = helper.Spectrum(v);
            var y = new double[n];
            helper.Convolve(su, sv, y);
            var dy = new double[n];
            helper.ConvolveSum(su, sv, du, dv, dy);
            var ub = new double[n];
            var vb = new double[n];
            helper.CorrelatePair(su, sv, w, ub, vb);

            var actual = new double[n];
            helper.ConvolveSignals(a, x, actual);
            Assert.That(actual, Is.EqualTo(Scaled(y, ea + ex)), "a ∗ x");

            var point = helper.At(a, x);
            point.Value(actual);
            Assert.That(actual, Is.EqualTo(Scaled(y, ea + ex)), "a ∗ x at the point");
            point.Differential(da, dx, actual);
            Assert.That(actual, Is.EqualTo(Scaled(dy, ea + ex)), "da ∗ x + a ∗ dx");
            helper.DifferentialSignals(a, x, da, dx, actual);
            Assert.That(actual, Is.EqualTo(Scaled(dy, ea + ex)), "da ∗ x + a ∗ dx from the signals");

            var aBar = new double[n];
            var xBar = new double[n];
            point.Pullback(w, aBar, xBar);
            Assert.That(aBar, Is.EqualTo(Scaled(ub, ex)), "x ⋆ ȳ");
            Assert.That(xBar, Is.EqualTo(Scaled(vb, ea)), "a ⋆ ȳ");
            helper.CorrelatePairSignals(a, x, w, aBar, xBar);
            Assert.That(aBar, Is.EqualTo(Scaled(ub, ex)), "x ⋆ ȳ from the signals");
            Assert.That(xBar, Is.EqualTo(Scaled(vb, ea)), "a ⋆ ȳ from the signals");
            // a ∗ x and its differential are representable here by construction; a ⋆ ȳ with a near 2^1023 is
            // not (n·2^1023), and comes back as ±∞ like its reference: never NaN.
            Assert.That(actual.All(double.IsFinite), "the differential is finite");
            Assert.That(aBar.Concat(xBar).Any(double.IsNaN), Is.False, "no NaN in the pullback");
        });
    }

    [Test]
    public void ADifferentialWhoseTermsDifferBeyondTheDoubleRangeKeepsTheLargerExactly()
    {
        // da ∗ x ≈ 2^600 while a ∗ dx ≈ 2^-600: the second is far below the first's rounding and must not
        // turn it into NaN or ∞ on the way.
        const int n = 128;
        var rng = new Random(2);
        double[] a = Scaled(RealFftTests.RandomSignal(rng, n), -500), x = Scaled(RealFftTests.RandomSignal(rng, n), 300);
        double[] da = Scaled(RealFftTests.RandomSignal(rng, n), 300), dx = Scaled(RealFftTests.RandomSignal(rng, n), -100);
        var helper = new SpectralConvolution(n);
        var sum = new double[n];
        helper.DifferentialSignals(a, x, da, dx, sum);
        var first = new double[n];
        helper.ConvolveSignals(da, x, first);
        Assert.That(sum, Is.EqualTo(first));
    }

    [TestCase(0, ExpectedResult = 0)]
    [TestCase(400, ExpectedResult = 0)]
    [TestCase(401, ExpectedResult = 401)]
    [TestCase(-400, ExpectedResult = 0)]
    [TestCase(-401, ExpectedResult = -401)]
    [TestCase(1023, ExpectedResult = 1023)]
    [TestCase(-1074, ExpectedResult = -1074)]
    public int TheScaleExponentIsThatOfTheLargestEntryOutsideTheSafeRange(int exponent)
    {
        double largest = Math.ScaleB(1.0, exponent);
        return SpectralConvolution.ScaleExponent([largest / 2, -largest, 0.0]);
    }

    [Test]
    public void SignalsThatNoScalingMendsAreLeftAsTheyAre()
    {
        Assert.That(SpectralConvolution.ScaleExponent([0.0, 0.0]), Is.EqualTo(0));
        Assert.That(SpectralConvolution.ScaleExponent([1e300, double.NaN]), Is.EqualTo(0));
        Assert.That(SpectralConvolution.ScaleExponent([1e300, double.PositiveInfinity]), Is.EqualTo(0));
    }

    [Test]
    public void CallersLeaseOnlyTheirOwnScratch()
    {
        var helper = new SpectralConvolution(8);
        Assert.That(helper.SpectrumInScratch(SpectrumLease.CallerKernel, new double[8]).Length, Is.EqualTo(helper.SpectrumLength));
        var e = Assert.Throws<ArgumentException>(() => helper.SpectrumInScratch(SpectrumLease.Product, new double[8]));
        Assert.That(e!.ParamName, Is.EqualTo("lease"));
        Assert.Throws<ArgumentOutOfRangeException>(() => SpectrumScratch.Get(SpectrumScratch.Slots, 4));
    }
}
