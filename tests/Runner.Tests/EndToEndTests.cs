using System.Text.Json.Nodes;

namespace Differentials.Runner.Tests;

/// <summary>The runner over notebooks that pass, fail at run time, fail to compile, are malformed, or are
/// not C#: exit code, console, executed notebooks, reports, index, and untouched sources.</summary>
[TestFixture]
public sealed class EndToEndTests
{
    private TestNotebooks notebooks = null!;
    private Dictionary<string, string> hashesBefore = null!;
    private RunnerResult result = null!;

    [OneTimeSetUp]
    public async Task RunOnce() => (notebooks, hashesBefore, result) = await SharedRun.GetAsync();

    private JsonObject Executed(string name) => (JsonObject)JsonNode.Parse(File.ReadAllText(notebooks.ReportOf(name, ".ipynb")))!;

    private string Report(string name) => File.ReadAllText(notebooks.ReportOf(name, ".html"));

    private static JsonArray Cells(JsonObject notebook) => notebook["cells"]!.AsArray();

    private static string Text(JsonNode? multiline) => multiline is JsonArray lines
        ? string.Concat(lines.Select(l => l!.GetValue<string>()))
        : multiline!.GetValue<string>();

    [Test]
    public void ExitsNonZeroAndTheLastLineCountsNotebooks()
    {
        Assert.That(result.ExitCode, Is.EqualTo(RunnerApp.Failure), result.Output + result.Error);
        Assert.That(result.LastLine, Is.EqualTo("2 passed, 4 failed"));
    }

    [Test]
    public void SourceNotebooksAreUnchanged() =>
        Assert.That(notebooks.Hashes(), Is.EqualTo(hashesBefore));

    [Test]
    public void PrintsOneLinePerNotebookAsItFinishesAndTheSummaryInNameOrder()
    {
        var lines = result.OutputLines;
        var progress = lines.Where(l => l.StartsWith('[')).ToArray();
        Assert.That(progress, Has.Length.EqualTo(6));
        Assert.That(progress.Select(l => l[..(l.IndexOf(']') + 1)]), Is.EqualTo(Enumerable.Range(1, 6).Select(i => $"[{i}/6]")));
        Assert.That(progress, Has.One.Match(@"\] compile-error\.ipynb FAILED in \d+\.\d\d s: cell 2: .*CS0029"));
        Assert.That(progress, Has.One.Match(@"\] passing\.ipynb passed in \d+\.\d\d s"));
        var summary = lines.SkipWhile(l => l != "Summary:").Skip(1).TakeWhile(l => l.StartsWith("  ", StringComparison.Ordinal)).ToArray();
        Assert.That(summary.Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[3].TrimEnd(':')),
            Is.EqualTo(SharedRun.Names.Select(n => n + ".ipynb")));
        Assert.That(result.Output, Does.Contain("Numerical backend: none (the notebook did not load Differentials.Kernel)"));
    }

    [Test]
    public void ExecutedNotebookHasOutputsAndExecutionCounts()
    {
        var cells = Cells(Executed("passing"));
        Assert.That(cells.Select(c => c!["execution_count"]?.GetValue<int>()), Is.EqualTo(new int?[] { null, 1, 2, 3, null, 4 }));
        var second = cells[1]!["outputs"]!.AsArray();
        Assert.That(second[0]!["output_type"]!.GetValue<string>(), Is.EqualTo("stream"));
        Assert.That(Text(second[0]!["text"]), Is.EqualTo("hello from cell 2\n"));
        Assert.That(second[1]!["output_type"]!.GetValue<string>(), Is.EqualTo("execute_result"));
        Assert.That(second[1]!["execution_count"]!.GetValue<int>(), Is.EqualTo(1));
        Assert.That(Text(second[1]!["data"]!["text/html"]), Does.Contain("30"));
        var chart = cells[3]!["outputs"]!.AsArray().Single()!;
        Assert.That(chart["output_type"]!.GetValue<string>(), Is.EqualTo("display_data"));
        Assert.That(Text(chart["data"]!["text/html"]), Does.Contain("Plotly.newPlot"));
        var last = cells[5]!["outputs"]!.AsArray();
        Assert.That(last.Select(o => o!["output_type"]!.GetValue<string>()), Is.EqualTo(new[] { "display_data", "stream" }));
        Assert.That(last[1]!["name"]!.GetValue<string>(), Is.EqualTo("stderr"));
    }

    [Test]
    public void AnUpdateFromALaterCellReplacesTheValueWhereItWasShown()
    {
        var cells = Cells(Executed("plain"));
        var shown = cells[2]!["outputs"]!.AsArray().Single()!;
        Assert.That(shown["output_type"]!.GetValue<string>(), Is.EqualTo("display_data"));
        Assert.That(Text(shown["data"]!["text/plain"]), Is.EqualTo("status: done"));
        var updating = cells[3]!["outputs"]!.AsArray().Single()!;
        Assert.That(updating["output_type"]!.GetValue<string>(), Is.EqualTo("stream"));
        Assert.That(Text(updating["text"]), Is.EqualTo("updated the status shown above\n"));
        var report = Report("plain");
        Assert.That(CountOf(report, "<div class=\"output\"><pre>status: done</pre></div>"), Is.EqualTo(1));
        Assert.That(report, Does.Not.Contain("<pre>status: working</pre>").And.Not.Contain("<pre>status: checking</pre>"));
    }

    [Test]
    public void ExecutedNotebookIsNbformat45WithCellIdsAndTheCSharpKernelspec()
    {
        var notebook = Executed("passing");
        Assert.That(notebook["nbformat"]!.GetValue<int>(), Is.EqualTo(4));
        Assert.That(notebook["nbformat_minor"]!.GetValue<int>(), Is.EqualTo(5));
        Assert.That(notebook["metadata"]!["kernelspec"]!["name"]!.GetValue<string>(), Is.EqualTo(".net-csharp"));
        var ids = Cells(notebook).Select(c => c!["id"]!.GetValue<string>()).ToArray();
        Assert.That(ids, Is.Unique.And.All.Match("^[A-Za-z0-9_-]{1,64}$"));
        Assert.That(Cells(notebook).Where(c => c!["cell_type"]!.GetValue<string>() == "markdown").Select(c => c!["outputs"]), Is.All.Null);
    }

    [Test]
    public void RuntimeFailureStopsTheNotebookAtThatCell()
    {
        var cells = Cells(Executed("runtime-error"));
        var error = cells[1]!["outputs"]!.AsArray().Last()!;
        Assert.That(error["output_type"]!.GetValue<string>(), Is.EqualTo("error"));
        Assert.That(error["ename"]!.GetValue<string>(), Is.EqualTo("InvalidOperationException"));
        Assert.That(error["evalue"]!.GetValue<string>(), Is.EqualTo("deliberate failure in cell 2"));
        Assert.That(Text(cells[1]!["outputs"]![0]!["text"]), Is.EqualTo("about to throw\n"));
        Assert.That(cells[2]!["execution_count"], Is.Null);
        Assert.That(cells[2]!["outputs"]!.AsArray(), Is.Empty);

        var report = Report("runtime-error");
        Assert.That(report, Does.Contain("<section class=\"cell code failed\" id=\"cell-2\">"));
        Assert.That(report, Does.Contain("<span class=\"ename\">InvalidOperationException</span>: deliberate failure in cell 2"));
        Assert.That(report, Does.Contain("<section class=\"cell code not-run\" id=\"cell-3\">"));
        Assert.That(report, Does.Contain("badge fail"));
    }

    [Test]
    public void CompileErrorFailsItsCell()
    {
        var cells = Cells(Executed("compile-error"));
        Assert.That(cells[0]!["execution_count"]!.GetValue<int>(), Is.EqualTo(1));
        var outputs = cells[1]!["outputs"]!.AsArray();
        // As the stock kernel shows it in Jupyter: the diagnostic on standard error, then the error.
        Assert.That(outputs.Select(o => o!["output_type"]!.GetValue<string>()), Is.EqualTo(new[] { "stream", "error" }));
        Assert.That(outputs[0]!["name"]!.GetValue<string>(), Is.EqualTo("stderr"));
        Assert.That(Text(outputs[0]!["text"]), Does.Match(@"^\(1,\d+\): error CS0029: "));
        var error = outputs[1]!;
        Assert.That(error["ename"]!.GetValue<string>(), Is.EqualTo("CompilationError"));
        Assert.That(error["evalue"]!.GetValue<string>(), Does.Contain("CS0029"));
        Assert.That(cells[2]!["execution_count"], Is.Null);
        Assert.That(Report("compile-error"), Does.Contain("CS0029"));
    }

    [TestCase("malformed", "not valid notebook JSON")]
    [TestCase("python-kernel", "is a \"python\" notebook")]
    public void BadInputIsNamedAndWritesNoReport(string name, string problem)
    {
        Assert.That(result.Error, Does.Contain($"{notebooks.PathOf(name)}: {problem}"));
        Assert.That(File.Exists(notebooks.ReportOf(name, ".html")), Is.False);
        Assert.That(File.Exists(notebooks.ReportOf(name, ".ipynb")), Is.False);
        Assert.That(File.ReadAllText(notebooks.ReportOf("index", ".html")), Does.Contain(problem.Replace("\"", "&quot;")));
    }

    [Test]
    public void PrintedMarkupIsEscapedInTheReport()
    {
        var report = Report("passing");
        Assert.That(report, Does.Contain("&lt;script&gt;alert(1)&lt;/script&gt;"));
        Assert.That(report, Does.Not.Contain("<script>alert(1)</script>"));
        // A text/html output is kept as markup.
        Assert.That(report, Does.Contain("<div class=\"output\"><b>bold</b></div>"));
    }

    [Test]
    public void ChartReportInlinesPlotlyOnceInTheHead()
    {
        var report = Report("passing");
        var head = report[..report.IndexOf("</head>", StringComparison.Ordinal)];
        var plotly = PlotlyScript.Script[..200];
        Assert.That(head, Does.Contain(plotly));
        Assert.That(CountOf(report, plotly), Is.EqualTo(1));
        Assert.That(report, Does.Not.Contain("require.js").And.Not.Contain("requirejs"));
        Assert.That(report, Does.Contain("Plotly.newPlot(\"squares\""));
    }

    [Test]
    public void MathReportInlinesKatexWithWoff2DataFonts()
    {
        var report = Report("passing");
        Assert.That(report, Does.Contain("<span class=\"math\">"));
        Assert.That(report, Does.Contain("data:font/woff2;base64,"));
        Assert.That(report, Does.Contain("renderMathInElement"));
        Assert.That(report, Does.Not.Contain("url(fonts/"));
        Assert.That(report, Does.Not.Contain("<script src=").And.Not.Contain("<link"), "every asset is inline");
    }

    [Test]
    public void ReportWithoutChartOrMathCarriesNeitherLibrary()
    {
        var report = Report("plain");
        Assert.That(report, Does.Not.Contain(PlotlyScript.Script[..200]));
        Assert.That(report, Does.Not.Contain("data:font/woff2"));
        Assert.That(report, Does.Not.Contain("renderMathInElement"));
        Assert.That(new FileInfo(notebooks.ReportOf("plain", ".html")).Length, Is.LessThan(64 * 1024));
    }

    [Test]
    public void IndexLinksEveryNotebookWithStatusAndFailingCell()
    {
        var index = File.ReadAllText(notebooks.ReportOf("index", ".html"));
        Assert.That(index, Does.Contain("2 passed, 4 failed"));
        foreach (var name in new[] { "passing", "plain", "runtime-error", "compile-error" })
            Assert.That(index, Does.Contain($"<a href=\"{name}.html\">{name}</a>"));
        Assert.That(index, Does.Contain("<a href=\"runtime-error.html#cell-2\">cell 2: deliberate failure in cell 2</a>"));
        Assert.That(CountOf(index, "<tr class=\"pass\">"), Is.EqualTo(2));
        Assert.That(CountOf(index, "<tr class=\"fail\">"), Is.EqualTo(4));
    }

    [Test]
    public void LeavesNoTemporaryFiles() =>
        Assert.That(Directory.EnumerateFiles(notebooks.Output).Select(Path.GetFileName),
            Is.EquivalentTo(new[] { "index.html", "passing.html", "passing.ipynb", "plain.html", "plain.ipynb",
                "runtime-error.html", "runtime-error.ipynb", "compile-error.html", "compile-error.ipynb" }));

    [Test]
    public void ExecutedNotebooksPassNbformatValidation()
    {
        const string python = "/usr/bin/python3";
        if (!File.Exists(python))
            Assert.Ignore("/usr/bin/python3 is absent: nbformat validation skipped.");
        foreach (var name in new[] { "passing", "plain", "runtime-error", "compile-error" })
        {
            var check = ProcessRunner.Run(python, "-c",
                "import sys, nbformat; nbformat.validate(nbformat.read(sys.argv[1], 4)); print('valid')", notebooks.ReportOf(name, ".ipynb"));
            if (check.Output.Contains("No module named 'nbformat'", StringComparison.Ordinal))
                Assert.Ignore("python3-nbformat is not installed (apt-get install python3-nbformat): validation skipped.");
            Assert.That(check.ExitCode, Is.Zero, $"{name}: {check.Output}");
        }
    }

    private static int CountOf(string text, string part)
    {
        var count = 0;
        for (var at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + part.Length, StringComparison.Ordinal))
            count++;
        return count;
    }
}
