using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Differentials.Numerics;

/// <summary>
/// 8×8 transposes of doubles in AVX-512 registers (unpack, then two rounds of two-source permutes), for
/// the packing of <see cref="PackedGemm"/> and the symmetric part of a matrix: a strided scalar store
/// costs several cycles an element, a register transpose well under one. Callers check
/// <see cref="Avx512F.IsSupported"/>.
/// </summary>
internal static unsafe class RegisterTranspose
{
    /// <summary>
    /// Writes the transpose of the 8×8 block whose rows are <c>src + j·stride</c> (8 contiguous values each),
    /// times <paramref name="alpha"/>, as 8 contiguous values at <c>dst + p·dstStride</c> for p = 0…7.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Block8x8(double* src, long stride, double alpha, double* dst, long dstStride)
    {
        var r0 = Vector512.Load(src);
        var r1 = Vector512.Load(src + stride);
        var r2 = Vector512.Load(src + 2 * stride);
        var r3 = Vector512.Load(src + 3 * stride);
        var r4 = Vector512.Load(src + 4 * stride);
        var r5 = Vector512.Load(src + 5 * stride);
        var r6 = Vector512.Load(src + 6 * stride);
        var r7 = Vector512.Load(src + 7 * stride);
        // Pairs of rows interleaved within 128-bit lanes: t0 = (r0[0] r1[0] r0[2] r1[2] …), t1 the odd p.
        var t0 = Avx512F.UnpackLow(r0, r1); var t1 = Avx512F.UnpackHigh(r0, r1);
        var t2 = Avx512F.UnpackLow(r2, r3); var t3 = Avx512F.UnpackHigh(r2, r3);
        var t4 = Avx512F.UnpackLow(r4, r5); var t5 = Avx512F.UnpackHigh(r4, r5);
        var t6 = Avx512F.UnpackLow(r6, r7); var t7 = Avx512F.UnpackHigh(r6, r7);
        // Four rows per p: s0 holds rows 0–3 at p = 0 and p = 4, s2 at p = 2 and 6, s1 at 1 and 5, s3 at 3 and 7.
        var even = Vector512.Create(0L, 1, 8, 9, 4, 5, 12, 13);
        var odd = Vector512.Create(2L, 3, 10, 11, 6, 7, 14, 15);
        var s0 = Avx512F.PermuteVar8x64x2(t0, even, t2); var s2 = Avx512F.PermuteVar8x64x2(t0, odd, t2);
        var s1 = Avx512F.PermuteVar8x64x2(t1, even, t3); var s3 = Avx512F.PermuteVar8x64x2(t1, odd, t3);
        var s4 = Avx512F.PermuteVar8x64x2(t4, even, t6); var s6 = Avx512F.PermuteVar8x64x2(t4, odd, t6);
        var s5 = Avx512F.PermuteVar8x64x2(t5, even, t7); var s7 = Avx512F.PermuteVar8x64x2(t5, odd, t7);
        var low = Vector512.Create(0L, 1, 2, 3, 8, 9, 10, 11);
        var high = Vector512.Create(4L, 5, 6, 7, 12, 13, 14, 15);
        var scale = Vector512.Create(alpha);
        Vector512.Store(Avx512F.PermuteVar8x64x2(s0, low, s4) * scale, dst);
        Vector512.Store(Avx512F.PermuteVar8x64x2(s1, low, s5) * scale, dst + dstStride);
        Vector512.Store(Avx512F.PermuteVar8x64x2(s2, low, s6) * scale, dst + 2 * dstStride);
        Vector512.Store(Avx512F.PermuteVar8x64x2(s3, low, s7) * scale, dst + 3 * dstStride);
        Vector512.Store(Avx512F.PermuteVar8x64x2(s0, high, s4) * scale, dst + 4 * dstStride);
        Vector512.Store(Avx512F.PermuteVar8x64x2(s1, high, s5) * scale, dst + 5 * dstStride);
        Vector512.Store(Avx512F.PermuteVar8x64x2(s2, high, s6) * scale, dst + 6 * dstStride);
        Vector512.Store(Avx512F.PermuteVar8x64x2(s3, high, s7) * scale, dst + 7 * dstStride);
    }
}
