using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Differentials.Numerics;

/// <summary>
/// Register-blocked micro-kernels for <see cref="PackedGemm"/>: each computes an MR×NR tile of
/// <c>C (+)= Â·B̂</c> from packed micro-panels (Â: kc steps of MR contiguous rows; B̂: kc steps of NR
/// contiguous columns), holding the whole tile in registers. The bodies are written out by hand because
/// the JIT keeps locals, not arrays, in registers.
/// </summary>
internal static unsafe class MicroKernels
{
    /// <summary>24×8 tile in 24 zmm accumulators (AVX-512).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Kernel24x8(int kc, double* a, double* b, double* c, int ldc, bool accumulate)
    {
        Vector512<double> c00 = default; Vector512<double> c10 = default; Vector512<double> c20 = default;
        Vector512<double> c01 = default; Vector512<double> c11 = default; Vector512<double> c21 = default;
        Vector512<double> c02 = default; Vector512<double> c12 = default; Vector512<double> c22 = default;
        Vector512<double> c03 = default; Vector512<double> c13 = default; Vector512<double> c23 = default;
        Vector512<double> c04 = default; Vector512<double> c14 = default; Vector512<double> c24 = default;
        Vector512<double> c05 = default; Vector512<double> c15 = default; Vector512<double> c25 = default;
        Vector512<double> c06 = default; Vector512<double> c16 = default; Vector512<double> c26 = default;
        Vector512<double> c07 = default; Vector512<double> c17 = default; Vector512<double> c27 = default;
        if (Sse.IsSupported)
        {
            // The C tile is read only after the k loop: start fetching its 8 columns now so the misses overlap the FMAs.
            for (int col = 0; col < 8; col++)
            {
                double* cc = c + (long)col * ldc;
                Sse.Prefetch0(cc);
                Sse.Prefetch0(cc + 8);
                Sse.Prefetch0(cc + 16);
                Sse.Prefetch0(cc + 23);
            }
        }
        for (int p = 0; p < kc; p++)
        {
            var a0 = Vector512.Load(a + 0);
            var a1 = Vector512.Load(a + 8);
            var a2 = Vector512.Load(a + 16);
            var b0 = Vector512.Create(b[0]);
            c00 = Vector512.FusedMultiplyAdd(a0, b0, c00);
            c10 = Vector512.FusedMultiplyAdd(a1, b0, c10);
            c20 = Vector512.FusedMultiplyAdd(a2, b0, c20);
            var b1 = Vector512.Create(b[1]);
            c01 = Vector512.FusedMultiplyAdd(a0, b1, c01);
            c11 = Vector512.FusedMultiplyAdd(a1, b1, c11);
            c21 = Vector512.FusedMultiplyAdd(a2, b1, c21);
            var b2 = Vector512.Create(b[2]);
            c02 = Vector512.FusedMultiplyAdd(a0, b2, c02);
            c12 = Vector512.FusedMultiplyAdd(a1, b2, c12);
            c22 = Vector512.FusedMultiplyAdd(a2, b2, c22);
            var b3 = Vector512.Create(b[3]);
            c03 = Vector512.FusedMultiplyAdd(a0, b3, c03);
            c13 = Vector512.FusedMultiplyAdd(a1, b3, c13);
            c23 = Vector512.FusedMultiplyAdd(a2, b3, c23);
            var b4 = Vector512.Create(b[4]);
            c04 = Vector512.FusedMultiplyAdd(a0, b4, c04);
            c14 = Vector512.FusedMultiplyAdd(a1, b4, c14);
            c24 = Vector512.FusedMultiplyAdd(a2, b4, c24);
            var b5 = Vector512.Create(b[5]);
            c05 = Vector512.FusedMultiplyAdd(a0, b5, c05);
            c15 = Vector512.FusedMultiplyAdd(a1, b5, c15);
            c25 = Vector512.FusedMultiplyAdd(a2, b5, c25);
            var b6 = Vector512.Create(b[6]);
            c06 = Vector512.FusedMultiplyAdd(a0, b6, c06);
            c16 = Vector512.FusedMultiplyAdd(a1, b6, c16);
            c26 = Vector512.FusedMultiplyAdd(a2, b6, c26);
            var b7 = Vector512.Create(b[7]);
            c07 = Vector512.FusedMultiplyAdd(a0, b7, c07);
            c17 = Vector512.FusedMultiplyAdd(a1, b7, c17);
            c27 = Vector512.FusedMultiplyAdd(a2, b7, c27);
            a += 24;
            b += 8;
        }
        if (accumulate)
        {
            double* c0 = c + (long)0 * ldc;
            Vector512.Store(Vector512.Load(c0 + 0) + c00, c0 + 0);
            Vector512.Store(Vector512.Load(c0 + 8) + c10, c0 + 8);
            Vector512.Store(Vector512.Load(c0 + 16) + c20, c0 + 16);
            double* c1 = c + (long)1 * ldc;
            Vector512.Store(Vector512.Load(c1 + 0) + c01, c1 + 0);
            Vector512.Store(Vector512.Load(c1 + 8) + c11, c1 + 8);
            Vector512.Store(Vector512.Load(c1 + 16) + c21, c1 + 16);
            double* c2 = c + (long)2 * ldc;
            Vector512.Store(Vector512.Load(c2 + 0) + c02, c2 + 0);
            Vector512.Store(Vector512.Load(c2 + 8) + c12, c2 + 8);
            Vector512.Store(Vector512.Load(c2 + 16) + c22, c2 + 16);
            double* c3 = c + (long)3 * ldc;
            Vector512.Store(Vector512.Load(c3 + 0) + c03, c3 + 0);
            Vector512.Store(Vector512.Load(c3 + 8) + c13, c3 + 8);
            Vector512.Store(Vector512.Load(c3 + 16) + c23, c3 + 16);
            double* c4 = c + (long)4 * ldc;
            Vector512.Store(Vector512.Load(c4 + 0) + c04, c4 + 0);
            Vector512.Store(Vector512.Load(c4 + 8) + c14, c4 + 8);
            Vector512.Store(Vector512.Load(c4 + 16) + c24, c4 + 16);
            double* c5 = c + (long)5 * ldc;
            Vector512.Store(Vector512.Load(c5 + 0) + c05, c5 + 0);
            Vector512.Store(Vector512.Load(c5 + 8) + c15, c5 + 8);
            Vector512.Store(Vector512.Load(c5 + 16) + c25, c5 + 16);
            double* c6 = c + (long)6 * ldc;
            Vector512.Store(Vector512.Load(c6 + 0) + c06, c6 + 0);
            Vector512.Store(Vector512.Load(c6 + 8) + c16, c6 + 8);
            Vector512.Store(Vector512.Load(c6 + 16) + c26, c6 + 16);
            double* c7 = c + (long)7 * ldc;
            Vector512.Store(Vector512.Load(c7 + 0) + c07, c7 + 0);
            Vector512.Store(Vector512.Load(c7 + 8) + c17, c7 + 8);
            Vector512.Store(Vector512.Load(c7 + 16) + c27, c7 + 16);
        }
        else
        {
            double* c0 = c + (long)0 * ldc;
            Vector512.Store(c00, c0 + 0);
            Vector512.Store(c10, c0 + 8);
            Vector512.Store(c20, c0 + 16);
            double* c1 = c + (long)1 * ldc;
            Vector512.Store(c01, c1 + 0);
            Vector512.Store(c11, c1 + 8);
            Vector512.Store(c21, c1 + 16);
            double* c2 = c + (long)2 * ldc;
            Vector512.Store(c02, c2 + 0);
            Vector512.Store(c12, c2 + 8);
            Vector512.Store(c22, c2 + 16);
            double* c3 = c + (long)3 * ldc;
            Vector512.Store(c03, c3 + 0);
            Vector512.Store(c13, c3 + 8);
            Vector512.Store(c23, c3 + 16);
            double* c4 = c + (long)4 * ldc;
            Vector512.Store(c04, c4 + 0);
            Vector512.Store(c14, c4 + 8);
            Vector512.Store(c24, c4 + 16);
            double* c5 = c + (long)5 * ldc;
            Vector512.Store(c05, c5 + 0);
            Vector512.Store(c15, c5 + 8);
            Vector512.Store(c25, c5 + 16);
            double* c6 = c + (long)6 * ldc;
            Vector512.Store(c06, c6 + 0);
            Vector512.Store(c16, c6 + 8);
            Vector512.Store(c26, c6 + 16);
            double* c7 = c + (long)7 * ldc;
            Vector512.Store(c07, c7 + 0);
            Vector512.Store(c17, c7 + 8);
            Vector512.Store(c27, c7 + 16);
        }
    }

    /// <summary>
    /// The 8×6 tile on 128-bit vectors (two doubles each): 24 accumulators, four loads of A and one broadcast of
    /// B live at a time, 29 of the 32 vector registers Arm's NEON (and AVX-512's xmm file) has. The Arm kernel;
    /// on x86 it runs for testing (DIFFERENTIALS_LINALG=simd-v128), where its speed is not a goal.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Kernel8x6V128(int kc, double* a, double* b, double* c, int ldc, bool accumulate)
    {
        Vector128<double> c00 = default; Vector128<double> c10 = default; Vector128<double> c20 = default; Vector128<double> c30 = default;
        Vector128<double> c01 = default; Vector128<double> c11 = default; Vector128<double> c21 = default; Vector128<double> c31 = default;
        Vector128<double> c02 = default; Vector128<double> c12 = default; Vector128<double> c22 = default; Vector128<double> c32 = default;
        Vector128<double> c03 = default; Vector128<double> c13 = default; Vector128<double> c23 = default; Vector128<double> c33 = default;
        Vector128<double> c04 = default; Vector128<double> c14 = default; Vector128<double> c24 = default; Vector128<double> c34 = default;
        Vector128<double> c05 = default; Vector128<double> c15 = default; Vector128<double> c25 = default; Vector128<double> c35 = default;
        for (int p = 0; p < kc; p++)
        {
            var a0 = Vector128.Load(a + 0);
            var a1 = Vector128.Load(a + 2);
            var a2 = Vector128.Load(a + 4);
            var a3 = Vector128.Load(a + 6);
            var b0 = Vector128.Create(b[0]);
            c00 = Vector128.FusedMultiplyAdd(a0, b0, c00);
            c10 = Vector128.FusedMultiplyAdd(a1, b0, c10);
            c20 = Vector128.FusedMultiplyAdd(a2, b0, c20);
            c30 = Vector128.FusedMultiplyAdd(a3, b0, c30);
            var b1 = Vector128.Create(b[1]);
            c01 = Vector128.FusedMultiplyAdd(a0, b1, c01);
            c11 = Vector128.FusedMultiplyAdd(a1, b1, c11);
            c21 = Vector128.FusedMultiplyAdd(a2, b1, c21);
            c31 = Vector128.FusedMultiplyAdd(a3, b1, c31);
            var b2 = Vector128.Create(b[2]);
            c02 = Vector128.FusedMultiplyAdd(a0, b2, c02);
            c12 = Vector128.FusedMultiplyAdd(a1, b2, c12);
            c22 = Vector128.FusedMultiplyAdd(a2, b2, c22);
            c32 = Vector128.FusedMultiplyAdd(a3, b2, c32);
            var b3 = Vector128.Create(b[3]);
            c03 = Vector128.FusedMultiplyAdd(a0, b3, c03);
            c13 = Vector128.FusedMultiplyAdd(a1, b3, c13);
            c23 = Vector128.FusedMultiplyAdd(a2, b3, c23);
            c33 = Vector128.FusedMultiplyAdd(a3, b3, c33);
            var b4 = Vector128.Create(b[4]);
            c04 = Vector128.FusedMultiplyAdd(a0, b4, c04);
            c14 = Vector128.FusedMultiplyAdd(a1, b4, c14);
            c24 = Vector128.FusedMultiplyAdd(a2, b4, c24);
            c34 = Vector128.FusedMultiplyAdd(a3, b4, c34);
            var b5 = Vector128.Create(b[5]);
            c05 = Vector128.FusedMultiplyAdd(a0, b5, c05);
            c15 = Vector128.FusedMultiplyAdd(a1, b5, c15);
            c25 = Vector128.FusedMultiplyAdd(a2, b5, c25);
            c35 = Vector128.FusedMultiplyAdd(a3, b5, c35);
            a += 8;
            b += 6;
        }
        if (accumulate)
        {
            double* c0p = c + (long)0 * ldc;
            Vector128.Store(Vector128.Load(c0p + 0) + c00, c0p + 0);
            Vector128.Store(Vector128.Load(c0p + 2) + c10, c0p + 2);
            Vector128.Store(Vector128.Load(c0p + 4) + c20, c0p + 4);
            Vector128.Store(Vector128.Load(c0p + 6) + c30, c0p + 6);
            double* c1p = c + (long)1 * ldc;
            Vector128.Store(Vector128.Load(c1p + 0) + c01, c1p + 0);
            Vector128.Store(Vector128.Load(c1p + 2) + c11, c1p + 2);
            Vector128.Store(Vector128.Load(c1p + 4) + c21, c1p + 4);
            Vector128.Store(Vector128.Load(c1p + 6) + c31, c1p + 6);
            double* c2p = c + (long)2 * ldc;
            Vector128.Store(Vector128.Load(c2p + 0) + c02, c2p + 0);
            Vector128.Store(Vector128.Load(c2p + 2) + c12, c2p + 2);
            Vector128.Store(Vector128.Load(c2p + 4) + c22, c2p + 4);
            Vector128.Store(Vector128.Load(c2p + 6) + c32, c2p + 6);
            double* c3p = c + (long)3 * ldc;
            Vector128.Store(Vector128.Load(c3p + 0) + c03, c3p + 0);
            Vector128.Store(Vector128.Load(c3p + 2) + c13, c3p + 2);
            Vector128.Store(Vector128.Load(c3p + 4) + c23, c3p + 4);
            Vector128.Store(Vector128.Load(c3p + 6) + c33, c3p + 6);
            double* c4p = c + (long)4 * ldc;
            Vector128.Store(Vector128.Load(c4p + 0) + c04, c4p + 0);
            Vector128.Store(Vector128.Load(c4p + 2) + c14, c4p + 2);
            Vector128.Store(Vector128.Load(c4p + 4) + c24, c4p + 4);
            Vector128.Store(Vector128.Load(c4p + 6) + c34, c4p + 6);
            double* c5p = c + (long)5 * ldc;
            Vector128.Store(Vector128.Load(c5p + 0) + c05, c5p + 0);
            Vector128.Store(Vector128.Load(c5p + 2) + c15, c5p + 2);
            Vector128.Store(Vector128.Load(c5p + 4) + c25, c5p + 4);
            Vector128.Store(Vector128.Load(c5p + 6) + c35, c5p + 6);
        }
        else
        {
            double* c0p = c + (long)0 * ldc;
            Vector128.Store(c00, c0p + 0);
            Vector128.Store(c10, c0p + 2);
            Vector128.Store(c20, c0p + 4);
            Vector128.Store(c30, c0p + 6);
            double* c1p = c + (long)1 * ldc;
            Vector128.Store(c01, c1p + 0);
            Vector128.Store(c11, c1p + 2);
            Vector128.Store(c21, c1p + 4);
            Vector128.Store(c31, c1p + 6);
            double* c2p = c + (long)2 * ldc;
            Vector128.Store(c02, c2p + 0);
            Vector128.Store(c12, c2p + 2);
            Vector128.Store(c22, c2p + 4);
            Vector128.Store(c32, c2p + 6);
            double* c3p = c + (long)3 * ldc;
            Vector128.Store(c03, c3p + 0);
            Vector128.Store(c13, c3p + 2);
            Vector128.Store(c23, c3p + 4);
            Vector128.Store(c33, c3p + 6);
            double* c4p = c + (long)4 * ldc;
            Vector128.Store(c04, c4p + 0);
            Vector128.Store(c14, c4p + 2);
            Vector128.Store(c24, c4p + 4);
            Vector128.Store(c34, c4p + 6);
            double* c5p = c + (long)5 * ldc;
            Vector128.Store(c05, c5p + 0);
            Vector128.Store(c15, c5p + 2);
            Vector128.Store(c25, c5p + 4);
            Vector128.Store(c35, c5p + 6);
        }
    }

    /// <summary>8×6 tile in 12 ymm accumulators (AVX2: 16 registers).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Kernel8x6(int kc, double* a, double* b, double* c, int ldc, bool accumulate)
    {
        Vector256<double> c00 = default; Vector256<double> c10 = default;
        Vector256<double> c01 = default; Vector256<double> c11 = default;
        Vector256<double> c02 = default; Vector256<double> c12 = default;
        Vector256<double> c03 = default; Vector256<double> c13 = default;
        Vector256<double> c04 = default; Vector256<double> c14 = default;
        Vector256<double> c05 = default; Vector256<double> c15 = default;
        for (int p = 0; p < kc; p++)
        {
            var a0 = Vector256.Load(a + 0);
            var a1 = Vector256.Load(a + 4);
            var b0 = Vector256.Create(b[0]);
            c00 = Vector256.FusedMultiplyAdd(a0, b0, c00);
            c10 = Vector256.FusedMultiplyAdd(a1, b0, c10);
            var b1 = Vector256.Create(b[1]);
            c01 = Vector256.FusedMultiplyAdd(a0, b1, c01);
            c11 = Vector256.FusedMultiplyAdd(a1, b1, c11);
            var b2 = Vector256.Create(b[2]);
            c02 = Vector256.FusedMultiplyAdd(a0, b2, c02);
            c12 = Vector256.FusedMultiplyAdd(a1, b2, c12);
            var b3 = Vector256.Create(b[3]);
            c03 = Vector256.FusedMultiplyAdd(a0, b3, c03);
            c13 = Vector256.FusedMultiplyAdd(a1, b3, c13);
            var b4 = Vector256.Create(b[4]);
            c04 = Vector256.FusedMultiplyAdd(a0, b4, c04);
            c14 = Vector256.FusedMultiplyAdd(a1, b4, c14);
            var b5 = Vector256.Create(b[5]);
            c05 = Vector256.FusedMultiplyAdd(a0, b5, c05);
            c15 = Vector256.FusedMultiplyAdd(a1, b5, c15);
            a += 8;
            b += 6;
        }
        if (accumulate)
        {
            double* c0 = c + (long)0 * ldc;
            Vector256.Store(Vector256.Load(c0 + 0) + c00, c0 + 0);
            Vector256.Store(Vector256.Load(c0 + 4) + c10, c0 + 4);
            double* c1 = c + (long)1 * ldc;
            Vector256.Store(Vector256.Load(c1 + 0) + c01, c1 + 0);
            Vector256.Store(Vector256.Load(c1 + 4) + c11, c1 + 4);
            double* c2 = c + (long)2 * ldc;
            Vector256.Store(Vector256.Load(c2 + 0) + c02, c2 + 0);
            Vector256.Store(Vector256.Load(c2 + 4) + c12, c2 + 4);
            double* c3 = c + (long)3 * ldc;
            Vector256.Store(Vector256.Load(c3 + 0) + c03, c3 + 0);
            Vector256.Store(Vector256.Load(c3 + 4) + c13, c3 + 4);
            double* c4 = c + (long)4 * ldc;
            Vector256.Store(Vector256.Load(c4 + 0) + c04, c4 + 0);
            Vector256.Store(Vector256.Load(c4 + 4) + c14, c4 + 4);
            double* c5 = c + (long)5 * ldc;
            Vector256.Store(Vector256.Load(c5 + 0) + c05, c5 + 0);
            Vector256.Store(Vector256.Load(c5 + 4) + c15, c5 + 4);
        }
        else
        {
            double* c0 = c + (long)0 * ldc;
            Vector256.Store(c00, c0 + 0);
            Vector256.Store(c10, c0 + 4);
            double* c1 = c + (long)1 * ldc;
            Vector256.Store(c01, c1 + 0);
            Vector256.Store(c11, c1 + 4);
            double* c2 = c + (long)2 * ldc;
            Vector256.Store(c02, c2 + 0);
            Vector256.Store(c12, c2 + 4);
            double* c3 = c + (long)3 * ldc;
            Vector256.Store(c03, c3 + 0);
            Vector256.Store(c13, c3 + 4);
            double* c4 = c + (long)4 * ldc;
            Vector256.Store(c04, c4 + 0);
            Vector256.Store(c14, c4 + 4);
            double* c5 = c + (long)5 * ldc;
            Vector256.Store(c05, c5 + 0);
            Vector256.Store(c15, c5 + 4);
        }
    }

    /// <summary>4×4 tile in 16 scalar accumulators (no SIMD).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Kernel4x4(int kc, double* a, double* b, double* c, int ldc, bool accumulate)
    {
        double c00 = 0; double c10 = 0; double c20 = 0; double c30 = 0;
        double c01 = 0; double c11 = 0; double c21 = 0; double c31 = 0;
        double c02 = 0; double c12 = 0; double c22 = 0; double c32 = 0;
        double c03 = 0; double c13 = 0; double c23 = 0; double c33 = 0;
        for (int p = 0; p < kc; p++)
        {
            double a0 = a[0], a1 = a[1], a2 = a[2], a3 = a[3];
            double b0 = b[0];
            c00 += a0 * b0; c10 += a1 * b0; c20 += a2 * b0; c30 += a3 * b0;
            double b1 = b[1];
            c01 += a0 * b1; c11 += a1 * b1; c21 += a2 * b1; c31 += a3 * b1;
            double b2 = b[2];
            c02 += a0 * b2; c12 += a1 * b2; c22 += a2 * b2; c32 += a3 * b2;
            double b3 = b[3];
            c03 += a0 * b3; c13 += a1 * b3; c23 += a2 * b3; c33 += a3 * b3;
            a += 4;
            b += 4;
        }
        double* c0 = c + (long)0 * ldc;
        double* c1 = c + (long)1 * ldc;
        double* c2 = c + (long)2 * ldc;
        double* c3 = c + (long)3 * ldc;
        if (accumulate)
        {
            c0[0] += c00; c0[1] += c10; c0[2] += c20; c0[3] += c30;
            c1[0] += c01; c1[1] += c11; c1[2] += c21; c1[3] += c31;
            c2[0] += c02; c2[1] += c12; c2[2] += c22; c2[3] += c32;
            c3[0] += c03; c3[1] += c13; c3[2] += c23; c3[3] += c33;
        }
        else
        {
            c0[0] = c00; c0[1] = c10; c0[2] = c20; c0[3] = c30;
            c1[0] = c01; c1[1] = c11; c1[2] = c21; c1[3] = c31;
            c2[0] = c02; c2[1] = c12; c2[2] = c22; c2[3] = c32;
            c3[0] = c03; c3[1] = c13; c3[2] = c23; c3[3] = c33;
        }
    }
}
