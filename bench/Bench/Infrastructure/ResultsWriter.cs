using System.Globalization;
using System.Reflection;
using System.Text;
using BenchmarkDotNet.Reports;

namespace Differentials.Bench.Infrastructure;

/// <summary>
/// Turns BenchmarkDotNet summaries into the tidy CSV that bench/merge.py joins with the peers' rows:
/// one row per (suite, case, size, library, backend) with the median in milliseconds.
/// </summary>
public static class ResultsWriter
{
    /// <summary>The CSV header, shared with bench/peers/peers.py.</summary>
    public const string Header = "suite,case,size,detail,library,backend,median_ms,min_ms,max_ms,samples,gflops";

    private static readonly HashSet<string> FftSuites = ["fft", "convolution"];

    /// <summary>Rows for every successful report; failures are returned by name for the exit code.</summary>
    public static (List<string> Rows, List<string> Failures) Rows(IEnumerable<Summary> summaries)
    {
        var rows = new List<string>();
        var failures = new List<string>();
        foreach (var report in summaries.SelectMany(s => s.Reports))
        {
            var benchmark = report.BenchmarkCase;
            string name = benchmark.DisplayInfo;
            var stats = report.ResultStatistics;
            if (!report.Success || stats is null)
            {
                failures.Add(name);
                continue;
            }

            var resultCase = benchmark.Parameters.Items.Select(p => p.Value).OfType<IResultCase>().Single();
            string suite = benchmark.Descriptor.Categories.FirstOrDefault() ?? benchmark.Descriptor.Type.Name;
            string caseName = benchmark.Descriptor.WorkloadMethodDisplayInfo.Trim('\'');
            var raw = benchmark.Descriptor.WorkloadMethod.GetCustomAttribute<RawLibraryAttribute>();
            string backend = raw?.Backend ?? (FftSuites.Contains(suite) ? resultCase.Choice.FftName : resultCase.Choice.LinearAlgebraName);
            string library = raw?.Library ?? "differentials-" +
                (FftSuites.Contains(suite) ? resultCase.Choice.FftFamily : resultCase.Choice.LinearAlgebraFamily);
            double medianMs = stats.Median / 1e6;
            double? flops = resultCase.Flops(caseName);
            string gflops = flops is double f ? Format(f / (stats.Median)) : "";  // flops per ns = GFLOP/s

            rows.Add(string.Join(',',
                suite, Quote(caseName), resultCase.Size, Quote(resultCase.Detail), library, backend,
                Format(medianMs), Format(stats.Min / 1e6), Format(stats.Max / 1e6),
                stats.N.ToString(CultureInfo.InvariantCulture), gflops));
        }
        return (rows, failures);
    }

    /// <summary>Writes header and rows to <paramref name="path"/> atomically (temporary file, then rename).</summary>
    public static void WriteCsv(string path, IEnumerable<string> rows)
    {
        var text = new StringBuilder().AppendLine(Header);
        foreach (var row in rows) text.AppendLine(row);
        WriteAtomically(path, text.ToString());
    }

    /// <summary>Writes a file through a temporary file in the same folder and a rename.</summary>
    public static void WriteAtomically(string path, string text)
    {
        string full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        string temporary = full + ".tmp-" + Environment.ProcessId;
        File.WriteAllText(temporary, text);
        File.Move(temporary, full, overwrite: true);
    }

    private static string Format(double value) => value.ToString("G6", CultureInfo.InvariantCulture);

    private static string Quote(string value) =>
        value.Contains(',') || value.Contains('"') ? '"' + value.Replace("\"", "\"\"") + '"' : value;
}
