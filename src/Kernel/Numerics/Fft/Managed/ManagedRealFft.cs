using System.Buffers;
using System.Collections.Concurrent;
using System.Numerics;
using System.Runtime.InteropServices;

namespace Differentials.Numerics;

/// <summary>
/// Managed real FFT accurate to near machine precision at every length, for machines without FFTW.
/// Even n packs the signal into a complex one of length n/2 (x₂ⱼ + i·x₂ⱼ₊₁), transforms it, and
/// separates the even and odd halves with one more twiddle; odd n transforms the signal as complex.
/// Plans (twiddles, chirps) are cached per length and shared between threads.
/// </summary>
internal sealed class ManagedRealFft : IRealFft
{
    private readonly ConcurrentDictionary<int, ComplexFftPlan> _plans = new();
    private readonly ConcurrentDictionary<int, Complex[]> _realTwiddles = new();

    public string Name => "managed";

    public void Forward(ReadOnlySpan<double> x, Span<Complex> spectrum)
    {
        int n = x.Length;
        Checks.RealTransformBuffers(n, spectrum.Length);
        if (n == 1)
        {
            spectrum[0] = x[0];
            return;
        }
        if (n % 2 == 1)
        {
            Complex[] full = ArrayPool<Complex>.Shared.Rent(n);
            try
            {
                var data = full.AsSpan(0, n);
                for (int i = 0; i < n; i++) data[i] = x[i];
                Plan(n).Forward(data);
                data[..(n / 2 + 1)].CopyTo(spectrum);
            }
            finally
            {
                ArrayPool<Complex>.Shared.Return(full);
            }
            return;
        }

        int h = n / 2;
        Complex[] rented = ArrayPool<Complex>.Shared.Rent(h);
        try
        {
            var z = rented.AsSpan(0, h);
            // The samples read in pairs are already the complex signal x₂ⱼ + i·x₂ⱼ₊₁ in memory.
            Plan(h).Forward(MemoryMarshal.Cast<double, Complex>(x), z);
            Complex[] w = RealTwiddles(n);
            // E_k = (Z_k + conj Z_{h−k})/2 and O_k = (Z_k − conj Z_{h−k})/(2i) are the spectra of the
            // even and odd samples; X_k = E_k + w^k O_k with w = exp(−2πi/n). At k = 0 (and h, where
            // Z_h = Z_0) E and O are the real and imaginary parts of Z_0, and w^h = −1.
            spectrum[0] = z[0].Real + z[0].Imaginary;
            spectrum[h] = z[0].Real - z[0].Imaginary;
            for (int k = 1; k <= h / 2; k++)
            {
                int kk = h - k;
                Complex zk = z[k], zc = Complex.Conjugate(z[kk]);
                Complex e = (zk + zc) * 0.5;
                Complex o = (zk - zc) * new Complex(0, -0.5);
                Complex zk2 = z[kk], zc2 = Complex.Conjugate(z[k]);
                Complex e2 = (zk2 + zc2) * 0.5;
                Complex o2 = (zk2 - zc2) * new Complex(0, -0.5);
                spectrum[k] = e + w[k] * o;
                spectrum[kk] = e2 + w[kk] * o2;
            }
        }
        finally
        {
            ArrayPool<Complex>.Shared.Return(rented);
        }
    }

    public void Inverse(ReadOnlySpan<Complex> spectrum, Span<double> x)
    {
        int n = x.Length;
        Checks.RealTransformBuffers(n, spectrum.Length);
        if (n == 1)
        {
            x[0] = spectrum[0].Real;
            return;
        }
        if (n % 2 == 1)
        {
            Complex[] full = ArrayPool<Complex>.Shared.Rent(n);
            try
            {
                var data = full.AsSpan(0, n);
                data[0] = spectrum[0].Real;
                for (int k = 1; k <= n / 2; k++)
                {
                    data[k] = spectrum[k];
                    data[n - k] = Complex.Conjugate(spectrum[k]);
                }
                Plan(n).InverseUnscaled(data);
                double scale = 1.0 / n;
                for (int i = 0; i < n; i++) x[i] = data[i].Real * scale;
            }
            finally
            {
                ArrayPool<Complex>.Shared.Return(full);
            }
            return;
        }

        int h = n / 2;
        Complex[] rented = ArrayPool<Complex>.Shared.Rent(h);
        try
        {
            var z = rented.AsSpan(0, h);
            Complex[] w = RealTwiddles(n);
            // The imaginary parts of X_0 and X_{n/2} do not belong to a real signal's spectrum: drop them.
            // Z_k = E_k + i·O_k is stored conjugated, so that one forward transform gives the conjugate of
            // the unscaled inverse (DFT⁻¹(z)·h = conj(DFT(conj z))), undone while unpacking.
            double first = spectrum[0].Real, last = spectrum[h].Real;
            z[0] = new Complex(0.5 * (first + last), -0.5 * (first - last));
            for (int k = 1; k < h; k++)
            {
                Complex xk = spectrum[k];
                Complex xc = Complex.Conjugate(spectrum[h - k]);
                Complex e = (xk + xc) * 0.5;
                Complex o = (xk - xc) * 0.5 * Complex.Conjugate(w[k]);
                // e + i·o, conjugated.
                z[k] = new Complex(e.Real - o.Imaginary, -(e.Imaginary + o.Real));
            }
            // Transform straight into x (viewed as h complex values), then undo the conjugation and scale.
            Plan(h).Forward(z, MemoryMarshal.Cast<double, Complex>(x));
            VectorOps.ScaleAlternating(1.0 / h, -1.0 / h, x);
        }
        finally
        {
            ArrayPool<Complex>.Shared.Return(rented);
        }
    }

    private ComplexFftPlan Plan(int n) => _plans.GetOrAdd(n, static length => new ComplexFftPlan(length));

    /// <summary>exp(−2πi k/n) for k ≤ n/2.</summary>
    private Complex[] RealTwiddles(int n) => _realTwiddles.GetOrAdd(n, static length =>
    {
        var all = ComplexFftPlan.Twiddles(length);
        return all.AsSpan(0, length / 2 + 1).ToArray();
    });
}
