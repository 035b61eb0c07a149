using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Differentials.Numerics;

/// <summary>Small loops shared by the triangular solves, the LU panel, the managed FFT and the operators that need a transposed copy.</summary>
internal static unsafe class VectorOps
{
    /// <summary>
    /// Writes the transpose of the n×n column-major <paramref name="a"/> into <paramref name="destination"/>: 8×8
    /// blocks transposed in AVX-512 registers (4×4 in AVX ones), visited in 64×64 tiles so that the strided side
    /// stays in cache; the edges past the last whole block, and processors without those registers, element by
    /// element. Element-wise strided stores cost several cycles each, a register transpose well under one (at
    /// order 1024 the element loop took 9 ms, most of a Cholesky adjoint's transposed solve).
    /// </summary>
    /// <exception cref="ArgumentException">A span is shorter than n².</exception>
    public static void Transpose(ReadOnlySpan<double> a, Span<double> destination, int n)
    {
        Checks.SquareBuffer(a.Length, n, nameof(a));
        Checks.SquareBuffer(destination.Length, n, nameof(destination));
        fixed (double* pa = a, pd = destination)
        {
            int block = Avx512F.IsSupported ? 8 : Avx.IsSupported ? 4 : 1;
            int whole = block > 1 ? n / block * block : 0;
            if (whole > 0) TransposeBlocks(pa, pd, n, whole, block);
            for (int j = 0; j < n; j++)
            {
                double* column = pa + (long)j * n;
                for (int i = j < whole ? whole : 0; i < n; i++) pd[j + (long)i * n] = column[i];
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void TransposeBlocks(double* a, double* d, int n, int whole, int block)
    {
        const int tile = 64;
        for (int jj = 0; jj < whole; jj += tile)
        {
            int jEnd = Math.Min(jj + tile, whole);
            for (int ii = 0; ii < whole; ii += tile)
            {
                int iEnd = Math.Min(ii + tile, whole);
                for (int j = jj; j < jEnd; j += block)
                {
                    for (int i = ii; i < iEnd; i += block)
                    {
                        if (block == 8) RegisterTranspose.Block8x8(a + i + (long)j * n, n, 1.0, d + j + (long)i * n, n);
                        else Block4x4(a + i + (long)j * n, n, d + j + (long)i * n);
                    }
                }
            }
        }
    }

    // Columns r0..r3 of a 4×4 block in, rows out: unpack pairs within 128-bit lanes, then swap lanes.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Block4x4(double* src, long stride, double* dst)
    {
        var r0 = Avx.LoadVector256(src);
        var r1 = Avx.LoadVector256(src + stride);
        var r2 = Avx.LoadVector256(src + 2 * stride);
        var r3 = Avx.LoadVector256(src + 3 * stride);
        var t0 = Avx.UnpackLow(r0, r1);
        var t1 = Avx.UnpackHigh(r0, r1);
        var t2 = Avx.UnpackLow(r2, r3);
        var t3 = Avx.UnpackHigh(r2, r3);
        Avx.Store(dst, Avx.Permute2x128(t0, t2, 0x20));
        Avx.Store(dst + stride, Avx.Permute2x128(t1, t3, 0x20));
        Avx.Store(dst + 2 * stride, Avx.Permute2x128(t0, t2, 0x31));
        Avx.Store(dst + 3 * stride, Avx.Permute2x128(t1, t3, 0x31));
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
