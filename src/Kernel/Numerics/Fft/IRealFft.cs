using System.Numerics;

namespace Differentials.Numerics;

/// <summary>
/// Real-input discrete Fourier transforms with the NumPy/MATLAB scaling: the forward transform is
/// unnormalised and the inverse carries 1/n. Part of the same seam as <see cref="ILinearAlgebra"/>.
/// </summary>
internal interface IRealFft
{
    /// <summary>A short name for reports, e.g. "managed".</summary>
    string Name { get; }

    /// <summary>
    /// Writes the first n/2+1 coefficients of the unnormalised DFT of the real signal
    /// <paramref name="x"/> (length n ≥ 1); the rest follow by Hermitian symmetry.
    /// </summary>
    void Forward(ReadOnlySpan<double> x, Span<Complex> spectrum);

    /// <summary>
    /// Inverts <see cref="Forward"/>: from n/2+1 coefficients of a Hermitian spectrum, writes the
    /// real signal of length <c>x.Length</c> = n, including the 1/n factor.
    /// </summary>
    void Inverse(ReadOnlySpan<Complex> spectrum, Span<double> x);

    /// <summary>
    /// Same result as <see cref="Inverse"/>, but the backend may overwrite <paramref name="spectrum"/>
    /// (FFTW's c2r destroys its input): callers pass scratch they no longer need and save a copy.
    /// </summary>
    void InverseOverwriting(Span<Complex> spectrum, Span<double> x) => Inverse(spectrum, x);

    /// <summary>
    /// True when <see cref="InverseUnnormalisedOverwriting"/> saves work: the backend applies 1/n in a pass
    /// of its own (FFTW), which a caller can fold into a pass over the spectrum it makes anyway. Backends
    /// that fold 1/n into their transform say false.
    /// </summary>
    bool HasUnnormalisedInverse => false;

    /// <summary>
    /// As <see cref="InverseOverwriting"/> without the 1/n factor: writes n times the inverse. Only
    /// backends with <see cref="HasUnnormalisedInverse"/> implement it.
    /// </summary>
    /// <exception cref="NotSupportedException">The backend has no unnormalised inverse.</exception>
    void InverseUnnormalisedOverwriting(Span<Complex> spectrum, Span<double> x) =>
        throw new NotSupportedException($"The {Name} FFT has no unnormalised inverse; check HasUnnormalisedInverse first.");
}
