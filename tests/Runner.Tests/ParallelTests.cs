using System.Text.RegularExpressions;

namespace Differentials.Runner.Tests;

/// <summary>Notebooks run in parallel workers (the shared run, --jobs default) write the same reports as a
/// sequential run (--jobs 1), timings and the run's timestamp aside.</summary>
[TestFixture]
public sealed partial class ParallelTests
{
    [Test]
    public async Task ReportsOfAParallelRunEqualASequentialRunsButForTimings()
    {
        var (shared, _, parallel) = await SharedRun.GetAsync();
        Assume.That(Environment.ProcessorCount, Is.GreaterThan(1), "one core: the shared run was sequential too");
        Assert.That(parallel.Output, Does.Contain("at a time").And.Not.Contain(" 1 at a time"));
        using var copy = new TestNotebooks(SharedRun.Names);
        var sequential = await RunnerHarness.RunAsync(copy.Root, "--no-build", "--jobs", "1", "--output", copy.Output, copy.Folder);
        Assert.That(sequential.Output, Does.Contain(" 1 at a time"));
        Assert.That(sequential.LastLine, Is.EqualTo(parallel.LastLine));

        var files = Directory.EnumerateFiles(shared.Output).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray();
        Assert.That(Directory.EnumerateFiles(copy.Output).Select(Path.GetFileName).Order(StringComparer.Ordinal), Is.EqualTo(files));
        foreach (var file in files)
        {
            var a = WithoutTimings(File.ReadAllText(Path.Combine(shared.Output, file!)), shared.Root);
            var b = WithoutTimings(File.ReadAllText(Path.Combine(copy.Output, file!)), copy.Root);
            Assert.That(b, Is.EqualTo(a), file);
        }
    }

    // Seconds, the run's timestamp, and the temporary folder's name (which the sources' paths contain).
    private static string WithoutTimings(string text, string root) =>
        Timestamp().Replace(Seconds().Replace(text.Replace(root, "ROOT", StringComparison.Ordinal), "T s"), "DATE");

    [GeneratedRegex(@"\d+\.\d\d s\b")]
    private static partial Regex Seconds();

    [GeneratedRegex(@"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC")]
    private static partial Regex Timestamp();
}
