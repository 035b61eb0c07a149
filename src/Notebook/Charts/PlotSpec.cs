namespace Differentials.Notebook.Charts;

/// <summary>A validated plot, ready to serialize for the plugin.</summary>
internal sealed record PlotSpec(
    string Title,
    string XTitle,
    string YTitle,
    AxisScale XScale,
    AxisScale YScale,
    bool ShowLegend,
    int Width,
    int Height,
    IReadOnlyList<PlotSeries> Series);
