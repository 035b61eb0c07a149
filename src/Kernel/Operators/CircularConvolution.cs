using Complex = System.Numerics.Complex;
using Differentials.Numerics;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Double;

namespace Differentials;

/// <summary>
/// Circular convolution of two real signals of one length n, y = a ∗ x with y_k = Σ_t a_t x_{(k−t) mod n},
/// computed through real FFTs. Its differential is dy = da ∗ x + a ∗ dx and its adjoint is
/// ā = x ⋆ ȳ, x̄ = a ⋆ ȳ, where (u ⋆ v)_k = Σ_t u_t v_{(t+k) mod n} is circular cross-correlation.
/// Any n ≥ 1 works, primes included. Inputs holding NaN or ±∞ are rejected.
/// </summary>
public static class CircularConvolution
{
    /// <summary>Computes y = a ∗ x (circular, length n) via the FFT.</summary>
    /// <param name="a">The kernel, length n ≥ 1, finite.</param>
    /// <param name="x">The signal, length n, finite.</param>
    /// <returns>a ∗ x, length n.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">An argument is empty or not finite, or the lengths differ.</exception>
    public static Vector<double> Forward(Vector<double> a, Vector<double> x)
    {
        CheckPair(a, x);
        var conv = new SpectralConvolution(a.Count);
        var y = DenseColumnMajor.UnwrittenVector(a.Count);
        conv.ConvolveSignals(Values(a), Values(x), AsSpan(y));
        return y;
    }

    /// <summary>Writes y = a ∗ x into <paramref name="destination"/> (no validation of finiteness; lengths are checked).</summary>
    /// <param name="a">The kernel, length n ≥ 1.</param>
    /// <param name="x">The signal, length n.</param>
    /// <param name="destination">Receives a ∗ x; length n; may not overlap the inputs.</param>
    /// <exception cref="ArgumentException">The lengths differ or are zero.</exception>
    public static void Forward(ReadOnlySpan<double> a, ReadOnlySpan<double> x, Span<double> destination)
    {
        CheckSpans(a, x, destination);
        new SpectralConvolution(a.Length).ConvolveSignals(a, x, destination);
    }

    /// <summary>The differential dy = df(a, x; da, dx) = da ∗ x + a ∗ dx.</summary>
    /// <param name="a">The kernel, length n.</param>
    /// <param name="x">The signal, length n.</param>
    /// <param name="da">The perturbation of the kernel, length n.</param>
    /// <param name="dx">The perturbation of the signal, length n.</param>
    /// <returns>da ∗ x + a ∗ dx, length n.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">An argument is empty or not finite, or the lengths differ.</exception>
    public static Vector<double> Differential(Vector<double> a, Vector<double> x, Vector<double> da, Vector<double> dx)
    {
        CheckPair(a, x);
        CheckPerturbation(da, nameof(da), dx, nameof(dx), a.Count);
        var conv = new SpectralConvolution(a.Count);
        Span<Complex> spectrumA = ScratchSpectrum(conv, 3, a);
        Span<Complex> spectrumX = ScratchSpectrum(conv, 4, x);
        return DifferentialAt(conv, spectrumA, spectrumX, da, dx);
    }

    /// <summary>
    /// The adjoint: given ȳ = ∇_y E, returns ā = x ⋆ ȳ and x̄ = a ⋆ ȳ (circular cross-correlations).
    /// </summary>
    /// <param name="a">The kernel, length n.</param>
    /// <param name="x">The signal, length n.</param>
    /// <param name="yBar">The output gradient ȳ, length n.</param>
    /// <returns>The pair (ABar = x ⋆ ȳ, XBar = a ⋆ ȳ).</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">An argument is empty or not finite, or the lengths differ.</exception>
    public static (Vector<double> ABar, Vector<double> XBar) Backward(Vector<double> a, Vector<double> x, Vector<double> yBar)
    {
        CheckPair(a, x);
        Guard.NonEmptyFinite(yBar, nameof(yBar));
        Guard.HasLength(yBar, nameof(yBar), a.Count, $"the length of a and x, {a.Count}");
        var conv = new SpectralConvolution(a.Count);
        Span<Complex> spectrumA = ScratchSpectrum(conv, 3, a);
        Span<Complex> spectrumX = ScratchSpectrum(conv, 4, x);
        return BackwardAt(conv, spectrumA, spectrumX, yBar);
    }

    /// <summary>
    /// Transforms a and x once and returns y = a ∗ x with closures (da, dx) ↦ da ∗ x + a ∗ dx and
    /// ȳ ↦ (x ⋆ ȳ, a ⋆ ȳ) that reuse the two spectra. The pair's first item belongs to a, the second to x.
    /// </summary>
    /// <param name="a">The kernel, length n ≥ 1, finite.</param>
    /// <param name="x">The signal, length n, finite.</param>
    /// <returns>The value a ∗ x with its differential and adjoint at (a, x).</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">An argument is empty or not finite, or the lengths differ.</exception>
    public static Linearization<(Vector<double> A, Vector<double> X), Vector<double>> Linearize(Vector<double> a, Vector<double> x)
    {
        CheckPair(a, x);
        int n = a.Count;
        var conv = new SpectralConvolution(n);
        Complex[] spectrumA = conv.Spectrum(Values(a));
        Complex[] spectrumX = conv.Spectrum(Values(x));
        var y = DenseColumnMajor.UnwrittenVector(n);
        conv.Convolve(spectrumA, spectrumX, AsSpan(y));
        return new Linearization<(Vector<double> A, Vector<double> X), Vector<double>>(
            y,
            d =>
            {
                CheckPerturbation(d.A, "da", d.X, "dx", n);
                return DifferentialAt(conv, spectrumA, spectrumX, d.A, d.X);
            },
            yBar =>
            {
                Guard.NonEmptyFinite(yBar, nameof(yBar));
                Guard.HasLength(yBar, nameof(yBar), n, $"the length of a and x, {n}");
                return BackwardAt(conv, spectrumA, spectrumX, yBar);
            });
    }

    /// <summary>The spectrum of a signal in this thread's scratch slot (valid until the next call that uses the slot).</summary>
    private static Span<Complex> ScratchSpectrum(SpectralConvolution conv, int slot, Vector<double> signal)
    {
        Span<Complex> spectrum = SpectrumScratch.Get(slot, conv.SpectrumLength);
        conv.Spectrum(Values(signal), spectrum);
        return spectrum;
    }

    private static Vector<double> DifferentialAt(SpectralConvolution conv, ReadOnlySpan<Complex> spectrumA, ReadOnlySpan<Complex> spectrumX,
                                                 Vector<double> da, Vector<double> dx)
    {
        int n = conv.Length;
        var result = DenseColumnMajor.UnwrittenVector(n);
        conv.ConvolveSum(spectrumA, spectrumX, Values(da), Values(dx), AsSpan(result));
        return result;
    }

    private static (Vector<double> ABar, Vector<double> XBar) BackwardAt(SpectralConvolution conv, ReadOnlySpan<Complex> spectrumA,
                                                                         ReadOnlySpan<Complex> spectrumX, Vector<double> yBar)
    {
        int n = conv.Length;
        var aBar = DenseColumnMajor.UnwrittenVector(n);
        var xBar = DenseColumnMajor.UnwrittenVector(n);
        conv.CorrelatePair(spectrumA, spectrumX, Values(yBar), AsSpan(aBar), AsSpan(xBar));
        return (aBar, xBar);
    }

    private static void CheckPair(Vector<double> a, Vector<double> x)
    {
        Guard.NonEmptyFinite(a, nameof(a));
        Guard.NonEmptyFinite(x, nameof(x));
        Guard.HasLength(x, nameof(x), a.Count, $"the length of a, {a.Count}");
    }

    private static void CheckPerturbation(Vector<double> da, string daName, Vector<double> dx, string dxName, int n)
    {
        Guard.NonEmptyFinite(da, daName);
        Guard.NonEmptyFinite(dx, dxName);
        Guard.HasLength(da, daName, n, $"the length of a and x, {n}");
        Guard.HasLength(dx, dxName, n, $"the length of a and x, {n}");
    }

    private static void CheckSpans(ReadOnlySpan<double> a, ReadOnlySpan<double> x, Span<double> destination)
    {
        if (a.Length == 0 || a.Length != x.Length || destination.Length != a.Length)
        {
            throw new ArgumentException(
                $"a, x and destination must share one length n ≥ 1, but have lengths {a.Length}, {x.Length} and {destination.Length}.",
                nameof(destination));
        }
    }

    private static ReadOnlySpan<double> Values(Vector<double> v) => DenseColumnMajor.Values(v);

    private static Span<double> AsSpan(Vector<double> denseResult) =>
        ((DenseVector)denseResult).Values;
}
