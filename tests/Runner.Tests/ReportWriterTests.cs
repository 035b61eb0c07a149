using System.Text.Json.Nodes;

namespace Differentials.Runner.Tests;

/// <summary>The report writers on hand-made runs, without a kernel.</summary>
[TestFixture]
public sealed class ReportWriterTests
{
    private static NotebookRun MakeRun(params (string Kind, string Source, CellState State, CellOutput[] Outputs)[] cells)
    {
        var array = new JsonArray();
        var parsed = new List<NotebookCell>();
        var runs = new List<CellRun>();
        var count = 0;
        for (var i = 0; i < cells.Length; i++)
        {
            var json = new JsonObject { ["cell_type"] = cells[i].Kind, ["metadata"] = new JsonObject(), ["source"] = cells[i].Source };
            if (cells[i].Kind == "code")
            {
                json["outputs"] = new JsonArray();
                json["execution_count"] = null;
            }
            array.Add(json);
            var cell = new NotebookCell(i, cells[i].Kind, cells[i].Source, json);
            parsed.Add(cell);
            runs.Add(cells[i].State == CellState.NotRun ? CellRun.NotRun(cell) : new CellRun(cell, cells[i].State, ++count, cells[i].Outputs, TimeSpan.FromMilliseconds(12)));
        }
        var root = new JsonObject { ["nbformat"] = 4, ["nbformat_minor"] = 2, ["metadata"] = new JsonObject(), ["cells"] = array };
        var document = new NotebookDocument("/tmp/made.ipynb", root, parsed);
        return new NotebookRun(document.Path, document, runs, TimeSpan.FromSeconds(1)) { Backend = "backend <x>" };
    }

    [Test]
    public void TextIsEscapedHtmlIsKeptErrorsAreMarked()
    {
        var run = MakeRun(
            ("code", "Console.WriteLine(\"<i>\");", CellState.Passed, [new StreamOutput("stdout", "<script>alert(1)</script>\n"), new DataOutput(new Dictionary<string, string> { ["text/plain"] = "a < b" }, IsResult: true)]),
            ("code", "\"<u>u</u>\".DisplayAs(\"text/html\");", CellState.Passed, [new DataOutput(new Dictionary<string, string> { ["text/html"] = "<u>u</u>", ["text/plain"] = "u" }, IsResult: false)]),
            ("code", "throw null;", CellState.Failed, [new ErrorOutput("NullReferenceException", "<boom>", ["line <1>", "line 2"])]),
            ("code", "never();", CellState.NotRun, []));
        var html = HtmlReportWriter.ToHtml(run, DateTimeOffset.UnixEpoch);
        Assert.That(html, Does.Contain("&lt;script&gt;alert(1)&lt;/script&gt;"));
        Assert.That(html, Does.Contain("<pre>a &lt; b</pre>"));
        Assert.That(html, Does.Contain("<div class=\"output\"><u>u</u></div>"));
        Assert.That(html, Does.Contain("<span class=\"ename\">NullReferenceException</span>: &lt;boom&gt;<pre>line &lt;1&gt;\nline 2</pre>"));
        Assert.That(html, Does.Contain("Stopped at <a href=\"#cell-3\">cell 3</a>"));
        Assert.That(html, Does.Contain("id=\"cell-4\"").And.Contain("not run"));
        Assert.That(html, Does.Contain("backend &lt;x&gt;"));
        Assert.That(html, Does.Not.Contain("Plotly").And.Not.Contain("katex"));
    }

    [Test]
    public void ExecutedNotebookUpgradesToNbformat45AndFillsIdsAndKernelspec()
    {
        var run = MakeRun(
            ("markdown", "# t", CellState.NotRun, []),
            ("code", "1", CellState.Passed, [new DataOutput(new Dictionary<string, string> { ["text/plain"] = "1", ["application/json"] = "{\"a\": 1}" }, IsResult: true)]));
        var json = JsonNode.Parse(ExecutedNotebookWriter.ToJson(run))!;
        Assert.That(json["nbformat_minor"]!.GetValue<int>(), Is.EqualTo(5));
        Assert.That(json["metadata"]!["kernelspec"]!["name"]!.GetValue<string>(), Is.EqualTo(".net-csharp"));
        Assert.That(json["metadata"]!["language_info"]!["name"]!.GetValue<string>(), Is.EqualTo("C#"));
        Assert.That(json["cells"]!.AsArray().Select(c => c!["id"]!.GetValue<string>()), Is.EqualTo(new[] { "cell-1", "cell-2" }));
        var result = json["cells"]![1]!["outputs"]![0]!;
        Assert.That(result["execution_count"]!.GetValue<int>(), Is.EqualTo(1));
        Assert.That(result["data"]!["application/json"]!["a"]!.GetValue<int>(), Is.EqualTo(1), "JSON MIME types are stored as JSON");
        Assert.That(run.Document!.Root["nbformat_minor"]!.GetValue<int>(), Is.EqualTo(2), "the source document is not modified");
    }

    [Test]
    public void HeadingsAreLinkedFromATableOfContentsWithIdsUniqueInTheReport()
    {
        var run = MakeRun(
            ("markdown", "# Gram matrix\n\n## Exercise\n\ntext", CellState.NotRun, []),
            ("code", "1", CellState.Passed, []),
            ("markdown", "## Exercise\n\n### A [linked](https://example.org) step", CellState.NotRun, []));
        var html = HtmlReportWriter.ToHtml(run, DateTimeOffset.UnixEpoch);
        Assert.That(html, Does.Contain("<h2 id=\"exercise\">Exercise <a class=\"anchor\" href=\"#exercise\""));
        Assert.That(html, Does.Contain("<h2 id=\"exercise-2\">Exercise <a class=\"anchor\" href=\"#exercise-2\""));
        var toc = html[html.IndexOf("<nav class=\"toc\"", StringComparison.Ordinal)..html.IndexOf("</nav>", StringComparison.Ordinal)];
        Assert.That(toc, Does.Contain("<a href=\"#gram-matrix\">Gram matrix</a>"));
        Assert.That(toc, Does.Contain("<a href=\"#exercise\">Exercise</a>").And.Contain("<a href=\"#exercise-2\">Exercise</a>"));
        Assert.That(toc, Does.Contain("A linked step</a>"), "no link nested inside a contents link");
        Assert.That(html, Does.Contain("<a href=\"index.html\">All notebooks</a>"));
    }

    [Test]
    public void TheStyleSheetWrapsLongLinesAndHasAPrintStyle()
    {
        Assert.That(ReportStyle.Css, Does.Match(@"pre \{[^}]*white-space: pre-wrap"));
        Assert.That(ReportStyle.Css, Does.Contain("@media print"));
    }

    [TestCase("", new string[0])]
    [TestCase("a", new[] { "a" })]
    [TestCase("a\nb\n", new[] { "a\n", "b\n" })]
    [TestCase("a\n\nb", new[] { "a\n", "\n", "b" })]
    public void MultilineStringsKeepTheirNewlines(string text, string[] lines) =>
        Assert.That(ExecutedNotebookWriter.MultilineString(text).Select(l => l!.GetValue<string>()), Is.EqualTo(lines));

    [Test]
    public void PlotlyJsIsReadFromPlotlyNetWithoutLoadingIt()
    {
        var script = PlotlyScript.Script;
        Assert.That(script.Length, Is.GreaterThan(1_000_000));
        Assert.That(script, Does.Contain("newPlot"));
        Assert.That(AppDomain.CurrentDomain.GetAssemblies().Select(a => a.GetName().Name), Has.None.EqualTo("Plotly.NET"));
        Assert.That(() => PlotlyScript.ReadResource(typeof(PlotlyScript).Assembly.Location, "no.such.resource"),
            Throws.InvalidOperationException.With.Message.Contains("no.such.resource"));
        Assert.That(() => PlotlyScript.ReadResource("/nonexistent/Plotly.NET.dll", PlotlyScript.ResourceName),
            Throws.TypeOf<FileNotFoundException>());
    }

    [Test]
    public void KatexStyleInlinesEveryFontAsWoff2()
    {
        var style = KatexAssets.Style;
        Assert.That(style, Does.Not.Contain("url(fonts/").And.Not.Contain(".woff)").And.Not.Contain(".ttf"));
        Assert.That(System.Text.RegularExpressions.Regex.Matches(style, "data:font/woff2;base64,").Count, Is.EqualTo(20));
        Assert.That(KatexAssets.Script, Does.Contain("katex"));
        Assert.That(KatexAssets.AutoRender, Does.Contain("renderMathInElement"));
    }
}
