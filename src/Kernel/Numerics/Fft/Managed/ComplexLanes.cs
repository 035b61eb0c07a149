using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Differentials.Numerics;

/// <summary>
/// Complex arithmetic on interleaved (re, im) lanes: four complex values per AVX-512 vector, two per
/// AVX2 vector. A product a·w is one fused multiply-add-subtract, (a·Re w) ∓ (swap(a)·Im w), with the
/// same roundings as a fused scalar product. Callers check <see cref="Avx512F.IsSupported"/> or
/// <see cref="Fma.IsSupported"/>.
/// </summary>
internal static unsafe class ComplexLanes
{
    /// <summary>a·w lane by lane: even lanes a.re·w.re − a.im·w.im, odd lanes a.im·w.re + a.re·w.im.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Multiply(Vector512<double> a, Vector512<double> w) =>
        Avx512F.FusedMultiplyAddSubtract(a, Avx512F.Permute2x64(w, 0x00), Avx512F.Permute2x64(a, 0x55) * Avx512F.Permute2x64(w, 0xFF));

    /// <summary>a·w for two complex values.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Multiply(Vector256<double> a, Vector256<double> w) =>
        Fma.MultiplyAddSubtract(a, Avx.Permute(w, 0x0), Avx.Permute(a, 0x5) * Avx.Permute(w, 0xF));

    /// <summary>
    /// product[i] = (s·op(a[i]))·b[i] for i &lt; count, where op conjugates when <paramref name="conjugateA"/>
    /// and s is <paramref name="scale"/>, and adds to product[i] instead when <paramref name="accumulate"/>.
    /// The scale rides on the sign vector, so it costs nothing, and s = 1 gives exactly the unscaled product.
    /// The spans may alias exactly.
    /// </summary>
    public static void MultiplyInto(ReadOnlySpan<Complex> a, ReadOnlySpan<Complex> b, Span<Complex> product, int count,
                                    bool conjugateA, bool accumulate, double scale = 1.0)
    {
        a = a[..count];
        b = b[..count];
        product = product[..count];
        int i = 0;
        fixed (Complex* pa = a, pb = b, pp = product)
        {
            double* x = (double*)pa, y = (double*)pb, z = (double*)pp;
            int length = 2 * count;
            if (Avx512F.IsSupported)
            {
                var sign = (conjugateA ? Vector512.Create(1.0, -1.0, 1.0, -1.0, 1.0, -1.0, 1.0, -1.0) : Vector512<double>.One) * scale;
                for (; i + 8 <= length; i += 8)
                {
                    var value = Multiply(Vector512.Load(y + i), Vector512.Load(x + i) * sign);
                    Vector512.Store(accumulate ? Vector512.Load(z + i) + value : value, z + i);
                }
            }
            else if (Fma.IsSupported)
            {
                var sign = (conjugateA ? Vector256.Create(1.0, -1.0, 1.0, -1.0) : Vector256<double>.One) * scale;
                for (; i + 4 <= length; i += 4)
                {
                    var value = Multiply(Vector256.Load(y + i), Vector256.Load(x + i) * sign);
                    Vector256.Store(accumulate ? Vector256.Load(z + i) + value : value, z + i);
                }
            }
        }
        for (int k = i / 2; k < count; k++)
        {
            Complex value = (conjugateA ? Complex.Conjugate(a[k]) : a[k]) * scale * b[k];
            product[k] = accumulate ? product[k] + value : value;
        }
    }
}
