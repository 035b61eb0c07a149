namespace Differentials.Charts;

/// <summary>
/// The chart description that crosses from Differentials.Notebook into the plugin as JSON. It holds BCL
/// types only, so the two load contexts share nothing but a string.
/// </summary>
/// <param name="Title">Chart title; empty for none.</param>
/// <param name="XTitle">Horizontal axis title, units included.</param>
/// <param name="YTitle">Vertical axis title, units included.</param>
/// <param name="XLog">True for a logarithmic horizontal axis.</param>
/// <param name="YLog">True for a logarithmic vertical axis.</param>
/// <param name="ShowLegend">True to show the legend.</param>
/// <param name="Width">Width in pixels, or 0 to fill the output width.</param>
/// <param name="Height">Height in pixels.</param>
/// <param name="Series">The traces, drawn in order.</param>
public sealed record ChartSpec(
    string Title,
    string XTitle,
    string YTitle,
    bool XLog,
    bool YLog,
    bool ShowLegend,
    int Width,
    int Height,
    IReadOnlyList<SeriesSpec> Series);

/// <summary>One named trace. Gaps (non-finite values) arrive as NaN.</summary>
/// <param name="Name">Legend entry.</param>
/// <param name="Kind">"line", "markers", "lines+markers" or "bar".</param>
/// <param name="Dash">"solid", "dash" or "dot" (lines only).</param>
/// <param name="X">Abscissae.</param>
/// <param name="Y">Ordinates, as many as <paramref name="X"/>.</param>
public sealed record SeriesSpec(string Name, string Kind, string Dash, double[] X, double[] Y);
