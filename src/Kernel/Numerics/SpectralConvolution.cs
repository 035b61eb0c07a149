using System.Numerics;

namespace Differentials.Numerics;

/// <summary>
/// Circular convolution and cross-correlation of real signals of one length n through real FFTs.
/// Spectra are exposed so that a pullback can keep the forward pass's spectra and reuse them.
/// The transform length may exceed n (a zero-padded linear convolution folded back), which is
/// why callers keep spectra opaque and go through this class.
/// </summary>
internal sealed class SpectralConvolution
{
    /// <summary>Creates the helper for signals of length <paramref name="length"/> ≥ 1.</summary>
    public SpectralConvolution(int length)
    {
        Length = length;
        TransformLength = length;
    }

    /// <summary>The signal length n.</summary>
    public int Length { get; }

    /// <summary>The FFT length used (n here; a faster backend may pad).</summary>
    public int TransformLength { get; }

    /// <summary>The spectrum of a real signal of length n, as this helper's other methods expect it.</summary>
    public Complex[] Spectrum(ReadOnlySpan<double> signal)
    {
        var spectrum = new Complex[TransformLength / 2 + 1];
        Backend.Fft.Forward(signal, spectrum);
        return spectrum;
    }

    /// <summary>Writes the circular convolution a ∗ x from the two spectra.</summary>
    public void Convolve(ReadOnlySpan<Complex> spectrumA, ReadOnlySpan<Complex> spectrumX, Span<double> destination)
    {
        var product = new Complex[spectrumA.Length];
        for (int i = 0; i < product.Length; i++) product[i] = spectrumA[i] * spectrumX[i];
        Backend.Fft.Inverse(product, destination);
    }

    /// <summary>Writes the circular cross-correlation (a ⋆ b)_k = Σ_t a_t b_{t+k} from the two spectra.</summary>
    public void Correlate(ReadOnlySpan<Complex> spectrumA, ReadOnlySpan<Complex> spectrumB, Span<double> destination)
    {
        var product = new Complex[spectrumA.Length];
        for (int i = 0; i < product.Length; i++) product[i] = Complex.Conjugate(spectrumA[i]) * spectrumB[i];
        Backend.Fft.Inverse(product, destination);
    }
}
