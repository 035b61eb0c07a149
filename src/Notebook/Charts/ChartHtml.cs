using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Differentials.Notebook;

/// <summary>
/// Writes the HTML fragment that draws one Plotly figure. The fragment works in three hosts:
/// a page that already defines <c>window.Plotly</c> (reports inline plotly.js once in their head) draws at
/// once; a notebook renderer with require.js (VS Code, Jupyter) loads plotly.js through require; any other
/// page inserts one shared <c>&lt;script&gt;</c> tag for plotly.js from the CDN and draws when it has loaded.
/// A fragment given plotly.js itself defines <c>window.Plotly</c> first (unless the page has it), so it and the
/// fragments after it draw at once, offline, with or without require.js on the page.
/// </summary>
public static partial class ChartHtml
{
    /// <summary>The plotly.js version the fragments load; the one embedded in Plotly.NET 6.0.0.</summary>
    public const string PlotlyVersion = "2.28.0";

    /// <summary>Where the fragments load plotly.js from when the page does not define <c>window.Plotly</c>.</summary>
    public const string PlotlyCdnUrl = "https://cdn.plot.ly/plotly-" + PlotlyVersion + ".min.js";

    /// <summary>Wraps a Plotly figure in a div and a script that calls <c>Plotly.newPlot</c>.</summary>
    /// <param name="divId">Id of the div; letters, digits, '-' and '_' only.</param>
    /// <param name="figureJson">A figure object with <c>data</c>, <c>layout</c> and optionally <c>config</c>.</param>
    /// <param name="heightPixels">Height of the div in pixels.</param>
    /// <param name="widthPixels">Width of the div in pixels, or 0 to fill the available width.</param>
    /// <param name="plotlyJs">plotly.js itself, to carry inline (see <see cref="Plot.EmbedPlotlyJs"/>); null to load it from the CDN when the page has none.</param>
    /// <returns>The HTML fragment.</returns>
    /// <exception cref="ArgumentException">The id is empty or has other characters, the figure JSON is blank, plotly.js is given blank, or a size is out of range.</exception>
    public static string Wrap(string divId, string figureJson, int heightPixels, int widthPixels = 0, string? plotlyJs = null)
    {
        if (plotlyJs is not null && string.IsNullOrWhiteSpace(plotlyJs))
            throw new ArgumentException("plotly.js to carry inline is blank; pass null to load it from the CDN.", nameof(plotlyJs));
        ArgumentException.ThrowIfNullOrWhiteSpace(figureJson);
        if (string.IsNullOrEmpty(divId) || !divId.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            throw new ArgumentException($"The div id '{divId}' must be non-empty ASCII letters, digits, '-' or '_'.", nameof(divId));
        if (heightPixels <= 0)
            throw new ArgumentOutOfRangeException(nameof(heightPixels), heightPixels, "The chart height must be positive.");
        if (widthPixels < 0)
            throw new ArgumentOutOfRangeException(nameof(widthPixels), widthPixels, "The chart width must be positive, or 0 to fill the output.");

        var width = widthPixels > 0 ? widthPixels.ToString(CultureInfo.InvariantCulture) + "px" : "100%";
        var html = new StringBuilder(figureJson.Length + 1200 + (plotlyJs?.Length ?? 0));
        if (plotlyJs is not null)
            AppendInlinePlotlyJs(html, plotlyJs);
        html.Append(CultureInfo.InvariantCulture, $"<div id=\"{divId}\" style=\"width:{width};height:{heightPixels}px;\"></div>\n");
        html.Append("<script type=\"text/javascript\">\n(function () {\n");
        html.Append("  var figure = ").Append(EscapeForScript(figureJson)).Append(";\n");
        html.Append("  function draw(Plotly) {\n");
        html.Append(CultureInfo.InvariantCulture, $"    Plotly.newPlot('{divId}', figure.data, figure.layout, figure.config || {{ responsive: true }});\n");
        html.Append("  }\n");
        html.Append("  if (window.Plotly) { draw(window.Plotly); return; }\n");
        html.Append("  if (typeof require === 'function') {\n");
        html.Append(CultureInfo.InvariantCulture, $"    require.config({{ paths: {{ 'plotly-{PlotlyVersion}': '{PlotlyCdnUrl[..^3]}' }} }});\n");
        html.Append(CultureInfo.InvariantCulture, $"    require(['plotly-{PlotlyVersion}'], draw);\n");
        html.Append("    return;\n  }\n");
        html.Append("  window.differentialsPlotly = window.differentialsPlotly || new Promise(function (resolve, reject) {\n");
        html.Append("    var script = document.createElement('script');\n");
        html.Append(CultureInfo.InvariantCulture, $"    script.src = '{PlotlyCdnUrl}';\n");
        html.Append("    script.onload = function () { resolve(window.Plotly); };\n");
        html.Append("    script.onerror = reject;\n");
        html.Append("    document.head.appendChild(script);\n");
        html.Append("  });\n");
        html.Append("  window.differentialsPlotly.then(draw);\n");
        html.Append("})();\n</script>\n");
        return html.ToString();
    }

    // plotly.js is a UMD bundle: where require.js is on the page (Jupyter's HTML export, classic Jupyter) it would call an
    // anonymous define(), which require.js rejects outside a module load, and window.Plotly would stay unset. Shadowing
    // define, exports and module with undefined parameters sends it down its global branch, which sets self.Plotly.
    // "</script" cannot occur in JavaScript outside a string or a regular expression, where "<\/" means the same
    // (its case kept, so the script's strings are unchanged).
    private static void AppendInlinePlotlyJs(StringBuilder html, string plotlyJs)
    {
        html.Append("<script type=\"text/javascript\">\n(function (define, exports, module) {\n");
        html.Append("  if (window.Plotly) return;\n");
        html.Append(ScriptEnd().Replace(plotlyJs, "<\\/$1"));
        html.Append("\n})();\n</script>\n");
    }

    [GeneratedRegex("</(script)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ScriptEnd();

    // '<', '>' and '&' occur in JSON only inside strings, where \u escapes mean the same characters; escaping
    // them keeps a title such as "</script>" from closing the script element.
    private static string EscapeForScript(string json) =>
        json.Replace("<", "\\u003c", StringComparison.Ordinal)
            .Replace(">", "\\u003e", StringComparison.Ordinal)
            .Replace("&", "\\u0026", StringComparison.Ordinal);
}
