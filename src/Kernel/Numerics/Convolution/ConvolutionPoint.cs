using System.Numerics;

namespace Differentials.Numerics;

/// <summary>
/// A circular convolution y = a ∗ x linearized at one point: the spectra of a and x (of 2^−e·a and 2^−e·x
/// when their magnitudes are extreme), made once by <see cref="SpectralConvolution.At"/>, then the value,
/// the differential da ∗ x + a ∗ dx and the pullback ȳ ↦ (x ⋆ ȳ, a ⋆ ȳ) from them. Thread-safe: the spectra
/// are only read, and each call's scratch is per thread.
/// </summary>
internal sealed class ConvolutionPoint
{
    private readonly SpectralConvolution _convolution;
    private readonly Complex[] _spectrumA, _spectrumX;
    private readonly int _exponentA, _exponentX;

    internal ConvolutionPoint(SpectralConvolution convolution, Complex[] spectrumA, int exponentA, Complex[] spectrumX, int exponentX)
    {
        _convolution = convolution;
        _spectrumA = spectrumA;
        _exponentA = exponentA;
        _spectrumX = spectrumX;
        _exponentX = exponentX;
    }

    /// <summary>The signal length n.</summary>
    public int Length => _convolution.Length;

    /// <summary>Writes a ∗ x (length n).</summary>
    /// <exception cref="ArgumentException">The destination's length is not n.</exception>
    public void Value(Span<double> destination) =>
        _convolution.Convolve(_spectrumA, _exponentA, _spectrumX, _exponentX, destination);

    /// <summary>Writes da ∗ x + a ∗ dx (length n).</summary>
    /// <exception cref="ArgumentException">A length is not n.</exception>
    public void Differential(ReadOnlySpan<double> da, ReadOnlySpan<double> dx, Span<double> destination) =>
        _convolution.ConvolveSum(_spectrumA, _exponentA, _spectrumX, _exponentX, da, dx, destination);

    /// <summary>Writes ā = x ⋆ ȳ and x̄ = a ⋆ ȳ (each length n).</summary>
    /// <exception cref="ArgumentException">A length is not n.</exception>
    public void Pullback(ReadOnlySpan<double> yBar, Span<double> aBar, Span<double> xBar) =>
        _convolution.CorrelatePair(_spectrumA, _exponentA, _spectrumX, _exponentX, yBar, aBar, xBar);
}
