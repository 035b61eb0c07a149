using System.Globalization;

namespace Differentials.Notebook;

/// <summary>
/// Reads the benchmark results that bench/ publishes in data/benchmarks/ so that a notebook can chart them.
/// Parsing follows each file's header, not column positions, and numbers are read in invariant culture.
/// Results are optional for a notebook: a missing folder, a file without the needed columns or a row that
/// does not parse is skipped rather than failing the notebook, which should say when nothing was found.
/// </summary>
public static class BenchmarkResults
{
    /// <summary>Columns a file must have to be read: suite, case, size and median_ms.</summary>
    public static IReadOnlyList<string> RequiredColumns { get; } = ["suite", "case", "size", "median_ms"];

    /// <summary>
    /// Reads every row of the *.csv files directly in <paramref name="folder"/> (not its subfolders; files in
    /// name order) that has the <see cref="RequiredColumns"/>; detail, library and backend are "" when absent.
    /// Rows whose median_ms is not a number, or too short to reach a required column, are skipped.
    /// </summary>
    /// <param name="folder">The folder, e.g. Path.Combine("..", "data", "benchmarks") from notebooks/.</param>
    /// <returns>The rows read; empty when the folder does not exist or no file has the needed columns.</returns>
    /// <exception cref="ArgumentException"><paramref name="folder"/> is null or empty.</exception>
    /// <exception cref="IOException">A file exists but cannot be read.</exception>
    public static IReadOnlyList<BenchmarkResult> Read(string folder)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        var results = new List<BenchmarkResult>();
        if (!Directory.Exists(folder)) return results;
        foreach (var path in Directory.GetFiles(folder, "*.csv").Order(StringComparer.Ordinal))
            results.AddRange(ReadFile(path));
        return results;
    }

    private static IEnumerable<BenchmarkResult> ReadFile(string path)
    {
        var lines = File.ReadAllLines(path);
        if (lines.Length < 2) yield break;
        var header = CsvLine.Split(lines[0]).Select(h => h.Trim()).ToList();
        if (RequiredColumns.Any(c => !header.Contains(c))) yield break;
        var file = Path.GetFileName(path);
        foreach (var line in lines.Skip(1))
        {
            if (string.IsNullOrWhiteSpace(line)) continue;
            var values = CsvLine.Split(line);
            var fields = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var k = 0; k < Math.Min(header.Count, values.Count); k++) fields.TryAdd(header[k], values[k].Trim());
            if (RequiredColumns.Any(c => !fields.ContainsKey(c))) continue;   // a short row
            if (!double.TryParse(fields["median_ms"], NumberStyles.Float, CultureInfo.InvariantCulture, out var median)) continue;
            string Field(string name) => fields.TryGetValue(name, out var v) ? v : "";
            yield return new BenchmarkResult(Field("suite"), Field("case"), Field("size"), Field("detail"),
                Field("library"), Field("backend"), median, file) { Fields = fields };
        }
    }
}
