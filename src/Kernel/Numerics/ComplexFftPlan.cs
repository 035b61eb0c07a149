using System.Buffers;
using System.Numerics;

namespace Differentials.Numerics;

/// <summary>
/// An unnormalised forward complex DFT of one length n, accurate to a few ulps times log n at every n.
/// Lengths whose prime factors are all small use a recursive mixed-radix Cooley–Tukey transform
/// (radix 4 and 2, generic butterflies for 3, 5, 7, 11, 13); other lengths use Bluestein's chirp
/// convolution at a power-of-two length. Twiddles and chirps are computed one by one with
/// Math.SinCos on exactly reduced angles, never by recurrence, which is what keeps large n accurate.
/// </summary>
internal sealed unsafe class ComplexFftPlan
{
    private const int LargestDirectRadix = 13;

    private readonly int[] _factors = [];
    private readonly Complex[] _twiddles = [];

    // Bluestein: chirp c_j = exp(-iπ j²/n), and the spectrum of the conjugate chirp wrapped at length M.
    private readonly ComplexFftPlan? _inner;
    private readonly Complex[] _chirp = [];
    private readonly Complex[] _chirpSpectrum = [];

    /// <summary>Prepares twiddles (and, for Bluestein, the chirp spectrum) for length n ≥ 1.</summary>
    public ComplexFftPlan(int n)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        Length = n;
        if (LargestPrimeFactor(n) <= LargestDirectRadix)
        {
            _factors = Factorize(n);
            _twiddles = Twiddles(n);
            return;
        }

        int m = 1;
        while (m < 2 * n - 1) m <<= 1;
        _inner = new ComplexFftPlan(m);
        _chirp = new Complex[n];
        long twoN = 2L * n;
        for (int j = 0; j < n; j++)
        {
            // j² mod 2n keeps the angle exact: exp(-iπ j²/n) has period 2n in j².
            long r = (long)j * j % twoN;
            (double sin, double cos) = Math.SinCos(-Math.PI * r / n);
            _chirp[j] = new Complex(cos, sin);
        }
        _chirpSpectrum = new Complex[m];
        _chirpSpectrum[0] = Complex.Conjugate(_chirp[0]);
        for (int j = 1; j < n; j++)
        {
            _chirpSpectrum[j] = Complex.Conjugate(_chirp[j]);
            _chirpSpectrum[m - j] = Complex.Conjugate(_chirp[j]);
        }
        _inner.Forward(_chirpSpectrum);
    }

    /// <summary>The transform length n.</summary>
    public int Length { get; }

    /// <summary>Whether this plan uses Bluestein's algorithm (n has a prime factor above 13).</summary>
    public bool UsesBluestein => _inner != null;

    /// <summary>Replaces <paramref name="data"/> (length n) by its unnormalised forward DFT.</summary>
    public void Forward(Span<Complex> data)
    {
        int n = Length;
        if (data.Length != n) throw new ArgumentException($"Expected {n} values, got {data.Length}.", nameof(data));
        if (n == 1) return;
        if (_inner != null)
        {
            Bluestein(data);
            return;
        }
        Complex[] scratch = ArrayPool<Complex>.Shared.Rent(n);
        try
        {
            data.CopyTo(scratch);
            fixed (Complex* input = scratch, output = data, tw = _twiddles)
            fixed (int* factors = _factors)
            {
                Work(output, input, 1, factors, tw, n);
            }
        }
        finally
        {
            ArrayPool<Complex>.Shared.Return(scratch);
        }
    }

    /// <summary>Replaces <paramref name="data"/> by its unnormalised inverse DFT (no 1/n factor).</summary>
    public void InverseUnscaled(Span<Complex> data)
    {
        // DFT⁻¹(x)·n = conj(DFT(conj(x))).
        for (int i = 0; i < data.Length; i++) data[i] = Complex.Conjugate(data[i]);
        Forward(data);
        for (int i = 0; i < data.Length; i++) data[i] = Complex.Conjugate(data[i]);
    }

    private void Bluestein(Span<Complex> data)
    {
        int n = Length, m = _inner!.Length;
        Complex[] work = ArrayPool<Complex>.Shared.Rent(m);
        try
        {
            var a = work.AsSpan(0, m);
            for (int j = 0; j < n; j++) a[j] = data[j] * _chirp[j];
            a[n..].Clear();
            _inner.Forward(a);
            for (int k = 0; k < m; k++) a[k] = Complex.Conjugate(a[k] * _chirpSpectrum[k]);
            _inner.Forward(a); // conj(FFT(conj(·))) = m·IFFT(·); the conjugation is folded into the next line
            double scale = 1.0 / m;
            for (int k = 0; k < n; k++) data[k] = Complex.Conjugate(a[k]) * scale * _chirp[k];
        }
        finally
        {
            ArrayPool<Complex>.Shared.Return(work);
        }
    }

    /// <summary>
    /// Decimation in time, out of place: the output block of length p·m is p sub-transforms of length m
    /// (inputs taken with stride <paramref name="stride"/>·p), then m butterflies of radix p.
    /// </summary>
    private static void Work(Complex* output, Complex* input, int stride, int* factors, Complex* tw, int n)
    {
        int p = factors[0], m = factors[1];
        Complex* end = output + p * m;
        if (m == 1)
        {
            for (Complex* o = output; o < end; o++, input += stride) *o = *input;
        }
        else
        {
            for (Complex* o = output; o < end; o += m, input += stride)
                Work(o, input, stride * p, factors + 2, tw, n);
        }

        switch (p)
        {
            case 2: Butterfly2(output, stride, tw, m); break;
            case 4: Butterfly4(output, stride, tw, m); break;
            default: ButterflyGeneric(output, stride, tw, m, p, n); break;
        }
    }

    private static void Butterfly2(Complex* f, int stride, Complex* tw, int m)
    {
        Complex* f2 = f + m;
        for (int k = 0; k < m; k++)
        {
            Complex t = f2[k] * tw[k * stride];
            f2[k] = f[k] - t;
            f[k] += t;
        }
    }

    private static void Butterfly4(Complex* f, int stride, Complex* tw, int m)
    {
        for (int k = 0; k < m; k++)
        {
            Complex s0 = f[k + m] * tw[k * stride];
            Complex s1 = f[k + 2 * m] * tw[2 * k * stride];
            Complex s2 = f[k + 3 * m] * tw[3 * k * stride];
            Complex s5 = f[k] - s1;
            Complex f0 = f[k] + s1;
            Complex s3 = s0 + s2;
            Complex s4 = s0 - s2;
            f[k + 2 * m] = f0 - s3;
            f[k] = f0 + s3;
            // Multiplying s4 by -i.
            f[k + m] = new Complex(s5.Real + s4.Imaginary, s5.Imaginary - s4.Real);
            f[k + 3 * m] = new Complex(s5.Real - s4.Imaginary, s5.Imaginary + s4.Real);
        }
    }

    private static void ButterflyGeneric(Complex* f, int stride, Complex* tw, int m, int p, int n)
    {
        Complex* scratch = stackalloc Complex[p];
        for (int u = 0; u < m; u++)
        {
            for (int q = 0; q < p; q++) scratch[q] = f[u + q * m];
            for (int q1 = 0; q1 < p; q1++)
            {
                int k = u + q1 * m;
                Complex sum = scratch[0];
                long step = (long)stride * k % n;
                long index = 0;
                for (int q = 1; q < p; q++)
                {
                    index += step;
                    if (index >= n) index -= n;
                    sum += scratch[q] * tw[index];
                }
                f[k] = sum;
            }
        }
    }

    /// <summary>exp(-2πi j/n) for j &lt; n; the second half mirrors the first so angles stay ≤ π.</summary>
    internal static Complex[] Twiddles(int n)
    {
        var tw = new Complex[n];
        for (int j = 0; j <= n / 2; j++)
        {
            (double sin, double cos) = Math.SinCos(-2.0 * Math.PI * j / n);
            tw[j] = new Complex(cos, sin);
        }
        for (int j = n / 2 + 1; j < n; j++) tw[j] = Complex.Conjugate(tw[n - j]);
        return tw;
    }

    /// <summary>Radices in order as (p, n/p, p', n/(p·p'), …), preferring 4, then 2, 3, 5, …</summary>
    private static int[] Factorize(int n)
    {
        var list = new List<int>();
        int remaining = n;
        foreach (int p in new[] { 4, 2, 3, 5, 7, 11, 13 })
        {
            while (remaining % p == 0)
            {
                remaining /= p;
                list.Add(p);
                list.Add(remaining);
            }
        }
        return [.. list];
    }

    /// <summary>The largest prime factor of n ≥ 1 (1 for n = 1).</summary>
    internal static int LargestPrimeFactor(int n)
    {
        int largest = 1;
        for (int p = 2; (long)p * p <= n; p++)
        {
            while (n % p == 0)
            {
                n /= p;
                largest = p;
            }
        }
        return Math.Max(largest, n);
    }
}
