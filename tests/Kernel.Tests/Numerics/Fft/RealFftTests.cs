using System.Numerics;
using Differentials.Numerics;

namespace Differentials.Tests.Numerics;

/// <summary>
/// Every real FFT backend against a direct DFT (small n) and against each other (large n).
/// A radix FFT's normwise relative error grows like ε·log₂ n; the tolerances allow 8·ε·(1 + log₂ n).
/// The direct DFT uses exactly reduced angles (j·k mod n) and compensated sums, so its own error is
/// about ε times the size of the data, below those tolerances.
/// </summary>
public class RealFftTests
{
    private const double Eps = 2.220446049250313e-16;

    private static readonly int[] SmallLengths = [1, 2, 3, 4, 5, 7, 8, 16, 17, 31, 97, 100, 128, 1000, 1031];

    private static IEnumerable<TestCaseData> SmallCases() =>
        from name in FftBackends.All()
        from n in SmallLengths
        select new TestCaseData(name, n).SetArgDisplayNames(name, $"n={n}");

    private static double Tolerance(int n) => 8 * Eps * (1 + Math.Log2(n));

    /// <summary>
    /// MathNet's Bluestein path (lengths that are not powers of two) computes its chirp by a less
    /// accurate route: measured ≈ 8e-14 at n = 1000, growing with n. It is the reference backend, held
    /// to its own looser bound of 1e-12 here rather than excluded.
    /// </summary>
    private static double ToleranceFor(string name, int n) => name == "mathnet" ? Math.Max(1e-12, Tolerance(n)) : Tolerance(n);

    [TestCaseSource(nameof(SmallCases))]
    public void ForwardMatchesDirectDft(string name, int n)
    {
        var fft = FftBackends.Get(name);
        double[] x = RandomSignal(new Random(n), n);
        var expected = DirectDft(x);
        var actual = new Complex[n / 2 + 1];
        fft.Forward(x, actual);
        Assert.That(RelativeError(expected, actual), Is.LessThanOrEqualTo(ToleranceFor(name, n)));
    }

    [TestCaseSource(nameof(SmallCases))]
    public void InverseMatchesDirectInverseAndRoundTrips(string name, int n)
    {
        var fft = FftBackends.Get(name);
        double[] x = RandomSignal(new Random(n + 1), n);
        var spectrum = DirectDft(x);
        var back = new double[n];
        fft.Inverse(spectrum, back);
        Assert.That(RelativeError(x, back), Is.LessThanOrEqualTo(ToleranceFor(name, n)));
    }

    [TestCaseSource(nameof(SmallCases))]
    public void AnUnnormalisedInverseIsNTimesTheInverseOrRefusedByName(string name, int n)
    {
        var fft = FftBackends.Get(name);
        double[] x = RandomSignal(new Random(n + 3), n);
        var spectrum = DirectDft(x);
        if (!fft.HasUnnormalisedInverse)
        {
            var ex = Assert.Throws<NotSupportedException>(() => fft.InverseUnnormalisedOverwriting((Complex[])spectrum.Clone(), new double[n]));
            Assert.That(ex!.Message, Does.Contain(fft.Name).And.Contain("HasUnnormalisedInverse"));
            return;
        }
        // Through an odd offset too: half of all managed arrays miss the 16-byte alignment FFTW's plans want.
        foreach (int offset in new[] { 0, 1 })
        {
            var unnormalised = new double[n + offset];
            fft.InverseUnnormalisedOverwriting((Complex[])spectrum.Clone(), unnormalised.AsSpan(offset, n));
            var scaledBack = unnormalised.Skip(offset).Select(v => v / n).ToArray();
            Assert.That(RelativeError(x, scaledBack), Is.LessThanOrEqualTo(ToleranceFor(name, n)), $"offset {offset}");
        }
    }

    [TestCaseSource(nameof(SmallCases))]
    public void InverseIgnoresImaginaryPartsThatARealSignalCannotHave(string name, int n)
    {
        var fft = FftBackends.Get(name);
        double[] x = RandomSignal(new Random(n + 2), n);
        var spectrum = DirectDft(x);
        spectrum[0] += new Complex(0, 3.0);
        if (n % 2 == 0) spectrum[n / 2] += new Complex(0, -2.0);
        var back = new double[n];
        fft.Inverse(spectrum, back);
        Assert.That(RelativeError(x, back), Is.LessThanOrEqualTo(ToleranceFor(name, n) * 4));
    }

    private static IEnumerable<TestCaseData> LargeCases() =>
        from n in new[] { 1 << 14, 3 << 10, 10007, 2 * 3 * 5 * 7 * 11 * 13, 65537 }
        select new TestCaseData(n).SetArgDisplayNames($"n={n}");

    [TestCaseSource(nameof(LargeCases))]
    public void FftwAndManagedAgreeAtLargeLengths(int n)
    {
        var fftw = FftBackends.Get("fftw");
        var managed = FftBackends.Get("managed");
        double[] x = RandomSignal(new Random(n), n);
        var a = new Complex[n / 2 + 1];
        var b = new Complex[n / 2 + 1];
        fftw.Forward(x, a);
        managed.Forward(x, b);
        Assert.That(RelativeError(a, b), Is.LessThanOrEqualTo(2 * Tolerance(n)));

        var xa = new double[n];
        var xb = new double[n];
        fftw.Inverse(a, xa);
        managed.Inverse(a, xb);
        Assert.That(RelativeError(xa, xb), Is.LessThanOrEqualTo(2 * Tolerance(n)));
        Assert.That(RelativeError(x, xb), Is.LessThanOrEqualTo(2 * Tolerance(n)));
    }

    [TestCaseSource(nameof(LargeCases))]
    public void ManagedRoundTripsAtLargeLengths(int n)
    {
        var managed = FftBackends.Get("managed");
        double[] x = RandomSignal(new Random(n + 5), n);
        var spectrum = new Complex[n / 2 + 1];
        managed.Forward(x, spectrum);
        var back = new double[n];
        managed.Inverse(spectrum, back);
        Assert.That(RelativeError(x, back), Is.LessThanOrEqualTo(2 * Tolerance(n)));
    }

    [TestCaseSource(typeof(FftBackends), nameof(FftBackends.All))]
    public void RejectsShortSpectrumBuffers(string name)
    {
        var fft = FftBackends.Get(name);
        var ex = Assert.Throws<ArgumentException>(() => fft.Forward(new double[10], new Complex[5]));
        Assert.That(ex!.Message, Does.Contain("6"));
        Assert.Throws<ArgumentException>(() => fft.Inverse(new Complex[3], new double[10]));
    }

    internal static double[] RandomSignal(Random rng, int n)
    {
        var x = new double[n];
        for (int i = 0; i < n; i++) x[i] = 2 * rng.NextDouble() - 1;
        return x;
    }

    /// <summary>X_k = Σ_j x_j exp(−2πi jk/n) for k ≤ n/2, with angles reduced exactly and Kahan-compensated sums.</summary>
    internal static Complex[] DirectDft(double[] x)
    {
        int n = x.Length;
        var result = new Complex[n / 2 + 1];
        for (int k = 0; k <= n / 2; k++)
        {
            double re = 0, im = 0, cre = 0, cim = 0;
            for (int j = 0; j < n; j++)
            {
                long r = (long)j * k % n;
                (double sin, double cos) = Math.SinCos(-2 * Math.PI * r / n);
                double tr = x[j] * cos - cre, ti = x[j] * sin - cim;
                double sr = re + tr, si = im + ti;
                cre = sr - re - tr;
                cim = si - im - ti;
                re = sr;
                im = si;
            }
            result[k] = new Complex(re, im);
        }
        return result;
    }

    internal static double RelativeError(Complex[] expected, Complex[] actual)
    {
        double diff = 0, norm = 0;
        for (int i = 0; i < expected.Length; i++)
        {
            diff += (expected[i] - actual[i]).Magnitude * (expected[i] - actual[i]).Magnitude;
            norm += expected[i].Magnitude * expected[i].Magnitude;
        }
        return Math.Sqrt(diff / Math.Max(norm, double.Epsilon));
    }

    internal static double RelativeError(double[] expected, double[] actual)
    {
        double diff = 0, norm = 0;
        for (int i = 0; i < expected.Length; i++)
        {
            diff += (expected[i] - actual[i]) * (expected[i] - actual[i]);
            norm += expected[i] * expected[i];
        }
        return Math.Sqrt(diff / Math.Max(norm, double.Epsilon));
    }
}

public class FftwPlannerTests
{
    [Test]
    public void FftwGivesTheSameResultFromAlignedAndMisalignedBuffers()
    {
        var fftw = FftBackends.Get("fftw");
        const int n = 1000;
        double[] x = RealFftTests.RandomSignal(new Random(9), n);
        var expected = RealFftTests.DirectDft(x);
        double tolerance = 8 * 2.220446049250313e-16 * (1 + Math.Log2(n));
        // FFTW's direct path needs addresses ≡ 0 mod 16: test a 16-byte-aligned start and one 8 bytes off.
        double[] storage = GC.AllocateArray<double>(4 * n + 8, pinned: true);
        var handle = System.Runtime.InteropServices.GCHandle.Alloc(storage, System.Runtime.InteropServices.GCHandleType.Pinned);
        try
        {
            int alignedStart = (int)(handle.AddrOfPinnedObject() % 16) / 8;
            foreach (int shift in new[] { 0, 1 })
            {
                var input = storage.AsSpan(alignedStart + shift, n);
                x.CopyTo(input);
                // The spectrum lives in the same pinned block (2n doubles on, so with the same alignment as the input).
                var spectrum = System.Runtime.InteropServices.MemoryMarshal.Cast<double, System.Numerics.Complex>(storage.AsSpan(2 * n + alignedStart + shift, n + 2));
                fftw.Forward(input, spectrum[..(n / 2 + 1)]);
                Assert.That(RealFftTests.RelativeError(expected, spectrum[..(n / 2 + 1)].ToArray()), Is.LessThanOrEqualTo(tolerance), $"forward, shift {shift}");
                input.Clear();
                fftw.Inverse(spectrum[..(n / 2 + 1)], input);
                Assert.That(RealFftTests.RelativeError(x, input.ToArray()), Is.LessThanOrEqualTo(tolerance), $"inverse, shift {shift}");
            }
        }
        finally
        {
            handle.Free();
        }
    }

    [Test]
    public void FftwMixedAlignmentsGiveTheSameTransforms()
    {
        var fftw = FftBackends.Get("fftw");
        const int n = 1000;
        double[] x = RealFftTests.RandomSignal(new Random(10), n);
        var expected = RealFftTests.DirectDft(x);
        double tolerance = 8 * 2.220446049250313e-16 * (1 + Math.Log2(n));
        // Signal and spectrum in separate pinned blocks, each 16-byte aligned or 8 bytes off, in all four pairings:
        // each pairing takes a different path (direct, copy of one side, copy of both).
        double[] signals = GC.AllocateArray<double>(n + 8, pinned: true);
        double[] spectra = GC.AllocateArray<double>(n + 8, pinned: true);
        var signalHandle = System.Runtime.InteropServices.GCHandle.Alloc(signals, System.Runtime.InteropServices.GCHandleType.Pinned);
        var spectrumHandle = System.Runtime.InteropServices.GCHandle.Alloc(spectra, System.Runtime.InteropServices.GCHandleType.Pinned);
        try
        {
            int signalStart = (int)(signalHandle.AddrOfPinnedObject() % 16) / 8;
            int spectrumStart = (int)(spectrumHandle.AddrOfPinnedObject() % 16) / 8;
            foreach (int signalShift in new[] { 0, 1 })
            {
                foreach (int spectrumShift in new[] { 0, 1 })
                {
                    string where = $"signal shift {signalShift}, spectrum shift {spectrumShift}";
                    var signal = signals.AsSpan(signalStart + signalShift, n);
                    var spectrum = System.Runtime.InteropServices.MemoryMarshal.Cast<double, System.Numerics.Complex>(
                        spectra.AsSpan(spectrumStart + spectrumShift, n + 2));
                    x.CopyTo(signal);
                    fftw.Forward(signal, spectrum);
                    Assert.That(RealFftTests.RelativeError(expected, spectrum.ToArray()), Is.LessThanOrEqualTo(tolerance), $"forward, {where}");
                    signal.Clear();
                    fftw.InverseOverwriting(spectrum, signal);
                    Assert.That(RealFftTests.RelativeError(x, signal.ToArray()), Is.LessThanOrEqualTo(tolerance), $"inverse, {where}");
                }
            }
        }
        finally
        {
            signalHandle.Free();
            spectrumHandle.Free();
        }
    }

    [Test]
    public void MeasuredPlansGiveTheSameTransform()
    {
        var (measured, reason) = FftwRealFft.Load(["libfftw3.so.3"], measure: true);
        if (measured == null) Assert.Ignore($"FFTW is not available on this machine: {reason}");
        Assert.That(measured!.Measure, Is.True);
        Assert.That(measured.Name, Does.EndWith("(measure)"));
        const int n = 96;
        double[] x = RealFftTests.RandomSignal(new Random(4), n);
        var spectrum = new System.Numerics.Complex[n / 2 + 1];
        measured.Forward(x, spectrum);
        Assert.That(RealFftTests.RelativeError(RealFftTests.DirectDft(x), spectrum), Is.LessThanOrEqualTo(8 * 2.220446049250313e-16 * (1 + Math.Log2(n))));
        var back = new double[n];
        measured.Inverse(spectrum, back);
        Assert.That(RealFftTests.RelativeError(x, back), Is.LessThanOrEqualTo(8 * 2.220446049250313e-16 * (1 + Math.Log2(n))));
    }

    [Test]
    public void LongTransformsArePlannedForThreadsAndStayExact()
    {
        var (fft, reason) = FftwRealFft.Load(["libfftw3.so.3"]);
        if (fft == null) Assert.Ignore($"FFTW is not available on this machine: {reason}");
        Assert.That(fft!.Threads, Is.InRange(1, 2));
        int n = FftwRealFft.ThreadedLength;
        // An impulse at t0 has the spectrum e^{-2πi k t0 / n}: checkable in O(n) at a length that uses threads.
        const int t0 = 12345;
        var x = new double[n];
        x[t0] = 1.0;
        var spectrum = new System.Numerics.Complex[n / 2 + 1];
        fft.Forward(x, spectrum);
        double worst = 0;
        for (int k = 0; k < spectrum.Length; k += 97)
        {
            var expected = System.Numerics.Complex.FromPolarCoordinates(1.0, -2 * Math.PI * ((long)k * t0 % n) / n);
            worst = Math.Max(worst, (spectrum[k] - expected).Magnitude);
        }
        Assert.That(worst, Is.LessThanOrEqualTo(8 * 2.220446049250313e-16 * Math.Log2(n)));
        var back = new double[n];
        fft.Inverse(spectrum, back);
        Assert.That(back[t0], Is.EqualTo(1.0).Within(8 * 2.220446049250313e-16 * Math.Log2(n)));
        Assert.That(back.Select(Math.Abs).Where((_, i) => i != t0).Max(), Is.LessThanOrEqualTo(8 * 2.220446049250313e-16 * Math.Log2(n)));
    }
}
