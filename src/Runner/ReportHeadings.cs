using System.Text;
using System.Text.RegularExpressions;

namespace Differentials.Runner;

/// <summary>The headings of a report's markdown cells: each gets an id unique in the report and a link to
/// itself, and levels 1 to 3 make the table of contents at the top.</summary>
internal sealed partial class ReportHeadings
{
    private readonly HashSet<string> ids = new(StringComparer.Ordinal) { "contents" };
    private readonly List<(int Level, string Id, string Html)> entries = [];

    /// <summary>Gives every heading in <paramref name="html"/> a unique id and a self-link, and records it.</summary>
    /// <param name="html">One markdown cell's HTML.</param>
    /// <param name="cellNumber">The cell's number, for headings Markdig gave no id.</param>
    /// <returns>The HTML with linked headings.</returns>
    public string Link(string html, int cellNumber) => Heading().Replace(html, match =>
    {
        var level = match.Groups["level"].Value[0] - '0';
        var wanted = match.Groups["id"].Success && match.Groups["id"].Value.Length > 0 ? match.Groups["id"].Value : $"cell-{cellNumber}-heading";
        var id = wanted;
        for (var n = 2; !ids.Add(id); n++)
            id = $"{wanted}-{n}";
        var inner = match.Groups["inner"].Value;
        if (level <= 3)
            entries.Add((level, id, inner));
        var escapedId = HtmlReportWriter.Escape(id);
        return $"<h{level} id=\"{escapedId}\">{inner} <a class=\"anchor\" href=\"#{escapedId}\" aria-label=\"link to this heading\">#</a></h{level}>";
    });

    /// <summary>The table of contents, or an empty string when the report has fewer than two headings.</summary>
    /// <returns>A nav element with nested lists by level.</returns>
    public string TableOfContents()
    {
        if (entries.Count < 2)
            return "";
        var html = new StringBuilder("<nav class=\"toc\" id=\"contents\" aria-label=\"Contents\">\n<p class=\"toc-title\">Contents</p>\n<ul>\n");
        var top = entries.Min(e => e.Level);
        foreach (var (level, id, inner) in entries)
            html.Append("<li class=\"toc-").Append(level - top + 1).Append("\"><a href=\"#").Append(HtmlReportWriter.Escape(id)).Append("\">")
                .Append(Links().Replace(inner, "$1")).Append("</a></li>\n");
        return html.Append("</ul>\n</nav>\n").ToString();
    }

    [GeneratedRegex(@"<h(?<level>[1-6])(?: id=""(?<id>[^""]*)"")?>(?<inner>.*?)</h\k<level>>", RegexOptions.Singleline)]
    private static partial Regex Heading();

    // A link inside a heading would nest inside the contents' link: keep its text only.
    [GeneratedRegex(@"<a\b[^>]*>(.*?)</a>", RegexOptions.Singleline)]
    private static partial Regex Links();
}
