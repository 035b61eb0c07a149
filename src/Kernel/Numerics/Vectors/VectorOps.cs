using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Differentials.Numerics;

/// <summary>Small loops shared by the triangular solves, the LU panel, the managed FFT and the operators that need a transposed copy.</summary>
internal static unsafe class VectorOps
{
    /// <summary>Writes the transpose of the n×n column-major <paramref name="a"/> into <paramref name="destination"/>, in tiles for the cache.</summary>
    public static void Transpose(ReadOnlySpan<double> a, Span<double> destination, int n)
    {
        const int tile = 32;
        for (int jj = 0; jj < n; jj += tile)
            for (int ii = 0; ii < n; ii += tile)
            {
                int jEnd = Math.Min(jj + tile, n), iEnd = Math.Min(ii + tile, n);
                for (int j = jj; j < jEnd; j++)
                    for (int i = ii; i < iEnd; i++) destination[j + i * n] = a[i + j * n];
            }
    }

    /// <summary>y[i] += alpha · x[i] for i &lt; length.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Axpy(double alpha, double* x, double* y, int length)
    {
        int i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            var va = Vector512.Create(alpha);
            for (; i + 8 <= length; i += 8)
                Vector512.Store(Vector512.FusedMultiplyAdd(va, Vector512.Load(x + i), Vector512.Load(y + i)), y + i);
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            var va = Vector256.Create(alpha);
            for (; i + 4 <= length; i += 4)
                Vector256.Store(Vector256.Load(y + i) + va * Vector256.Load(x + i), y + i);
        }
        else if (Vector128.IsHardwareAccelerated)
        {
            var va = Vector128.Create(alpha);
            for (; i + 2 <= length; i += 2)
                Vector128.Store(Vector128.Load(y + i) + va * Vector128.Load(x + i), y + i);
        }
        for (; i < length; i++) y[i] += alpha * x[i];
    }

    /// <summary>x[i] *= alpha for i &lt; length.</summary>
    public static void Scale(double alpha, double* x, int length) => ScaleAlternating(alpha, alpha, new Span<double>(x, length));

    /// <summary>x[i] *= even for even i and odd for odd i: scales interleaved (re, im) pairs and can conjugate them.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void ScaleAlternating(double even, double odd, Span<double> x)
    {
        int i = 0;
        fixed (double* p = x)
        {
            if (Vector512.IsHardwareAccelerated)
            {
                var factors = Vector512.Create(even, odd, even, odd, even, odd, even, odd);
                for (; i + 8 <= x.Length; i += 8) Vector512.Store(Vector512.Load(p + i) * factors, p + i);
            }
            else if (Vector256.IsHardwareAccelerated)
            {
                var factors = Vector256.Create(even, odd, even, odd);
                for (; i + 4 <= x.Length; i += 4) Vector256.Store(Vector256.Load(p + i) * factors, p + i);
            }
            else if (Vector128.IsHardwareAccelerated)
            {
                var factors = Vector128.Create(even, odd);
                for (; i + 2 <= x.Length; i += 2) Vector128.Store(Vector128.Load(p + i) * factors, p + i);
            }
        }
        for (; i < x.Length; i++) x[i] *= (i & 1) == 0 ? even : odd;
    }

    /// <summary>destination[i] = alpha·source[i]: one pass, where a copy and then a scaling would be two.</summary>
    /// <param name="alpha">The factor.</param>
    /// <param name="source">The values to scale.</param>
    /// <param name="destination">At least as long as <paramref name="source"/>; must not overlap it except exactly.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void ScaleInto(double alpha, ReadOnlySpan<double> source, Span<double> destination)
    {
        int i = 0, n = source.Length;
        destination = destination[..n];
        fixed (double* s = source, d = destination)
        {
            if (Vector512.IsHardwareAccelerated)
            {
                var factor = Vector512.Create(alpha);
                for (; i + 8 <= n; i += 8) Vector512.Store(Vector512.Load(s + i) * factor, d + i);
            }
            else if (Vector256.IsHardwareAccelerated)
            {
                var factor = Vector256.Create(alpha);
                for (; i + 4 <= n; i += 4) Vector256.Store(Vector256.Load(s + i) * factor, d + i);
            }
            else if (Vector128.IsHardwareAccelerated)
            {
                var factor = Vector128.Create(alpha);
                for (; i + 2 <= n; i += 2) Vector128.Store(Vector128.Load(s + i) * factor, d + i);
            }
        }
        for (; i < n; i++) destination[i] = alpha * source[i];
    }

    /// <summary>The index of the first entry of largest magnitude among x[0..length).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int ArgMaxAbs(double* x, int length)
    {
        int best = 0;
        double max = Math.Abs(x[0]);
        for (int i = 1; i < length; i++)
        {
            double v = Math.Abs(x[i]);
            if (v > max)
            {
                max = v;
                best = i;
            }
        }
        return best;
    }
}
