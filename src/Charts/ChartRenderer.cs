using System.Text.Json;
using System.Text.Json.Nodes;
using Plotly.NET;
using Plotly.NET.LayoutObjects;
using CSharpChart = Plotly.NET.CSharp.Chart;
using Plotly.NET.CSharp;

namespace Differentials.Charts;

/// <summary>
/// The plugin's entry points: <see cref="RenderFigureJson"/> turns a <see cref="ChartSpec"/> (as JSON) into Plotly's
/// figure JSON, and <see cref="PlotlyJs"/> hands out the plotly.js that Plotly.NET embeds. Differentials.Notebook binds
/// each to a <c>Func&lt;string, string&gt;</c> once;
/// the HTML around the figure is written on that side, so the display contract lives in one place.
/// </summary>
public static class ChartRenderer
{
    private static readonly JsonSerializerOptions SpecOptions = new()
    {
        PropertyNameCaseInsensitive = true,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    // Plotly.NET's default template costs ~85 ms and 8 KB per chart; the light one ~1.5 ms.
    static ChartRenderer() => Defaults.DefaultTemplate = ChartTemplates.light;

    /// <summary>Renders a chart description to Plotly figure JSON: <c>{"data": [...], "layout": {...}, "config": {...}}</c>.</summary>
    /// <param name="specJson">A serialized <see cref="ChartSpec"/>.</param>
    /// <returns>The figure JSON, for <c>Plotly.newPlot(div, data, layout, config)</c>.</returns>
    /// <exception cref="ArgumentException">The description is not valid JSON or has no series.</exception>
    public static string RenderFigureJson(string specJson)
    {
        ChartSpec spec;
        try
        {
            spec = JsonSerializer.Deserialize<ChartSpec>(specJson, SpecOptions)
                ?? throw new ArgumentException("The chart description is the JSON literal null.", nameof(specJson));
        }
        catch (JsonException e)
        {
            throw new ArgumentException($"The chart description is not valid JSON: {e.Message}", nameof(specJson), e);
        }
        if (spec.Series is null || spec.Series.Count == 0)
            throw new ArgumentException("The chart description has no series.", nameof(specJson));

        var chart = Plotly.NET.GenericChart.combine(spec.Series.Select(ToTrace));
        chart = Plotly.NET.Chart.withTitle(spec.Title, null).Invoke(chart);
        chart = chart
            .WithXAxisStyle<double, double, string>(TitleText: spec.XTitle, AxisType: spec.XLog ? StyleParam.AxisType.Log : StyleParam.AxisType.Linear)
            .WithYAxisStyle<double, double, string>(TitleText: spec.YTitle, AxisType: spec.YLog ? StyleParam.AxisType.Log : StyleParam.AxisType.Linear)
            .WithLegendStyle(Visible: spec.ShowLegend);
        chart = spec.Width > 0 ? chart.WithSize(spec.Width, spec.Height) : chart.WithSize(Height: spec.Height);
        var figure = JsonNode.Parse(Plotly.NET.GenericChart.toJson(chart))!.AsObject();
        var layout = figure["layout"]!.AsObject();
        if (spec.Width <= 0)
        {
            // Plotly.NET fills in a default width; without one, plotly.js fits the chart to its output.
            layout.Remove("width");
            layout["autosize"] = true;
        }
        // Ticks as powers of ten (10⁻⁸), not SI prefixes (10n), which read oddly for errors and step sizes.
        foreach (var axis in new[] { "xaxis", "yaxis" })
        {
            if (layout[axis] is JsonObject style) style["exponentformat"] = "power";
        }
        return figure.ToJsonString();
    }

    /// <summary>
    /// Returns plotly.js as Plotly.NET embeds it (the manifest resource <c>Plotly.NET.plotly-VERSION.min.js</c>), so a
    /// chart can carry it inline where no CDN is reachable.
    /// </summary>
    /// <param name="version">The plotly.js version the caller's fragments are written for, e.g. "2.28.0".</param>
    /// <returns>The minified script.</returns>
    /// <exception cref="ArgumentException"><paramref name="version"/> is blank.</exception>
    /// <exception cref="InvalidOperationException">Plotly.NET embeds no plotly.js of that version; the message names the ones it has.</exception>
    public static string PlotlyJs(string version)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(version);
        var assembly = typeof(Plotly.NET.GenericChart).Assembly;
        var name = $"Plotly.NET.plotly-{version}.min.js";
        using var stream = assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException(
                $"{assembly.GetName().Name} {assembly.GetName().Version} embeds no '{name}'; its scripts: " +
                string.Join(", ", assembly.GetManifestResourceNames().Where(n => n.EndsWith(".js", StringComparison.Ordinal))) + ".");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static Plotly.NET.GenericChart ToTrace(SeriesSpec s)
    {
        var dash = s.Dash switch
        {
            "dash" => StyleParam.DrawingStyle.Dash,
            "dot" => StyleParam.DrawingStyle.Dot,
            _ => StyleParam.DrawingStyle.Solid,
        };
        return s.Kind switch
        {
            "bar" => CSharpChart.Column<double, double, string>(values: s.Y, Keys: s.X, Name: s.Name),
            "markers" => CSharpChart.Point<double, double, string>(x: s.X, y: s.Y, Name: s.Name),
            "lines+markers" => CSharpChart.Line<double, double, string>(x: s.X, y: s.Y, Name: s.Name, ShowMarkers: true, LineDash: dash),
            "line" => CSharpChart.Line<double, double, string>(x: s.X, y: s.Y, Name: s.Name, LineDash: dash),
            _ => throw new ArgumentException($"Series '{s.Name}' has unknown kind '{s.Kind}'.", nameof(s)),
        };
    }
}
