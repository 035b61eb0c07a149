using System.Runtime.Intrinsics;

namespace Differentials.Numerics;

/// <summary>The vector width the SIMD kernels run with.</summary>
internal enum SimdLevel
{
    /// <summary>Plain scalar loops: works everywhere.</summary>
    Scalar,

    /// <summary>128-bit vectors with FMA: Arm's NEON (Apple silicon, Arm servers), where the wider types are not
    /// accelerated; selectable on x86 for testing.</summary>
    Vector128,

    /// <summary>256-bit vectors (AVX2 + FMA, or the platform's equivalent).</summary>
    Vector256,

    /// <summary>512-bit vectors (AVX-512 with FMA).</summary>
    Vector512,
}

/// <summary>Picks the widest vector level the processor accelerates.</summary>
internal static class SimdLevels
{
    /// <summary>The best level on this machine.</summary>
    public static SimdLevel Best
    {
        get
        {
            // Vector*.FusedMultiplyAdd falls back to a slow software path without hardware FMA,
            // so the wide levels also require Fma (x86) or AdvSimd (Arm, where FMA is part of the base set).
            bool fma = System.Runtime.Intrinsics.X86.Fma.IsSupported || System.Runtime.Intrinsics.Arm.AdvSimd.IsSupported;
            if (fma && Vector512.IsHardwareAccelerated) return SimdLevel.Vector512;
            if (fma && Vector256.IsHardwareAccelerated) return SimdLevel.Vector256;
            if (fma && Vector128.IsHardwareAccelerated) return SimdLevel.Vector128;
            return SimdLevel.Scalar;
        }
    }

    /// <summary>Short name used in reports: "avx512", "avx2", "v128" or "scalar".</summary>
    public static string Label(SimdLevel level) => level switch
    {
        SimdLevel.Vector512 => "avx512",
        SimdLevel.Vector256 => "avx2",
        SimdLevel.Vector128 => "v128",
        _ => "scalar",
    };

    /// <summary>Whether this machine can run <paramref name="level"/> at full speed.</summary>
    public static bool IsSupported(SimdLevel level) => level <= Best;
}
