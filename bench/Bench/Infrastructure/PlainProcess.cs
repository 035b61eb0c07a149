using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using MathNet.Numerics.LinearAlgebra;

namespace Differentials.Bench.Infrastructure;

/// <summary>
/// What a user's own process sees: the inverse's and the Gram product's forward at n = 512 timed in a
/// process with .NET's default runtime settings (no build/LargeArrayGc.props, no DOTNET_GCgen0size)
/// beside the same timing in the benchmarks' tuned process. Each side reports its first call (JIT and
/// first-touch allocation included) and the median of the next ten; bench/merge.py compares the two
/// steady medians (goal: plain ≤ 1.3 × tuned).
/// </summary>
/// <remarks>
/// <c>Bench --plain-process --out DIR [--smoke]</c> times the tuned side in its own (fresh) process,
/// then starts <c>dotnet exec --runtimeconfig PLAIN Bench.dll --plain-child</c>, where PLAIN is the
/// project's runtimeconfig.json without its System.GC.* settings, with every DOTNET_GC* variable
/// removed from the environment, and writes both sides' rows to DIR/process.csv (suite "process").
/// </remarks>
public static class PlainProcess
{
    private const int SteadyCalls = 10;

    /// <summary>Runs the mode named in <paramref name="args"/> ("--plain-process" or "--plain-child"); the exit code.</summary>
    public static int Run(string[] args)
    {
        BenchSettings.Smoke = args.Contains("--smoke");
        if (args.Contains("--plain-child"))
        {
            foreach (var row in Rows("plain")) Console.WriteLine("row:" + row);
            return 0;
        }

        int outIndex = Array.IndexOf(args, "--out");
        string output = outIndex >= 0 && outIndex + 1 < args.Length ? args[outIndex + 1] : Path.Combine("data", "benchmarks", "raw");
        var rows = Rows("tuned").ToList();
        var (plain, error) = RunPlainChild();
        if (plain is null)
        {
            Console.Error.WriteLine("plain process failed: " + error);
            return 1;
        }
        rows.AddRange(plain);
        ResultsWriter.WriteCsv(Path.Combine(output, "process.csv"), rows);
        foreach (var row in rows) Console.WriteLine(row);
        Console.WriteLine($"{rows.Count} process rows written to {Path.Combine(output, "process.csv")}");
        return 0;
    }

    /// <summary>The rows of this process: first call and steady median of each operator's forward.</summary>
    private static IEnumerable<string> Rows(string runtime)
    {
        int n = BenchSettings.Smoke ? 8 : 512;
        var choice = BackendChoice.Fast;
        var x = TestData.Invertible(n, seed: 11);
        var g = TestData.Matrix(n, n, seed: 12);
        var operators = new (string Name, Func<Matrix<double>> Call)[]
        {
            ("inverse", () => MatrixInverse.Forward(x)),
            ("gram", () => Gram.Forward(g)),
        };
        // The settings this process actually runs under, read back rather than assumed.
        string detail = $"runtime={runtime};LOHThreshold={AppContext.GetData("System.GC.LOHThreshold") ?? "default"};" +
                        $"RegionSize={AppContext.GetData("System.GC.RegionSize") ?? "default"};" +
                        $"DOTNET_GCgen0size={Environment.GetEnvironmentVariable("DOTNET_GCgen0size") ?? "default"}";
        foreach (var (name, call) in operators)
        {
            double first = Milliseconds(call);
            var steady = new double[SteadyCalls];
            for (int i = 0; i < SteadyCalls; i++) steady[i] = Milliseconds(call);
            Array.Sort(steady);
            double median = (steady[SteadyCalls / 2 - 1] + steady[SteadyCalls / 2]) / 2;
            string size = n.ToString(CultureInfo.InvariantCulture);
            yield return Row($"{name}-first-{runtime}", size, detail, choice, first, first, first, 1);
            yield return Row($"{name}-steady-{runtime}", size, detail, choice, median, steady[0], steady[^1], SteadyCalls);
        }
    }

    private static double Milliseconds(Func<Matrix<double>> call)
    {
        long start = Stopwatch.GetTimestamp();
        GC.KeepAlive(call());
        return Stopwatch.GetElapsedTime(start).TotalMilliseconds;
    }

    private static string Row(string caseName, string size, string detail, BackendChoice choice, double median, double min,
        double max, int samples) =>
        string.Join(',', "process", caseName, size, detail, "differentials-" + choice.LinearAlgebraFamily,
            choice.LinearAlgebraName, Format(median), Format(min), Format(max),
            samples.ToString(CultureInfo.InvariantCulture), "");

    private static string Format(double value) => value.ToString("G6", CultureInfo.InvariantCulture);

    /// <summary>Starts this assembly again under default runtime settings and collects its rows.</summary>
    private static (List<string>? Rows, string Error) RunPlainChild()
    {
        string dll = typeof(PlainProcess).Assembly.Location;
        string tuned = Path.ChangeExtension(dll, ".runtimeconfig.json");
        var config = JsonNode.Parse(File.ReadAllText(tuned))!;
        if (config["runtimeOptions"]?["configProperties"] is JsonObject properties)
        {
            foreach (var key in properties.Select(p => p.Key).Where(k => k.StartsWith("System.GC.", StringComparison.Ordinal)).ToList())
                properties.Remove(key);
        }
        string folder = Directory.CreateTempSubdirectory("differentials-plain-").FullName;
        try
        {
            string plainConfig = Path.Combine(folder, "Bench.runtimeconfig.json");
            File.WriteAllText(plainConfig, config.ToJsonString());
            string host = Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet" ? Environment.ProcessPath! : "dotnet";
            var start = new ProcessStartInfo(host) { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var argument in new[] { "exec", "--runtimeconfig", plainConfig, dll, "--plain-child" }) start.ArgumentList.Add(argument);
            if (BenchSettings.Smoke) start.ArgumentList.Add("--smoke");
            foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("DOTNET_GC", StringComparison.Ordinal)
                                                                   || k.StartsWith("COMPlus_GC", StringComparison.Ordinal)).ToList())
                start.Environment.Remove(name);
            using var child = Process.Start(start)!;
            var stderr = child.StandardError.ReadToEndAsync();
            string stdout = child.StandardOutput.ReadToEnd();
            child.WaitForExit();
            if (child.ExitCode != 0) return (null, $"exit code {child.ExitCode}: {stderr.Result.Trim()}");
            var rows = stdout.Split('\n').Where(l => l.StartsWith("row:", StringComparison.Ordinal)).Select(l => l[4..].TrimEnd('\r')).ToList();
            return rows.Count > 0 ? (rows, "") : (null, "no rows: " + stdout.Trim());
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
