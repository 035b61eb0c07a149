using System.Numerics;
using MathNet.Numerics.IntegralTransforms;

namespace Differentials.Numerics;

/// <summary>
/// Reference FFT: MathNet's complex transform with <see cref="FourierOptions.Matlab"/> scaling
/// (unnormalised forward, 1/n inverse). Its Bluestein path for lengths that are not powers of two
/// loses accuracy near n = 10^6; the fast backends replace it.
/// </summary>
internal sealed class MathNetRealFft : IRealFft
{
    public string Name => "managed-mathnet";

    public void Forward(ReadOnlySpan<double> x, Span<Complex> spectrum)
    {
        int n = x.Length;
        Checks.RealTransformBuffers(n, spectrum.Length);
        var work = new Complex[n];
        for (int i = 0; i < n; i++) work[i] = x[i];
        Fourier.Forward(work, FourierOptions.Matlab);
        work.AsSpan(0, n / 2 + 1).CopyTo(spectrum);
    }

    public void Inverse(ReadOnlySpan<Complex> spectrum, Span<double> x)
    {
        int n = x.Length;
        Checks.RealTransformBuffers(n, spectrum.Length);
        var work = new Complex[n];
        for (int i = 0; i <= n / 2; i++) work[i] = spectrum[i];
        for (int i = n / 2 + 1; i < n; i++) work[i] = Complex.Conjugate(spectrum[n - i]);
        Fourier.Inverse(work, FourierOptions.Matlab);
        for (int i = 0; i < n; i++) x[i] = work[i].Real;
    }
}
