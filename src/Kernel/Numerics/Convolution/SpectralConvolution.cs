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
        if (!IsPadded)
        {
            Backend.Fft.Forward(signal, destination[..SpectrumLength]);
            return;
        }
        double[] padded = ArrayPool<double>.Shared.Rent(TransformLength);
        try
        {
            var work = padded.AsSpan(0, TransformLength);
            signal.CopyTo(work);
            work[Length..].Clear();
            Backend.Fft.Forward(work, destination[..SpectrumLength]);
        }
        finally
        {
            ArrayPool<double>.Shared.Return(padded);
        }
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
    public void Convolve(ReadOnlySpan<Complex> spectrumA, ReadOnlySpan<Complex> spectrumX, Span<double> destination)
    {
        CheckSpectrum(spectrumA.Length, nameof(spectrumA));
        CheckSpectrum(spectrumX.Length, nameof(spectrumX));
        CheckSignal(destination.Length, nameof(destination));
        Span<Complex> product = SpectrumScratch.Get(SpectrumLease.Product, SpectrumLength);
        var fft = Backend.Fft;
        Multiply(spectrumA, spectrumX, product, ProductScale(fft));
        InverseFolded(fft, product, destination, correlation: false);
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
    public void ConvolveSignals(ReadOnlySpan<double> a, ReadOnlySpan<double> x, Span<double> destination)
    {
        CheckSignal(a.Length, nameof(a));
        CheckSignal(x.Length, nameof(x));
        CheckSignal(destination.Length, nameof(destination));
        Span<Complex> spectrumA = SpectrumScratch.Get(SpectrumLease.FirstOperand, SpectrumLength);
        Span<Complex> spectrumX = SpectrumScratch.Get(SpectrumLease.SecondOperand, SpectrumLength);
        Spectrum(a, spectrumA);
        Spectrum(x, spectrumX);
        var fft = Backend.Fft;
        Multiply(spectrumA, spectrumX, spectrumA, ProductScale(fft));
        InverseFolded(fft, spectrumA, destination, correlation: false);
    }

    /// <summary>
    /// Writes da ∗ x + a ∗ dx from the spectra of a and x and the signals da, dx. Spectra add linearly,
    /// so the sum is one inverse transform of dÂ·X̂ + Â·dX̂ instead of two.
    /// </summary>
    public void ConvolveSum(ReadOnlySpan<Complex> spectrumA, ReadOnlySpan<Complex> spectrumX,
                            ReadOnlySpan<double> da, ReadOnlySpan<double> dx, Span<double> destination)
    {
        CheckSpectrum(spectrumA.Length, nameof(spectrumA));
        CheckSpectrum(spectrumX.Length, nameof(spectrumX));
        CheckSignal(da.Length, nameof(da));
        CheckSignal(dx.Length, nameof(dx));
        CheckSignal(destination.Length, nameof(destination));
        Span<Complex> sum = SpectrumScratch.Get(SpectrumLease.FirstOperand, SpectrumLength);
        Span<Complex> spectrumDx = SpectrumScratch.Get(SpectrumLease.SecondOperand, SpectrumLength);
        Spectrum(da, sum);
        Spectrum(dx, spectrumDx);
        var fft = Backend.Fft;
        double scale = ProductScale(fft);
        Multiply(sum, spectrumX, sum, scale);
        MultiplyAdd(spectrumA, spectrumDx, sum, scale);
        InverseFolded(fft, sum, destination, correlation: false);
    }

    /// <summary>
    /// The adjoint pair from the spectra of a and x and the signal ȳ: writes x ⋆ ȳ into
    /// <paramref name="aBar"/> and a ⋆ ȳ into <paramref name="xBar"/>, transforming ȳ once.
    /// </summary>
    public void CorrelatePair(ReadOnlySpan<Complex> spectrumA, ReadOnlySpan<Complex> spectrumX, ReadOnlySpan<double> yBar,
                              Span<double> aBar, Span<double> xBar)
    {
        CheckSpectrum(spectrumA.Length, nameof(spectrumA));
        CheckSpectrum(spectrumX.Length, nameof(spectrumX));
        CheckSignal(yBar.Length, nameof(yBar));
        CheckSignal(aBar.Length, nameof(aBar));
        CheckSignal(xBar.Length, nameof(xBar));
        Span<Complex> spectrumYBar = SpectrumScratch.Get(SpectrumLease.FirstOperand, SpectrumLength);
        Span<Complex> product = SpectrumScratch.Get(SpectrumLease.SecondOperand, SpectrumLength);
        Spectrum(yBar, spectrumYBar);
        var fft = Backend.Fft;
        double scale = ProductScale(fft);
        MultiplyConjugate(spectrumX, spectrumYBar, product, scale);
        InverseFolded(fft, product, aBar, correlation: true);
        MultiplyConjugate(spectrumA, spectrumYBar, product, scale);
        InverseFolded(fft, product, xBar, correlation: true);
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
