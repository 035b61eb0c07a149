using System.Text.Json.Nodes;

namespace Differentials.Runner.Tests;

/// <summary>A cell that runs past --timeout fails instead of hanging, and the runner goes on with the
/// next notebook in a fresh kernel.</summary>
[TestFixture]
public sealed class TimeoutTests
{
    private const double TimeoutSeconds = 10; // generous: the next notebook's fresh-kernel first cell must stay under it on a busy machine
    private const double SleepSeconds = 60; // what the notebook's cell sleeps

    [Test]
    public async Task TimedOutCellFailsAndTheRunGoesOn()
    {
        await SharedRun.GetAsync(); // a warm process, so only the sleeping cell comes near the timeout
        using var notebooks = new TestNotebooks("timeout", "runtime-error");
        var result = await RunnerHarness.RunAsync(notebooks.Root, "--no-build", "--timeout", TimeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--output", notebooks.Output, notebooks.PathOf("timeout"), notebooks.PathOf("runtime-error"));

        Assert.That(result.ExitCode, Is.EqualTo(RunnerApp.Failure));
        Assert.That(result.LastLine, Is.EqualTo("0 passed, 2 failed"));
        Assert.That(result.Output, Does.Match(@"timeout\.ipynb FAILED in [\d.]+ s: cell 2: the cell did not finish within 10 s"));

        var cells = JsonNode.Parse(File.ReadAllText(notebooks.ReportOf("timeout", ".ipynb")))!["cells"]!.AsArray();
        var outputs = cells[1]!["outputs"]!.AsArray();
        Assert.That(outputs.Last()!["ename"]!.GetValue<string>(), Is.EqualTo(NotebookExecutor.TimeoutErrorName));
        Assert.That(cells[2]!["execution_count"], Is.Null);
        // The run returned long before the cell's sleep could end.
        var notebookSeconds = double.Parse(System.Text.RegularExpressions.Regex.Match(result.Output, @"timeout\.ipynb FAILED in ([\d.]+) s").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.That(notebookSeconds, Is.GreaterThanOrEqualTo(TimeoutSeconds).And.LessThan(SleepSeconds));

        // The next notebook ran in its own kernel, its output captured although the abandoned one still sleeps.
        var next = JsonNode.Parse(File.ReadAllText(notebooks.ReportOf("runtime-error", ".ipynb")))!["cells"]!.AsArray();
        Assert.That(next[0]!["outputs"]![0]!["text"]![0]!.GetValue<string>(), Is.EqualTo("before the failure\n"));
        Assert.That(File.ReadAllText(notebooks.ReportOf("index", ".html")), Does.Contain("did not finish within 10 s"));
    }
}
