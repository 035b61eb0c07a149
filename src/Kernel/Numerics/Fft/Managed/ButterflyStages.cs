using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Differentials.Numerics;

/// <summary>
/// Decimation-in-time butterflies of <see cref="ComplexFftPlan"/> over m consecutive sub-transform
/// outputs, with the level's twiddles in contiguous runs (w^k, then w^(2k), w^(3k) for radix 4), so that
/// four (AVX-512) or two (AVX2) complex values go through each step at once (products by
/// <see cref="ComplexLanes"/>). m must be a multiple of 4.
/// </summary>
internal static unsafe class ButterflyStages
{
    /// <summary>f[k], f[k+m] ← f[k] ± w^k·f[k+m] for k &lt; m.</summary>
    public static void Radix2(Complex* f, Complex* w, int m)
    {
        double* a = (double*)f, b = (double*)(f + m), t = (double*)w;
        int k = 0, length = 2 * m;
        if (Avx512F.IsSupported)
        {
            for (; k < length; k += 8)
            {
                var x0 = Vector512.Load(a + k);
                var x1 = ComplexLanes.Multiply(Vector512.Load(b + k), Vector512.Load(t + k));
                Vector512.Store(x0 + x1, a + k);
                Vector512.Store(x0 - x1, b + k);
            }
        }
        else if (Fma.IsSupported)
        {
            for (; k < length; k += 4)
            {
                var x0 = Vector256.Load(a + k);
                var x1 = ComplexLanes.Multiply(Vector256.Load(b + k), Vector256.Load(t + k));
                Vector256.Store(x0 + x1, a + k);
                Vector256.Store(x0 - x1, b + k);
            }
        }
        for (int j = k / 2; j < m; j++)
        {
            Complex x1 = f[j + m] * w[j];
            f[j + m] = f[j] - x1;
            f[j] += x1;
        }
    }

    /// <summary>The radix-4 butterfly over f[k], f[k+m], f[k+2m], f[k+3m] for k &lt; m.</summary>
    public static void Radix4(Complex* f, Complex* w, int m)
    {
        double* f0 = (double*)f, f1 = (double*)(f + m), f2 = (double*)(f + 2 * m), f3 = (double*)(f + 3 * m);
        double* w1 = (double*)w, w2 = (double*)(w + m), w3 = (double*)(w + 2 * m);
        int k = 0, length = 2 * m;
        if (Avx512F.IsSupported)
        {
            // Multiplying by −i maps (re, im) to (im, −re): swap the pair, then negate the odd lanes.
            var minusI = Vector512.Create(1.0, -1.0, 1.0, -1.0, 1.0, -1.0, 1.0, -1.0);
            for (; k < length; k += 8)
            {
                var x0 = Vector512.Load(f0 + k);
                var s0 = ComplexLanes.Multiply(Vector512.Load(f1 + k), Vector512.Load(w1 + k));
                var s1 = ComplexLanes.Multiply(Vector512.Load(f2 + k), Vector512.Load(w2 + k));
                var s2 = ComplexLanes.Multiply(Vector512.Load(f3 + k), Vector512.Load(w3 + k));
                var sum = x0 + s1;
                var difference = x0 - s1;
                var s3 = s0 + s2;
                var s4 = Avx512F.Permute2x64(s0 - s2, 0x55) * minusI;
                Vector512.Store(sum + s3, f0 + k);
                Vector512.Store(sum - s3, f2 + k);
                Vector512.Store(difference + s4, f1 + k);
                Vector512.Store(difference - s4, f3 + k);
            }
        }
        else if (Fma.IsSupported)
        {
            var minusI = Vector256.Create(1.0, -1.0, 1.0, -1.0);
            for (; k < length; k += 4)
            {
                var x0 = Vector256.Load(f0 + k);
                var s0 = ComplexLanes.Multiply(Vector256.Load(f1 + k), Vector256.Load(w1 + k));
                var s1 = ComplexLanes.Multiply(Vector256.Load(f2 + k), Vector256.Load(w2 + k));
                var s2 = ComplexLanes.Multiply(Vector256.Load(f3 + k), Vector256.Load(w3 + k));
                var sum = x0 + s1;
                var difference = x0 - s1;
                var s3 = s0 + s2;
                var s4 = Avx.Permute(s0 - s2, 0x5) * minusI;
                Vector256.Store(sum + s3, f0 + k);
                Vector256.Store(sum - s3, f2 + k);
                Vector256.Store(difference + s4, f1 + k);
                Vector256.Store(difference - s4, f3 + k);
            }
        }
        for (int j = k / 2; j < m; j++)
        {
            Complex s0 = f[j + m] * w[j];
            Complex s1 = f[j + 2 * m] * w[m + j];
            Complex s2 = f[j + 3 * m] * w[2 * m + j];
            Complex sum = f[j] + s1, difference = f[j] - s1, s3 = s0 + s2, s4 = s0 - s2;
            f[j] = sum + s3;
            f[j + 2 * m] = sum - s3;
            // difference ∓ i·s4.
            f[j + m] = new Complex(difference.Real + s4.Imaginary, difference.Imaginary - s4.Real);
            f[j + 3 * m] = new Complex(difference.Real - s4.Imaginary, difference.Imaginary + s4.Real);
        }
    }
}
