using System.Globalization;
using System.Text;

namespace Differentials.Runner;

/// <summary>Writes index.html: one row per notebook with its status, the failing cell, the time, and links
/// to its HTML report and executed notebook.</summary>
internal static class IndexWriter
{
    /// <summary>Builds the index page.</summary>
    /// <param name="runs">The runs, in the order the notebooks were selected (by name).</param>
    /// <param name="generatedUtc">When the run started.</param>
    /// <param name="total">Wall time of the whole run.</param>
    /// <returns>The HTML document.</returns>
    public static string ToHtml(IReadOnlyList<NotebookRun> runs, DateTimeOffset generatedUtc, TimeSpan total)
    {
        var passed = runs.Count(r => r.Passed);
        // One backend for all is said once; notebooks that differ get a column.
        var backends = runs.Where(r => r.Document is not null).Select(r => r.Backend).Distinct().ToArray();
        var backend = backends.Length == 1 ? backends[0] : backends.Length == 0 ? "none" : "differs by notebook (see the table)";
        var backendColumn = backends.Length > 1;
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Notebook reports</title>\n<style>\n")
            .Append(ReportStyle.Css).Append("\n</style>\n</head>\n<body>\n<header>\n<h1>Notebook reports</h1>\n")
            .Append("<p class=\"meta\" id=\"summary\">").Append(passed).Append(" passed, ").Append(runs.Count - passed).Append(" failed")
            .Append(" · executed ").Append(HtmlReportWriter.Escape(generatedUtc.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture)))
            .Append(" in ").Append(Seconds(total))
            .Append(" · numerical backend: ").Append(HtmlReportWriter.Escape(backend)).Append("</p>\n</header>\n")
            .Append("<table class=\"runs\">\n<thead><tr><th>Notebook</th><th>Status</th><th>Failure</th><th>Time</th>").Append(backendColumn ? "<th>Backend</th>" : "").Append("<th>Files</th></tr></thead>\n<tbody>\n");
        foreach (var run in runs)
        {
            var name = HtmlReportWriter.Escape(run.Name);
            var report = Uri.EscapeDataString(ReportNames.Html(run.Path));
            var ipynb = Uri.EscapeDataString(ReportNames.Ipynb(run.Path));
            html.Append("<tr class=\"").Append(run.Passed ? "pass" : "fail").Append("\"><td>");
            if (run.Document is not null)
                html.Append("<a href=\"").Append(report).Append("\">").Append(name).Append("</a>");
            else
                html.Append(name);
            html.Append("</td><td>").Append(run.Passed ? "<span class=\"badge pass\">pass</span>" : "<span class=\"badge fail\">fail</span>")
                .Append("</td><td>");
            if (run.FailedCell is { } failed)
                html.Append("<a href=\"").Append(report).Append("#cell-").Append(failed.Cell.Number).Append("\">")
                    .Append(HtmlReportWriter.Escape(run.FailureSummary ?? "")).Append("</a>");
            else if (run.Problem is not null)
                html.Append(HtmlReportWriter.Escape(run.Problem));
            html.Append("</td><td class=\"time\">").Append(Seconds(run.Elapsed)).Append("</td><td>");
            if (backendColumn)
                html.Append(HtmlReportWriter.Escape(run.Document is null ? "" : run.Backend)).Append("</td><td>");
            if (run.Document is not null)
                html.Append("<a href=\"").Append(report).Append("\">html</a> · <a href=\"").Append(ipynb).Append("\">ipynb</a>");
            html.Append("</td></tr>\n");
        }
        html.Append("</tbody>\n</table>\n</body>\n</html>\n");
        return html.ToString();
    }

    /// <summary>Writes index.html into <paramref name="folder"/> atomically.</summary>
    /// <param name="runs">The runs, by name.</param>
    /// <param name="generatedUtc">When the run started.</param>
    /// <param name="total">Wall time of the whole run.</param>
    /// <param name="folder">The output folder.</param>
    /// <returns>The path written.</returns>
    public static string Write(IReadOnlyList<NotebookRun> runs, DateTimeOffset generatedUtc, TimeSpan total, string folder)
    {
        var path = Path.Combine(folder, ReportNames.Index);
        AtomicFile.WriteAllText(path, ToHtml(runs, generatedUtc, total));
        return path;
    }

    private static string Seconds(TimeSpan time) => time.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture) + " s";
}
