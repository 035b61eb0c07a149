namespace Differentials.Notebook;

/// <summary>
/// A rendered chart: an HTML fragment holding a <c>&lt;div&gt;</c> and a <c>&lt;script&gt;</c> that calls
/// <c>Plotly.newPlot</c>. Notebooks display it as <c>text/html</c> (the formatter is registered when this
/// library loads); reports can embed <see cref="Html"/> directly.
/// </summary>
public sealed class ChartView
{
    internal ChartView(string divId, string figureJson, string html, bool carriesPlotlyJs)
    {
        DivId = divId;
        FigureJson = figureJson;
        Html = html;
        CarriesPlotlyJs = carriesPlotlyJs;
    }

    /// <summary>True when <see cref="Html"/> carries plotly.js inline (see <see cref="Plot.EmbedPlotlyJs"/>): the page then draws this
    /// chart, and the ones after it, without a network.</summary>
    public bool CarriesPlotlyJs { get; }

    /// <summary>The id of the <c>&lt;div&gt;</c> the chart is drawn into; unique per rendering.</summary>
    public string DivId { get; }

    /// <summary>The Plotly figure as JSON: <c>{"data": [...], "layout": {...}, "config": {...}}</c>.</summary>
    public string FigureJson { get; }

    /// <summary>The HTML fragment that draws the chart (see <see cref="ChartHtml"/> for how it finds plotly.js).</summary>
    public string Html { get; }

    /// <summary>Returns <see cref="Html"/>.</summary>
    /// <returns>The HTML fragment.</returns>
    public override string ToString() => Html;
}
