using System.Globalization;
using System.Net;
using System.Text;

namespace Differentials.Runner;

/// <summary>Renders an executed notebook as one self-contained HTML file: markdown through Markdig with
/// math typeset by inlined KaTeX, code with its outputs, the failing cell's error, and plotly.js inlined
/// once in the head when some output draws a Plotly chart.</summary>
internal static class HtmlReportWriter
{
    // Richest first: what a notebook front end would show for a bundle.
    private static readonly string[] MimePreference =
        ["text/html", "image/svg+xml", "image/png", "image/jpeg", "text/markdown", "text/latex", "application/json", "text/plain"];

    /// <summary>Builds the report's HTML.</summary>
    /// <param name="run">The notebook's run (a readable notebook).</param>
    /// <param name="generatedUtc">When the run happened.</param>
    /// <param name="settings">Report choices (default: sanitized markdown).</param>
    /// <returns>The complete HTML document.</returns>
    public static string ToHtml(NotebookRun run, DateTimeOffset generatedUtc, ReportSettings? settings = null)
    {
        settings ??= new ReportSettings();
        var body = new StringBuilder();
        var headings = new ReportHeadings();
        foreach (var cell in run.Cells)
            AppendCell(body, cell, settings, headings);
        var bodyHtml = body.ToString();

        var needsPlotly = run.Cells.Any(c => c.Outputs.OfType<DataOutput>().Any(o => o.Data.Values.Any(v => v.Contains("Plotly.newPlot", StringComparison.Ordinal))));
        var needsMath = bodyHtml.Contains("class=\"math", StringComparison.Ordinal);

        var html = new StringBuilder(bodyHtml.Length + 64 * 1024);
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>").Append(Escape(run.Name)).Append("</title>\n")
            .Append("<style>\n").Append(ReportStyle.Css).Append("\n</style>\n");
        if (needsMath)
        {
            html.Append("<style>\n").Append(KatexAssets.Style).Append("\n</style>\n");
            AppendScript(html, KatexAssets.Script);
            AppendScript(html, KatexAssets.AutoRender);
        }
        if (needsPlotly)
            AppendScript(html, PlotlyScript.Script);
        html.Append("</head>\n<body>\n");
        AppendHeader(html, run, generatedUtc);
        html.Append(headings.TableOfContents());
        html.Append("<main>\n").Append(bodyHtml).Append("</main>\n");
        if (needsMath)
            html.Append(MathScript);
        html.Append("</body>\n</html>\n");
        return html.ToString();
    }

    /// <summary>Writes the report to <paramref name="path"/> atomically.</summary>
    /// <param name="run">The notebook's run.</param>
    /// <param name="generatedUtc">When the run happened.</param>
    /// <param name="path">The destination .html file.</param>
    /// <param name="settings">Report choices.</param>
    public static void Write(NotebookRun run, DateTimeOffset generatedUtc, string path, ReportSettings settings) =>
        AtomicFile.WriteAllText(path, ToHtml(run, generatedUtc, settings));

    // Only elements Markdig (or a LaTeX output) marked as math are typeset, so printed text with a "$"
    // or "\(" is left alone.
    private const string MathScript = """
        <script>
        document.querySelectorAll(".math").forEach(function (element) {
          renderMathInElement(element, {
            delimiters: [
              { left: "$$", right: "$$", display: true },
              { left: "\\[", right: "\\]", display: true },
              { left: "\\(", right: "\\)", display: false },
              { left: "$", right: "$", display: false }
            ],
            throwOnError: false
          });
        });
        </script>

        """;

    private static void AppendHeader(StringBuilder html, NotebookRun run, DateTimeOffset generatedUtc)
    {
        html.Append("<header>\n<h1>").Append(Escape(run.Name)).Append(' ');
        html.Append(run.Passed ? "<span class=\"badge pass\">passed</span>" : "<span class=\"badge fail\">failed</span>");
        html.Append("</h1>\n");
        if (run.FailedCell is null && run.Problem is not null)
            html.Append("<p class=\"meta problem\">").Append(Escape(run.Problem)).Append("</p>\n");
        if (run.FailedCell is { } failed)
            html.Append("<p class=\"meta\">Stopped at <a href=\"#cell-").Append(failed.Cell.Number).Append("\">cell ")
                .Append(failed.Cell.Number).Append("</a>: ").Append(Escape(run.FailureSummary ?? "")).Append("</p>\n");
        html.Append("<p class=\"meta\"><a href=\"").Append(ReportNames.Index).Append("\">All notebooks</a> · source: ").Append(Escape(Path.GetFileName(run.Path)))
            .Append(" · executed ").Append(Escape(generatedUtc.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture)))
            .Append(" in ").Append(run.Elapsed.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture)).Append(" s")
            .Append(" · numerical backend: ").Append(Escape(run.Backend)).Append("</p>\n</header>\n");
    }

    private static void AppendCell(StringBuilder html, CellRun run, ReportSettings settings, ReportHeadings headings)
    {
        var cell = run.Cell;
        switch (cell.Kind)
        {
            case "markdown":
                html.Append("<section class=\"cell markdown\" id=\"cell-").Append(cell.Number).Append("\">\n")
                    .Append(headings.Link(MarkdownRenderer.ToHtml(cell.Source, settings.SanitizeHtml), cell.Number)).Append("</section>\n");
                return;
            case "raw":
                html.Append("<section class=\"cell raw\" id=\"cell-").Append(cell.Number).Append("\"><pre>")
                    .Append(Escape(cell.Source)).Append("</pre></section>\n");
                return;
        }

        var state = run.State switch { CellState.Failed => " failed", CellState.NotRun => " not-run", _ => "" };
        html.Append("<section class=\"cell code").Append(state).Append("\" id=\"cell-").Append(cell.Number).Append("\">\n");
        html.Append("<div class=\"prompt\">cell ").Append(cell.Number);
        if (run.ExecutionCount is { } count)
            html.Append(" · [").Append(count).Append("] · ").Append(run.Elapsed.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture)).Append(" s");
        html.Append("</div>\n<pre class=\"source\"><code class=\"language-csharp\">").Append(Escape(cell.Source)).Append("</code></pre>\n");
        foreach (var output in run.Outputs)
            AppendOutput(html, output, settings);
        if (run.State == CellState.NotRun && !string.IsNullOrWhiteSpace(cell.Source))
            html.Append("<p class=\"note\">not run</p>\n");
        html.Append("</section>\n");
    }

    private static void AppendOutput(StringBuilder html, CellOutput output, ReportSettings settings)
    {
        switch (output)
        {
            case StreamOutput stream:
                html.Append("<pre class=\"output stream ").Append(stream.Name).Append("\">").Append(Escape(stream.Text)).Append("</pre>\n");
                break;
            case ErrorOutput error:
                html.Append("<div class=\"output error\"><span class=\"ename\">").Append(Escape(error.Name)).Append("</span>: ")
                    .Append(Escape(error.Value)).Append("<pre>").Append(Escape(string.Join("\n", error.Traceback))).Append("</pre></div>\n");
                break;
            case DataOutput data:
                html.Append("<div class=\"output\">").Append(RenderData(data.Data, settings)).Append("</div>\n");
                break;
        }
    }

    private static string RenderData(IReadOnlyDictionary<string, string> data, ReportSettings settings)
    {
        var mime = MimePreference.FirstOrDefault(data.ContainsKey) ?? data.Keys.First();
        var value = data[mime];
        return mime switch
        {
            "text/html" or "image/svg+xml" => value,
            "image/png" or "image/jpeg" => $"<img alt=\"output\" src=\"data:{mime};base64,{WebUtility.HtmlEncode(value.Trim())}\">",
            "text/markdown" => MarkdownRenderer.ToHtml(value, settings.SanitizeHtml),
            "text/latex" => $"<div class=\"math\">{Escape(value)}</div>",
            _ => $"<pre>{Escape(value)}</pre>",
        };
    }

    private static void AppendScript(StringBuilder html, string script) =>
        // "</script" inside an inline script would end the element early; "<\/" means the same in JavaScript strings.
        html.Append("<script>\n").Append(script.Replace("</script", "<\\/script", StringComparison.OrdinalIgnoreCase)).Append("\n</script>\n");

    /// <summary>HTML-escapes text (also quotes), so printed markup shows as text.</summary>
    /// <param name="text">Any text.</param>
    /// <returns>The escaped text.</returns>
    public static string Escape(string text) => WebUtility.HtmlEncode(text);
}
