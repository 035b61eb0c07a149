using System.Runtime.InteropServices;
using System.Text.Json;
using BenchmarkDotNet.Running;
using Differentials.Bench.Benchmarks;
using Differentials.Numerics;

namespace Differentials.Bench.Infrastructure;

/// <summary>
/// The facts a result is meaningless without: machine, runtime, library versions and which backends
/// the kernel selected. Written beside the CSV as JSON for bench/merge.py.
/// </summary>
public static class RunEnvironment
{
    /// <summary>
    /// Collects the facts, the machine's measured FMA peak among them (<see cref="PeakFlops"/>, about
    /// 0.3 s); call before any benchmark switches the backend.
    /// </summary>
    /// <param name="mode">"full", "dry" or "smoke".</param>
    public static Dictionary<string, string> Collect(string mode)
    {
        var facts = Facts(mode);
        PeakFlops.AddTo(facts, PeakFlops.Measure());
        return facts;
    }

    private static Dictionary<string, string> Facts(string mode) => new()
    {
        ["date_utc"] = DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ"),
        ["mode"] = mode,
        ["cpu"] = CpuModel(),
        ["cores"] = Environment.ProcessorCount.ToString(),
        ["os"] = RuntimeInformation.OSDescription,
        ["dotnet_runtime"] = RuntimeInformation.FrameworkDescription,
        ["benchmarkdotnet"] = typeof(BenchmarkRunner).Assembly.GetName().Version?.ToString() ?? "unknown",
        ["mathnet"] = typeof(MathNet.Numerics.Control).Assembly.GetName().Version?.ToString() ?? "unknown",
        ["fftw"] = RawFftw.Version(),
        ["kernel_backend"] = NumericBackend.Describe(),
        ["fast_linalg"] = BackendChoice.Fast.LinearAlgebraName,
        ["fast_fft"] = BackendChoice.Fast.FftName,
        ["fast_linalg_library"] = "differentials-" + BackendChoice.Fast.LinearAlgebraFamily,
        ["fast_fft_library"] = "differentials-" + BackendChoice.Fast.FftFamily,
        ["load_average_at_start"] = LoadAverage(),
        // The caches the packed product sized its blocks from, and the blocks of the level the fast backend runs.
        ["caches"] = Differentials.Numerics.CacheSizes.Machine.ToString(),
        ["gemm_blocking"] = string.Join("; ", Enum.GetValues<Differentials.Numerics.SimdLevel>().Select(level =>
            $"{level}: KC={Differentials.Numerics.PackedGemm.Blocks[(int)level].Kc}, MC={Differentials.Numerics.PackedGemm.Blocks[(int)level].Mc}")),
        // The host's GC settings (build/LargeArrayGc.props): they decide whether large results touch fresh pages.
        ["gc"] = $"LOHThreshold={AppContext.GetData("System.GC.LOHThreshold") ?? "default"}, RegionSize={AppContext.GetData("System.GC.RegionSize") ?? "default"}, DOTNET_GCgen0size={Environment.GetEnvironmentVariable("DOTNET_GCgen0size") ?? "default"}",
        ["env_DIFFERENTIALS_LINALG"] = Environment.GetEnvironmentVariable("DIFFERENTIALS_LINALG") ?? "",
        ["env_DIFFERENTIALS_FFT"] = Environment.GetEnvironmentVariable("DIFFERENTIALS_FFT") ?? "",
        ["fftw_wisdom"] = FftwRealFft.TryGet(out var fftw, out _) ? fftw!.WisdomFile ?? "none" : "",
        ["fftw_wisdom_lengths"] = WiseLengths(),
    };

    /// <summary>
    /// The convolution transform lengths whose measured plans the wisdom file holds, space-separated:
    /// at these lengths the default "fftw" backend runs measured plans, elsewhere estimated ones.
    /// </summary>
    private static string WiseLengths()
    {
        if (!FftwRealFft.TryGet(out var fftw, out _) || fftw!.WisdomFile is null) return "";
        var lengths = CircularConvolutionBenchmarks.Lengths().Select(SpectralConvolution.ChooseTransformLength).Distinct();
        return string.Join(" ", lengths.Where(fftw.HasWisdomFor));
    }

    /// <summary>Writes the facts as indented JSON, atomically.</summary>
    public static void Write(string path, Dictionary<string, string> facts) =>
        ResultsWriter.WriteAtomically(path, JsonSerializer.Serialize(facts, new JsonSerializerOptions { WriteIndented = true }));

    /// <summary>The one-minute load average: the machine is shared, so every result says how busy it was.</summary>
    public static string LoadAverage()
    {
        try
        {
            return File.ReadAllText("/proc/loadavg").Split(' ')[0];
        }
        catch (IOException)
        {
            return "";
        }
    }

    private static string CpuModel()
    {
        try
        {
            var line = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
            return line?.Split(':', 2)[1].Trim() ?? "unknown";
        }
        catch (IOException)
        {
            return "unknown";
        }
    }
}
