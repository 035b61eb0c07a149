using System.Buffers;
using System.Numerics;

namespace Differentials.Numerics;

/// <summary>
/// Circular convolution and cross-correlation of real signals of one length n through real FFTs.
/// Spectra are exposed so that a pullback can keep the forward pass's spectra and reuse them.
/// When n has a prime factor above 7 (and n ≥ <see cref="PaddingThreshold"/>), transforms of length n
/// are slow (FFTW) or need Bluestein's three inner transforms (managed), so the helper zero-pads to a
/// power of two L ≥ 2n − 1, where the circular result is the linear one folded back
/// (y_k = lin_k + lin_{k+n}). Callers keep spectra opaque and go through this class for that reason.
/// </summary>
internal sealed class SpectralConvolution
{
    /// <summary>Below this length padding gains nothing measurable; the direct length is used.</summary>
    public const int PaddingThreshold = 64;

    /// <summary>Creates the helper for signals of length <paramref name="length"/> ≥ 1.</summary>
    /// <exception cref="ArgumentOutOfRangeException">When <paramref name="length"/> is below 1.</exception>
    public SpectralConvolution(int length)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(length, 1);
        Length = length;
        TransformLength = ChooseTransformLength(length);
    }

    /// <summary>The signal length n.</summary>
    public int Length { get; }

    /// <summary>The FFT length used: n, or a power of two ≥ 2n − 1 when n has a large prime factor.</summary>
    public int TransformLength { get; }

    /// <summary>Whether the transforms are zero-padded (TransformLength ≠ Length).</summary>
    public bool IsPadded => TransformLength != Length;

    /// <summary>How many coefficients a spectrum from <see cref="Spectrum(ReadOnlySpan{double})"/> holds.</summary>
    public int SpectrumLength => TransformLength / 2 + 1;

    /// <summary>The transform length for signals of length n: n itself when its prime factors are ≤ 7.</summary>
    public static int ChooseTransformLength(int n)
    {
        if (n < PaddingThreshold || ComplexFftPlan.LargestPrimeFactor(n) <= 7) return n;
        long padded = 1;
        while (padded < 2L * n - 1) padded <<= 1;
        return padded <= int.MaxValue / 2 ? (int)padded : n;
    }

    /// <summary>The spectrum of a real signal of length n, as this helper's other methods expect it.</summary>
    public Complex[] Spectrum(ReadOnlySpan<double> signal)
    {
        var spectrum = new Complex[SpectrumLength];
        Spectrum(signal, spectrum);
        return spectrum;
    }

    /// <summary>Writes the spectrum of a real signal of length n into <paramref name="destination"/> (≥ <see cref="SpectrumLength"/> values).</summary>
    public void Spectrum(ReadOnlySpan<double> signal, Span<Complex> destination)
    {
        CheckSignal(signal.Length, nameof(signal));
        CheckSpectrum(destination.Length, nameof(destination));
        Transform(signal, 0, destination);
    }

    /// <summary>
    /// Writes the spectrum of 2⁻ᵉ·signal and returns e: 0 at ordinary magnitudes, else the binary exponent of
    /// the signal's largest entry, so that spectra and their products stay inside the double range (the
    /// operations are bilinear, so the methods taking exponents undo the scaling exactly at the end).
    /// </summary>
    /// <exception cref="ArgumentException">The signal's length is not n, or the destination is too short.</exception>
    public int ScaledSpectrum(ReadOnlySpan<double> signal, Span<Complex> destination)
    {
        CheckSignal(signal.Length, nameof(signal));
        CheckSpectrum(destination.Length, nameof(destination));
        int exponent = ScaleExponent(signal);
        Transform(signal, exponent, destination);
        return exponent;
    }

    /// <summary>
    /// Signals whose largest magnitude has a binary exponent within ±this are transformed as they are: with
    /// L ≤ 2³¹, spectra stay below 2⁴³², products of two within [2⁻⁸⁶², 2⁸⁶⁴], both well inside the normal range.
    /// </summary>
    public const int UnscaledExponentLimit = 400;

    /// <summary>The exponent e that <see cref="ScaledSpectrum"/> would divide <paramref name="signal"/> by (2ᵉ), 0 when none is needed.</summary>
    public static int ScaleExponent(ReadOnlySpan<double> signal)
    {
        double largest = Norms.MaxAbs(signal);
        if (!(largest > 0) || !double.IsFinite(largest)) return 0; // zeros, or NaN/∞ that no scaling mends
        int exponent = Math.ILogB(largest);
        return Math.Abs(exponent) <= UnscaledExponentLimit ? 0 : exponent;
    }

    // The spectrum of 2^-exponent·signal (the signal as it is for exponent 0, with no extra pass).
    private void Transform(ReadOnlySpan<double> signal, int exponent, Span<Complex> destination)
    {
        if (!IsPadded && exponent == 0)
        {
            Backend.Fft.Forward(signal, destination[..SpectrumLength]);
            return;
        }
        double[] rented = ArrayPool<double>.Shared.Rent(TransformLength);
        try
        {
            var work = rented.AsSpan(0, TransformLength);
            if (exponent == 0) signal.CopyTo(work);
            else for (int i = 0; i < signal.Length; i++) work[i] = Math.ScaleB(signal[i], -exponent);
            work[Length..].Clear();
            Backend.Fft.Forward(work, destination[..SpectrumLength]);
        }
        finally
        {
            ArrayPool<double>.Shared.Return(rented);
        }
    }

    // Multiplies a result by 2^exponent (exact, save overflow to ±∞ or rounding below the normal range).
    private static void Unscale(Span<double> values, int exponent)
    {
        if (exponent == 0) return;
        for (int i = 0; i < values.Length; i++) values[i] = Math.ScaleB(values[i], exponent);
    }

    /// <summary>
    /// The spectrum of <paramref name="signal"/> in this thread's scratch buffer for <paramref name="lease"/>
    /// (<see cref="SpectrumLease.CallerKernel"/> or <see cref="SpectrumLease.CallerSignal"/>), valid until the
    /// next call that leases the same buffer on this thread.
    /// </summary>
    /// <exception cref="ArgumentException">The signal's length is not n, or the lease is one this class uses inside its own calls.</exception>
    public Span<Complex> SpectrumInScratch(SpectrumLease lease, ReadOnlySpan<double> signal)
    {
        if (lease is not (SpectrumLease.CallerKernel or SpectrumLease.CallerSignal))
            throw new ArgumentException($"{lease} is used inside SpectralConvolution's own calls; a caller's spectrum needs CallerKernel or CallerSignal.", nameof(lease));
        Span<Complex> spectrum = SpectrumScratch.Get(lease, SpectrumLength);
        Spectrum(signal, spectrum);
        return spectrum;
    }

    /// <summary>Writes the circular convolution a ∗ x from the two spectra.</summary>
    public void Convolve(ReadOnlySpan<Complex> spectrumA, ReadOnlySpan<Complex> spectrumX, Span<double> destination) =>
        Convolve(spectrumA, 0, spectrumX, 0, destination);

    /// <summary>
    /// Writes a ∗ x from spectra of 2^−eA·a and 2^−eX·x (as <see cref="ScaledSpectrum"/> makes them), undoing
    /// the scaling at the end: a result outside the double range comes back as ±∞, never NaN.
    /// </summary>
    public void Convolve(ReadOnlySpan<Complex> spectrumA, int exponentA, ReadOnlySpan<Complex> spectrumX, int exponentX, Span<double> destination)
    {
        CheckSpectrum(spectrumA.Length, nameof(spectrumA));
        CheckSpectrum(spectrumX.Length, nameof(spectrumX));
        CheckSignal(destination.Length, nameof(destination));
        Span<Complex> product = SpectrumScratch.Get(SpectrumLease.Product, SpectrumLength);
        var fft = Backend.Fft;
        Multiply(spectrumA, spectrumX, product, ProductScale(fft));
        InverseFolded(fft, product, destination, correlation: false);
        Unscale(destination, exponentA + exponentX);
    }

    /// <summary>Writes the circular cross-correlation (a ⋆ b)_k = Σ_t a_t b_{t+k} from the two spectra.</summary>
    public void Correlate(ReadOnlySpan<Complex> spectrumA, ReadOnlySpan<Complex> spectrumB, Span<double> destination)
    {
        CheckSpectrum(spectrumA.Length, nameof(spectrumA));
        CheckSpectrum(spectrumB.Length, nameof(spectrumB));
        CheckSignal(destination.Length, nameof(destination));
        Span<Complex> product = SpectrumScratch.Get(SpectrumLease.Product, SpectrumLength);
        var fft = Backend.Fft;
        MultiplyConjugate(spectrumA, spectrumB, product, ProductScale(fft));
        InverseFolded(fft, product, destination, correlation: true);
    }

    /// <summary>
    /// Writes a ∗ x from the two signals: two forward transforms and one inverse, with the spectra in
    /// per-thread aligned scratch (no allocation) and their product formed in place.
    /// </summary>
    /// <remarks>
    /// Inputs of extreme magnitude are scaled by powers of two before the transforms and the result after
    /// (<see cref="ScaledSpectrum"/>), so a representable a ∗ x (say a near 1e300, x near 1e-300) is never NaN.
    /// </remarks>
    public void ConvolveSignals(ReadOnlySpan<double> a, ReadOnlySpan<double> x, Span<double> destination)
    {
        CheckSignal(a.Length, nameof(a));
        CheckSignal(x.Length, nameof(x));
        CheckSignal(destination.Length, nameof(destination));
        Span<Complex> spectrumA = SpectrumScratch.Get(SpectrumLease.FirstOperand, SpectrumLength);
        Span<Complex> spectrumX = SpectrumScratch.Get(SpectrumLease.SecondOperand, SpectrumLength);
        int exponentA = ScaleExponent(a), exponentX = ScaleExponent(x);
        Transform(a, exponentA, spectrumA);
        Transform(x, exponentX, spectrumX);
        var fft = Backend.Fft;
        Multiply(spectrumA, spectrumX, spectrumA, ProductScale(fft));
        InverseFolded(fft, spectrumA, destination, correlation: false);
        Unscale(destination, exponentA + exponentX);
    }

    /// <summary>
    /// Writes da ∗ x + a ∗ dx from the spectra of a and x and the signals da, dx. Spectra add linearly,
    /// so the sum is one inverse transform of dÂ·X̂ + Â·dX̂ instead of two.
    /// </summary>
    public void ConvolveSum(ReadOnlySpan<Complex> spectrumA, ReadOnlySpan<Complex> spectrumX,
                            ReadOnlySpan<double> da, ReadOnlySpan<double> dx, Span<double> destination) =>
        ConvolveSum(spectrumA, 0, spectrumX, 0, da, dx, destination);

    /// <summary>
    /// As <see cref="ConvolveSum(ReadOnlySpan{Complex}, ReadOnlySpan{Complex}, ReadOnlySpan{double}, ReadOnlySpan{double}, Span{double})"/>
    /// from spectra of 2^−eA·a and 2^−eX·x, with da and dx scaled too: the two terms are brought to the larger
    /// one's exponent in the spectral product (a term smaller by more than the double range is below its rounding).
    /// </summary>
    public void ConvolveSum(ReadOnlySpan<Complex> spectrumA, int exponentA, ReadOnlySpan<Complex> spectrumX, int exponentX,
                            ReadOnlySpan<double> da, ReadOnlySpan<double> dx, Span<double> destination)
    {
        CheckSpectrum(spectrumA.Length, nameof(spectrumA));
        CheckSpectrum(spectrumX.Length, nameof(spectrumX));
        CheckSignal(da.Length, nameof(da));
        CheckSignal(dx.Length, nameof(dx));
        CheckSignal(destination.Length, nameof(destination));
        Span<Complex> sum = SpectrumScratch.Get(SpectrumLease.FirstOperand, SpectrumLength);
        Span<Complex> spectrumDx = SpectrumScratch.Get(SpectrumLease.SecondOperand, SpectrumLength);
        int exponentDa = ScaleExponent(da), exponentDx = ScaleExponent(dx);
        Transform(da, exponentDa, sum);
        Transform(dx, exponentDx, spectrumDx);
        var fft = Backend.Fft;
        double scale = ProductScale(fft);
        int first = exponentDa + exponentX, second = exponentA + exponentDx, common = Math.Max(first, second);
        Multiply(sum, spectrumX, sum, Math.ScaleB(scale, first - common));
        MultiplyAdd(spectrumA, spectrumDx, sum, Math.ScaleB(scale, second - common));
        InverseFolded(fft, sum, destination, correlation: false);
        Unscale(destination, common);
    }

    /// <summary>
    /// The adjoint pair from the spectra of a and x and the signal ȳ: writes x ⋆ ȳ into
    /// <paramref name="aBar"/> and a ⋆ ȳ into <paramref name="xBar"/>, transforming ȳ once.
    /// </summary>
    public void CorrelatePair(ReadOnlySpan<Complex> spectrumA, ReadOnlySpan<Complex> spectrumX, ReadOnlySpan<double> yBar,
                              Span<double> aBar, Span<double> xBar) =>
        CorrelatePair(spectrumA, 0, spectrumX, 0, yBar, aBar, xBar);

    /// <summary>
    /// As <see cref="CorrelatePair(ReadOnlySpan{Complex}, ReadOnlySpan{Complex}, ReadOnlySpan{double}, Span{double}, Span{double})"/>
    /// from spectra of 2^−eA·a and 2^−eX·x, with ȳ scaled too, each result unscaled at the end.
    /// </summary>
    public void CorrelatePair(ReadOnlySpan<Complex> spectrumA, int exponentA, ReadOnlySpan<Complex> spectrumX, int exponentX,
                              ReadOnlySpan<double> yBar, Span<double> aBar, Span<double> xBar)
    {
        CheckSpectrum(spectrumA.Length, nameof(spectrumA));
        CheckSpectrum(spectrumX.Length, nameof(spectrumX));
        CheckSignal(yBar.Length, nameof(yBar));
        CheckSignal(aBar.Length, nameof(aBar));
        CheckSignal(xBar.Length, nameof(xBar));
        Span<Complex> spectrumYBar = SpectrumScratch.Get(SpectrumLease.FirstOperand, SpectrumLength);
        Span<Complex> product = SpectrumScratch.Get(SpectrumLease.SecondOperand, SpectrumLength);
        int exponentYBar = ScaleExponent(yBar);
        Transform(yBar, exponentYBar, spectrumYBar);
        var fft = Backend.Fft;
        double scale = ProductScale(fft);
        MultiplyConjugate(spectrumX, spectrumYBar, product, scale);
        InverseFolded(fft, product, aBar, correlation: true);
        Unscale(aBar, exponentX + exponentYBar);
        MultiplyConjugate(spectrumA, spectrumYBar, product, scale);
        InverseFolded(fft, product, xBar, correlation: true);
        Unscale(xBar, exponentA + exponentYBar);
    }

    /// <summary>
    /// The differential da ∗ x + a ∗ dx from the four signals, the spectra of a and x in this thread's
    /// caller leases (<see cref="SpectrumLease.CallerKernel"/>, <see cref="SpectrumLease.CallerSignal"/>): no allocation, scaled as needed.
    /// </summary>
    public void DifferentialSignals(ReadOnlySpan<double> a, ReadOnlySpan<double> x, ReadOnlySpan<double> da, ReadOnlySpan<double> dx,
                                    Span<double> destination)
    {
        CheckSignal(a.Length, nameof(a));
        CheckSignal(x.Length, nameof(x));
        Span<Complex> spectrumA = SpectrumScratch.Get(SpectrumLease.CallerKernel, SpectrumLength);
        Span<Complex> spectrumX = SpectrumScratch.Get(SpectrumLease.CallerSignal, SpectrumLength);
        int exponentA = ScaledSpectrum(a, spectrumA), exponentX = ScaledSpectrum(x, spectrumX);
        ConvolveSum(spectrumA, exponentA, spectrumX, exponentX, da, dx, destination);
    }

    /// <summary>The adjoint pair (x ⋆ ȳ, a ⋆ ȳ) from the three signals, as <see cref="DifferentialSignals"/> does it.</summary>
    public void CorrelatePairSignals(ReadOnlySpan<double> a, ReadOnlySpan<double> x, ReadOnlySpan<double> yBar,
                                     Span<double> aBar, Span<double> xBar)
    {
        CheckSignal(a.Length, nameof(a));
        CheckSignal(x.Length, nameof(x));
        Span<Complex> spectrumA = SpectrumScratch.Get(SpectrumLease.CallerKernel, SpectrumLength);
        Span<Complex> spectrumX = SpectrumScratch.Get(SpectrumLease.CallerSignal, SpectrumLength);
        int exponentA = ScaledSpectrum(a, spectrumA), exponentX = ScaledSpectrum(x, spectrumX);
        CorrelatePair(spectrumA, exponentA, spectrumX, exponentX, yBar, aBar, xBar);
    }

    /// <summary>
    /// Transforms a and x once (scaled as needed) and keeps their spectra, for a linearization: the value,
    /// then any number of differentials and pullbacks at that point, none transforming a or x again.
    /// </summary>
    /// <exception cref="ArgumentException">A signal's length is not n.</exception>
    public ConvolutionPoint At(ReadOnlySpan<double> a, ReadOnlySpan<double> x)
    {
        CheckSignal(a.Length, nameof(a));
        CheckSignal(x.Length, nameof(x));
        var spectrumA = new Complex[SpectrumLength];
        var spectrumX = new Complex[SpectrumLength];
        int exponentA = ScaledSpectrum(a, spectrumA), exponentX = ScaledSpectrum(x, spectrumX);
        return new ConvolutionPoint(this, spectrumA, exponentA, spectrumX, exponentX);
    }

    // The inverse transform's 1/L, carried by the spectral product when the backend would spend a pass
    // of its own on it (FFTW); else 1, and the inverse applies it.
    private double ProductScale(IRealFft fft) => fft.HasUnnormalisedInverse ? 1.0 / TransformLength : 1.0;

    private void Multiply(ReadOnlySpan<Complex> a, ReadOnlySpan<Complex> b, Span<Complex> product, double scale) =>
        ComplexLanes.MultiplyInto(a, b, product, SpectrumLength, conjugateA: false, accumulate: false, scale);

    private void MultiplyAdd(ReadOnlySpan<Complex> a, ReadOnlySpan<Complex> b, Span<Complex> sum, double scale) =>
        ComplexLanes.MultiplyInto(a, b, sum, SpectrumLength, conjugateA: false, accumulate: true, scale);

    private void MultiplyConjugate(ReadOnlySpan<Complex> a, ReadOnlySpan<Complex> b, Span<Complex> product, double scale) =>
        ComplexLanes.MultiplyInto(a, b, product, SpectrumLength, conjugateA: true, accumulate: false, scale);

    // The inverse to match ProductScale: unnormalised when the product already carries 1/L.
    private static void Invert(IRealFft fft, Span<Complex> product, Span<double> destination)
    {
        if (fft.HasUnnormalisedInverse) fft.InverseUnnormalisedOverwriting(product, destination);
        else fft.InverseOverwriting(product, destination);
    }

    /// <summary>
    /// Inverts a product spectrum (which it may overwrite; scaled by <see cref="ProductScale"/>) and folds the linear result of length L back to n. A convolution's
    /// linear terms sit at 0..2n−2: y_k = lin_k + lin_{k+n}. A correlation's lags −(n−1)..n−1 sit at
    /// m mod L: c_k = r_k + r_{k−n}, where lag k − n lives at L + k − n (and lag −n, for k = 0, is empty).
    /// </summary>
    private void InverseFolded(IRealFft fft, Span<Complex> product, Span<double> destination, bool correlation)
    {
        int n = Length, l = TransformLength;
        product = product[..SpectrumLength];
        if (!IsPadded)
        {
            Invert(fft, product, destination[..n]);
            return;
        }
        double[] rented = ArrayPool<double>.Shared.Rent(l);
        try
        {
            var linear = rented.AsSpan(0, l);
            Invert(fft, product, linear);
            if (correlation)
            {
                destination[0] = linear[0];
                for (int k = 1; k < n; k++) destination[k] = linear[k] + linear[l + k - n];
            }
            else
            {
                for (int k = 0; k < n; k++) destination[k] = linear[k] + (k + n < l ? linear[k + n] : 0.0);
            }
        }
        finally
        {
            ArrayPool<double>.Shared.Return(rented);
        }
    }

    private void CheckSignal(int length, string name)
    {
        if (length != Length)
            throw new ArgumentException($"{name} holds {length} values; this convolution is for signals of length {Length}.", name);
    }

    private void CheckSpectrum(int length, string name)
    {
        if (length < SpectrumLength)
            throw new ArgumentException($"{name} holds {length} coefficients; signals of length {Length} (transform length {TransformLength}) need {SpectrumLength}.", name);
    }
}
