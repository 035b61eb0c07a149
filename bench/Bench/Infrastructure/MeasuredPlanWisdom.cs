using Differentials.Numerics;
using System.Numerics;

namespace Differentials.Bench.Infrastructure;

/// <summary>
/// FFTW_MEASURE's choice of algorithm for a length, made once per process and replayed as wisdom, so
/// that raw FFTW and the kernel's "fftw-measure" backend run the same plan. FFTW_MEASURE times candidate
/// algorithms while planning; on this shared machine two planning sessions often pick different ones
/// (raw MEASURE convolutions at 2^18 measured 1.9 ms in one run and 3.2 ms in another), so comparing two
/// independent plans would measure that luck rather than the kernel's overhead around FFTW.
/// </summary>
internal static unsafe class MeasuredPlanWisdom
{
    private static readonly Dictionary<int, string> Files = [];
    private static readonly List<string> Temporary = [];

    static MeasuredPlanWisdom() => AppDomain.CurrentDomain.ProcessExit += (_, _) =>
    {
        foreach (string file in Temporary) File.Delete(file);
    };

    /// <summary>
    /// Replaces FFTW's process-wide wisdom by the measured plans for real transforms of length
    /// <paramref name="n"/> (planned now if this process has not planned them yet).
    /// </summary>
    /// <exception cref="InvalidOperationException">FFTW could not plan or reread its wisdom.</exception>
    public static void Load(int n)
    {
        string file = FileFor(n);
        RawFftw.ForgetWisdom();
        if (RawFftw.ImportWisdomFromFilename(file) == 0)
            throw new InvalidOperationException($"FFTW could not read back the wisdom it wrote to {file}.");
    }

    private static string FileFor(int n)
    {
        if (Files.TryGetValue(n, out string? known)) return known;
        if (FftwRealFft.TryGet(out var fftw, out _) && fftw!.WisdomFile is { } machine && fftw.HasWisdomFor(n))
        {
            Files[n] = machine;
            return machine;
        }
        RawFftw.ForgetWisdom();
        double* real = (double*)RawFftw.Malloc((nuint)(n * sizeof(double)));
        Complex* spectrum = (Complex*)RawFftw.Malloc((nuint)((n / 2 + 1) * sizeof(Complex)));
        try
        {
            // The same problems the kernel and the raw benchmarks plan: out of place, SIMD-aligned arrays.
            nint forward = RawFftw.PlanRealToComplex(n, real, spectrum, RawFftw.Measure);
            nint inverse = RawFftw.PlanComplexToReal(n, spectrum, real, RawFftw.Measure);
            if (forward == 0 || inverse == 0) throw new InvalidOperationException($"FFTW could not plan length {n}.");
            string file = Path.Combine(Path.GetTempPath(), $"differentials-bench-{Environment.ProcessId}-{n}.wisdom");
            int exported = RawFftw.ExportWisdomToFilename(file);
            RawFftw.DestroyPlan(forward);
            RawFftw.DestroyPlan(inverse);
            if (exported == 0) throw new InvalidOperationException($"FFTW could not write its wisdom to {file}.");
            Files[n] = file;
            Temporary.Add(file);
            return file;
        }
        finally
        {
            RawFftw.Free(real);
            RawFftw.Free(spectrum);
            RawFftw.ForgetWisdom();
        }
    }
}
