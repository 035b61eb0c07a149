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

    // Triples (p, m, offset): radix p over m sub-transforms, and where this level's own twiddles start in
    // _stageTwiddles (−1 when the level reads the strided table _twiddles instead).
    private readonly int[] _factors = [];
    private readonly Complex[] _twiddles = [];
    private readonly Complex[] _stageTwiddles = [];

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
            Complex[] twiddles = Twiddles(n);
            _stageTwiddles = StageTwiddles(_factors, twiddles, n);
            // Keep the strided table only when a level still reads it (radices other than 2 and 4, or m not a
            // multiple of 4): for powers of two every level has its own run, and the table would double the memory.
            bool strided = false;
            for (int i = 0; i < _factors.Length; i += 3)
            {
                int radix = _factors[i], count = _factors[i + 1];
                strided |= (radix != 2 && radix != 4) || (count > 1 && _factors[i + 2] < 0);
            }
            _twiddles = strided ? twiddles : [];
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
            fixed (Complex* input = scratch, output = data, tw = _twiddles, stages = _stageTwiddles)
            fixed (int* factors = _factors)
            {
                Work(output, input, 1, factors, tw, stages, n);
            }
        }
        finally
        {
            ArrayPool<Complex>.Shared.Return(scratch);
        }
    }

    /// <summary>
    /// Writes the unnormalised forward DFT of <paramref name="input"/> (length n, left unchanged) into
    /// <paramref name="output"/> (length n, not overlapping it): the mixed-radix transform reads its input
    /// only at the leaves, so no copy is needed.
    /// </summary>
    public void Forward(ReadOnlySpan<Complex> input, Span<Complex> output)
    {
        int n = Length;
        if (input.Length != n || output.Length != n)
            throw new ArgumentException($"Expected {n} values in and out, got {input.Length} and {output.Length}.", nameof(output));
        if (input.Overlaps(output)) throw new ArgumentException("The input and output of an out-of-place transform overlap.", nameof(output));
        if (n == 1 || _inner != null)
        {
            input.CopyTo(output);
            Forward(output);
            return;
        }
        fixed (Complex* source = input, destination = output, tw = _twiddles, stages = _stageTwiddles)
        fixed (int* factors = _factors)
        {
            Work(destination, source, 1, factors, tw, stages, n);
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
    private static void Work(Complex* output, Complex* input, int stride, int* factors, Complex* tw, Complex* stages, int n)
    {
        int p = factors[0], m = factors[1];
        Complex* end = output + p * m;
        if (m == 1)
        {
            // A leaf: every twiddle is 1. Radix 4 and 2 read their inputs straight into the butterfly;
            // there are n/p leaves, so a copy loop and a call per leaf would cost as much as the arithmetic.
            if (p == 4)
            {
                Complex x0 = input[0], x1 = input[stride], x2 = input[2 * stride], x3 = input[3 * stride];
                Complex a = x0 + x2, b = x0 - x2, c = x1 + x3, d = x1 - x3;
                output[0] = a + c;
                output[2] = a - c;
                // b ∓ i·d.
                output[1] = new Complex(b.Real + d.Imaginary, b.Imaginary - d.Real);
                output[3] = new Complex(b.Real - d.Imaginary, b.Imaginary + d.Real);
                return;
            }
            if (p == 2)
            {
                Complex x0 = input[0], x1 = input[stride];
                output[0] = x0 + x1;
                output[1] = x0 - x1;
                return;
            }
            for (Complex* o = output; o < end; o++, input += stride) *o = *input;
        }
        else
        {
            for (Complex* o = output; o < end; o += m, input += stride)
                Work(o, input, stride * p, factors + 3, tw, stages, n);
        }

        int offset = factors[2];
        switch (p)
        {
            case 2 when offset >= 0: ButterflyStages.Radix2(output, stages + offset, m); break;
            case 2: Butterfly2(output, stride, tw, m); break;
            // The 4s are innermost, so a radix-4 level's m is a power of 4: a leaf, or a level with its own run.
            case 4: ButterflyStages.Radix4(output, stages + offset, m); break;
            default: ButterflyGeneric(output, stride, tw, m, p, n); break;
        }
    }

    /// <summary>
    /// For each radix-2 or radix-4 level whose m is a multiple of 4: its twiddles w^(q·k), q = 1…p−1,
    /// k &lt; m, copied from <paramref name="tw"/> into one contiguous run per q, so that the butterflies read
    /// them in order (vectorised) instead of with the level's stride. Records each run's offset in the
    /// level's triple; the values are the same, so accuracy is unchanged.
    /// </summary>
    private static Complex[] StageTwiddles(int[] factors, Complex[] tw, int n)
    {
        var values = new List<Complex>();
        for (int i = 0; i < factors.Length; i += 3)
        {
            int p = factors[i], m = factors[i + 1];
            if ((p != 2 && p != 4) || m % 4 != 0) continue;
            factors[i + 2] = values.Count;
            long stride = n / ((long)p * m);
            for (int q = 1; q < p; q++)
            {
                for (int k = 0; k < m; k++) values.Add(tw[q * k * stride]);
            }
        }
        return [.. values];
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

    /// <summary>
    /// Radices in order as triples (p, n/p, −1, p', n/(p·p'), −1, …): as many 4s as divide n (then at most one 2), 3, 5, …,
    /// with the 4s last, so that the leaves, which are most numerous, take the cheapest butterfly.
    /// </summary>
    private static int[] Factorize(int n)
    {
        var radices = new List<int>();
        int remaining = n;
        foreach (int p in new[] { 4, 2, 3, 5, 7, 11, 13 })
        {
            while (remaining % p == 0)
            {
                remaining /= p;
                radices.Add(p);
            }
        }
        var list = new List<int>();
        remaining = n;
        foreach (int p in radices.Where(r => r != 4).Concat(radices.Where(r => r == 4)))
        {
            remaining /= p;
            list.Add(p);
            list.Add(remaining);
            list.Add(-1);
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
