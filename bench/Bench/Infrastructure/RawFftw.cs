using System.Numerics;
using System.Runtime.InteropServices;

namespace Differentials.Bench.Infrastructure;

/// <summary>
/// Direct calls into Debian's libfftw3 (double precision), bypassing the kernel entirely: the
/// "raw FFTW" baseline that the kernel's FFTW-backed convolution is compared with. Buffers come
/// from fftw_malloc (aligned for SIMD) and plans use FFTW_MEASURE, the best FFTW offers here.
/// </summary>
internal static unsafe partial class RawFftw
{
    private const string Library = "libfftw3.so.3";

    /// <summary>FFTW_MEASURE: time candidate algorithms while planning.</summary>
    public const uint Measure = 0;

    /// <summary>FFTW_ESTIMATE: plan from heuristics only (fast to plan, slower to run).</summary>
    public const uint Estimate = 1u << 6;

    [LibraryImport(Library, EntryPoint = "fftw_malloc")]
    public static partial void* Malloc(nuint bytes);

    [LibraryImport(Library, EntryPoint = "fftw_free")]
    public static partial void Free(void* pointer);

    [LibraryImport(Library, EntryPoint = "fftw_plan_dft_r2c_1d")]
    public static partial nint PlanRealToComplex(int n, double* input, Complex* output, uint flags);

    [LibraryImport(Library, EntryPoint = "fftw_plan_dft_c2r_1d")]
    public static partial nint PlanComplexToReal(int n, Complex* input, double* output, uint flags);

    [LibraryImport(Library, EntryPoint = "fftw_execute")]
    public static partial void Execute(nint plan);

    [LibraryImport(Library, EntryPoint = "fftw_execute_dft_r2c")]
    public static partial void ExecuteRealToComplex(nint plan, double* input, Complex* output);

    [LibraryImport(Library, EntryPoint = "fftw_execute_dft_c2r")]
    public static partial void ExecuteComplexToReal(nint plan, Complex* input, double* output);

    [LibraryImport(Library, EntryPoint = "fftw_forget_wisdom")]
    public static partial void ForgetWisdom();

    [LibraryImport(Library, EntryPoint = "fftw_export_wisdom_to_filename", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int ExportWisdomToFilename(string filename);

    [LibraryImport(Library, EntryPoint = "fftw_import_wisdom_from_filename", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int ImportWisdomFromFilename(string filename);

    [LibraryImport(Library, EntryPoint = "fftw_destroy_plan")]
    public static partial void DestroyPlan(nint plan);

    /// <summary>True when libfftw3 can be loaded on this machine.</summary>
    public static bool IsAvailable => NativeLibrary.TryLoad(Library, out _);

    /// <summary>FFTW's version string (from its exported fftw_version), or "unavailable".</summary>
    public static string Version()
    {
        if (!NativeLibrary.TryLoad(Library, out var handle)) return "unavailable";
        return NativeLibrary.TryGetExport(handle, "fftw_version", out var address)
            ? Marshal.PtrToStringAnsi(address) ?? "unknown"
            : "unknown";
    }
}
