using System.Globalization;

namespace Differentials.Notebook;

/// <summary>One row of a benchmark results CSV (data/benchmarks/*.csv, written by bench/).</summary>
/// <param name="Suite">Benchmark suite, e.g. "chain", "inverse".</param>
/// <param name="Case">Case within the suite, e.g. "BackPropagate".</param>
/// <param name="Size">Problem size as written, e.g. "1024" or "4096x1024".</param>
/// <param name="Detail">Semicolon-separated key=value details, e.g. "sweep=width;width=4;depth=4" ("" when absent).</param>
/// <param name="Library">Library measured ("" when the file has no such column).</param>
/// <param name="Backend">Numeric backend ("" when the file has no such column).</param>
/// <param name="MedianMilliseconds">Median time of one call, in milliseconds.</param>
/// <param name="File">Name of the CSV file the row came from.</param>
public sealed record BenchmarkResult(
    string Suite, string Case, string Size, string Detail, string Library, string Backend, double MedianMilliseconds, string File)
{
    /// <summary>Every field of the row by its header name, including the columns not named above.</summary>
    public IReadOnlyDictionary<string, string> Fields { get; init; } = new Dictionary<string, string>();

    /// <summary><see cref="Size"/> as a number (invariant culture), or null when it is not one (e.g. "4096x1024").</summary>
    public double? SizeValue =>
        double.TryParse(Size, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;

    /// <summary>The value of <paramref name="key"/> in <see cref="Detail"/> ("sweep" in "sweep=width;depth=4" gives "width").</summary>
    /// <param name="key">The key, matched exactly.</param>
    /// <returns>The value, or null when the detail has no such key.</returns>
    /// <exception cref="ArgumentException"><paramref name="key"/> is null or empty.</exception>
    public string? DetailValue(string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        foreach (var part in Detail.Split(';'))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0 && part.AsSpan(0, equals).Trim().SequenceEqual(key)) return part[(equals + 1)..].Trim();
        }
        return null;
    }
}
