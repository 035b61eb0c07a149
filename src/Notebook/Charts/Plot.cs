using System.Diagnostics;
using System.Globalization;
using Differentials.Notebook.Charts;
using Differentials.Verification;

namespace Differentials.Notebook;

/// <summary>
/// A chart under construction: named line, scatter and bar series, a title, axis titles with units,
/// linear or logarithmic axes, a legend and dashed horizontal reference lines (tolerances).
/// Each method changes this plot and returns it, so calls chain; <see cref="Render"/> draws it with
/// Plotly.NET (in its own load context) and returns a <see cref="ChartView"/>. A plot that is the last
/// expression of a notebook cell displays itself.
/// </summary>
/// <remarks>
/// Values that are not finite (NaN, ±∞) are drawn as gaps, so a sweep that diverges shows a break
/// instead of failing. On a logarithmic axis a finite value ≤ 0 cannot be drawn, and Plotly would drop
/// it silently: <see cref="Render"/> throws instead, naming the series and the index.
/// </remarks>
/// <example>
/// <code>
/// Plot.LogLog("Forward vs central difference", "step h", "relative error")
///     .Line("forward", h, forwardError)
///     .Line("central", h, centralError)
///     .HorizontalLine("tolerance", 1e-8)
/// </code>
/// </example>
public sealed class Plot
{
    private const int DefaultHeight = 420;
    private readonly List<PlotSeries> _series = [];
    private string _title;
    private string _xTitle = "";
    private string _yTitle = "";
    private AxisScale _xScale = AxisScale.Linear;
    private AxisScale _yScale = AxisScale.Linear;
    private bool _showLegend = true;
    private int _width;
    private int _height = DefaultHeight;

    /// <summary>Starts an empty plot with linear axes.</summary>
    /// <param name="title">The chart title; empty for none.</param>
    /// <exception cref="ArgumentNullException"><paramref name="title"/> is null.</exception>
    public Plot(string title = "")
    {
        ArgumentNullException.ThrowIfNull(title);
        _title = title;
    }

    /// <summary>Starts a plot with linear axes and the given titles.</summary>
    /// <param name="title">The chart title.</param>
    /// <param name="xTitle">Horizontal axis title, with units if any (e.g. "time [s]").</param>
    /// <param name="yTitle">Vertical axis title, with units if any.</param>
    /// <returns>The new plot.</returns>
    /// <exception cref="ArgumentNullException">A title is null.</exception>
    public static Plot Linear(string title, string xTitle, string yTitle) =>
        new Plot(title).XAxis(xTitle).YAxis(yTitle);

    /// <summary>Starts a plot with both axes logarithmic, as for error against step size.</summary>
    /// <param name="title">The chart title.</param>
    /// <param name="xTitle">Horizontal axis title, with units if any.</param>
    /// <param name="yTitle">Vertical axis title, with units if any.</param>
    /// <returns>The new plot.</returns>
    /// <exception cref="ArgumentNullException">A title is null.</exception>
    public static Plot LogLog(string title, string xTitle, string yTitle) =>
        new Plot(title).XAxis(xTitle, scale: AxisScale.Log).YAxis(yTitle, scale: AxisScale.Log);

    /// <summary>Sets the chart title.</summary>
    /// <param name="title">The title; empty for none.</param>
    /// <returns>This plot.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="title"/> is null.</exception>
    public Plot Title(string title)
    {
        ArgumentNullException.ThrowIfNull(title);
        _title = title;
        return this;
    }

    /// <summary>Sets the horizontal axis: its title, its unit and its scale.</summary>
    /// <param name="title">What the axis shows, e.g. "step h".</param>
    /// <param name="unit">The unit, shown in brackets after the title (e.g. "s" gives "step h [s]"); null or empty for none.</param>
    /// <param name="scale">Linear or logarithmic.</param>
    /// <returns>This plot.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="title"/> is null.</exception>
    public Plot XAxis(string title, string? unit = null, AxisScale scale = AxisScale.Linear)
    {
        _xTitle = AxisTitle(title, unit);
        _xScale = scale;
        return this;
    }

    /// <summary>Sets the vertical axis: its title, its unit and its scale.</summary>
    /// <param name="title">What the axis shows, e.g. "relative error".</param>
    /// <param name="unit">The unit, shown in brackets after the title; null or empty for none.</param>
    /// <param name="scale">Linear or logarithmic.</param>
    /// <returns>This plot.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="title"/> is null.</exception>
    public Plot YAxis(string title, string? unit = null, AxisScale scale = AxisScale.Linear)
    {
        _yTitle = AxisTitle(title, unit);
        _yScale = scale;
        return this;
    }

    /// <summary>Adds a line through the points (x[i], y[i]), in the given order.</summary>
    /// <param name="name">Legend entry.</param>
    /// <param name="x">Abscissae.</param>
    /// <param name="y">Ordinates, as many as <paramref name="x"/>.</param>
    /// <param name="dash">Stroke pattern.</param>
    /// <param name="markers">True to also mark each point.</param>
    /// <returns>This plot.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The lengths differ, the series is empty, or no point is finite.</exception>
    public Plot Line(string name, IEnumerable<double> x, IEnumerable<double> y, LineDash dash = LineDash.Solid, bool markers = false) =>
        Add(name, markers ? SeriesKind.LineMarkers : SeriesKind.Line, dash, x, y);

    /// <summary>Adds an error-versus-step sweep (e.g. from <c>FiniteDifferences.Sweep</c>) as a line with markers: x is the step, y the error.</summary>
    /// <param name="name">Legend entry.</param>
    /// <param name="sweep">The points, in order.</param>
    /// <param name="dash">Stroke pattern.</param>
    /// <returns>This plot.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The sweep is empty or no point is finite.</exception>
    public Plot Line(string name, IEnumerable<StepError> sweep, LineDash dash = LineDash.Solid)
    {
        ArgumentNullException.ThrowIfNull(sweep);
        var points = sweep.ToList();
        return Add(name, SeriesKind.LineMarkers, dash, points.Select(p => p.Step), points.Select(p => p.Error));
    }

    /// <summary>Adds the points (x[i], y[i]) as markers without a line.</summary>
    /// <param name="name">Legend entry.</param>
    /// <param name="x">Abscissae.</param>
    /// <param name="y">Ordinates, as many as <paramref name="x"/>.</param>
    /// <returns>This plot.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The lengths differ, the series is empty, or no point is finite.</exception>
    public Plot Scatter(string name, IEnumerable<double> x, IEnumerable<double> y) =>
        Add(name, SeriesKind.Markers, LineDash.Solid, x, y);

    /// <summary>Adds vertical bars of height y[i] at x[i].</summary>
    /// <param name="name">Legend entry.</param>
    /// <param name="x">Bar positions.</param>
    /// <param name="y">Bar heights, as many as <paramref name="x"/>.</param>
    /// <returns>This plot.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The lengths differ, the series is empty, or no point is finite.</exception>
    public Plot Bar(string name, IEnumerable<double> x, IEnumerable<double> y) =>
        Add(name, SeriesKind.Bar, LineDash.Solid, x, y);

    /// <summary>
    /// Adds a horizontal line at height <paramref name="y"/> across the horizontal range of the other series,
    /// dashed by default: the usual way to show a tolerance.
    /// </summary>
    /// <param name="name">Legend entry, e.g. "tolerance".</param>
    /// <param name="y">The height.</param>
    /// <param name="dash">Stroke pattern.</param>
    /// <returns>This plot.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="y"/> is not finite.</exception>
    public Plot HorizontalLine(string name, double y, LineDash dash = LineDash.Dash)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!double.IsFinite(y))
            throw new ArgumentException($"Horizontal line '{name}' is at y = {y}; it must be finite.", nameof(y));
        _series.Add(new PlotSeries(name, SeriesKind.HorizontalLine, dash, [], [y]));
        return this;
    }

    /// <summary>
    /// Adds the power law y = y₀ (x / x₀)^p as a dashed guide across the horizontal range of the data
    /// series, cut where it would leave their vertical range: a straight line of slope p on log-log axes,
    /// the usual way to show an expected order of convergence, e.g. <c>PowerLaw("O(h²)", 2, h[0], error[0])</c>.
    /// </summary>
    /// <param name="name">Legend entry, e.g. "O(h²)".</param>
    /// <param name="exponent">The power p.</param>
    /// <param name="x0">Abscissa of the point the line passes through.</param>
    /// <param name="y0">Ordinate of that point.</param>
    /// <param name="dash">Stroke pattern.</param>
    /// <returns>This plot.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is null.</exception>
    /// <exception cref="ArgumentException">An argument is not finite, or the anchor is not positive.</exception>
    public Plot PowerLaw(string name, double exponent, double x0, double y0, LineDash dash = LineDash.Dash)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!double.IsFinite(exponent) || !double.IsFinite(x0) || !double.IsFinite(y0) || x0 <= 0 || y0 <= 0)
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"Power law '{name}' needs a finite exponent and a positive finite anchor; got p = {exponent}, x₀ = {x0}, y₀ = {y0}."), nameof(exponent));
        _series.Add(new PlotSeries(name, SeriesKind.PowerLaw, dash, [x0], [exponent, y0]));
        return this;
    }

    /// <summary>Shows or hides the legend (shown by default).</summary>
    /// <param name="show">True to show it.</param>
    /// <returns>This plot.</returns>
    public Plot Legend(bool show = true)
    {
        _showLegend = show;
        return this;
    }

    /// <summary>Sets the size of the chart.</summary>
    /// <param name="width">Width in pixels, or 0 to fill the output's width (the default).</param>
    /// <param name="height">Height in pixels (420 by default).</param>
    /// <returns>This plot.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The width is negative or the height is not positive.</exception>
    public Plot Size(int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        _width = width;
        _height = height;
        return this;
    }

    /// <summary>
    /// Makes the next chart rendered in this process carry plotly.js inline (from Plotly.NET, 3.6 MB) and the charts
    /// after it reuse that copy, so that HTML exported from the notebook (e.g. by <c>jupyter nbconvert --to html</c>)
    /// draws its charts without a network. Call it in a notebook's first cell; calling it again makes the next chart
    /// carry plotly.js again (for a notebook re-run from the top in the same kernel). Off by default, where charts
    /// load plotly.js from its CDN (VS Code); the environment variable <c>DIFFERENTIALS_PLOTLYJS=inline</c> turns it
    /// on for a process that never calls this method.
    /// </summary>
    /// <param name="embed">True to embed; false to go back to loading plotly.js from the CDN.</param>
    public static void EmbedPlotlyJs(bool embed = true) => PlotlyJsEmbedding.Shared.Enable(embed);

    /// <summary>Draws the plot with Plotly.NET and wraps it in HTML.</summary>
    /// <returns>The rendered chart; later changes to this plot do not affect it.</returns>
    /// <exception cref="InvalidOperationException">The plot has no data series, or <c>DIFFERENTIALS_PLOTLYJS</c> holds a value other than inline or cdn.</exception>
    /// <exception cref="ArgumentException">A finite value ≤ 0 lies on a logarithmic axis.</exception>
    /// <exception cref="FileNotFoundException">The chart plugin is not in the charts/ folder beside this library.</exception>
    public ChartView Render() => RenderWith(PlotlyJsEmbedding.Shared);

    /// <summary>Renders, letting <paramref name="embedding"/> decide whether this chart carries plotly.js (never, when null).</summary>
    internal ChartView RenderWith(PlotlyJsEmbedding? embedding)
    {
        var specJson = PlotSpecWriter.Write(Spec());
        var figureJson = ChartPlugin.RenderFigureJson(specJson);
        var divId = "differentials-chart-" + Guid.NewGuid().ToString("N");
        if (embedding is null || !embedding.TakeTurn())
            return new ChartView(divId, figureJson, ChartHtml.Wrap(divId, figureJson, _height, _width), carriesPlotlyJs: false);
        try
        {
            return new ChartView(divId, figureJson, ChartHtml.Wrap(divId, figureJson, _height, _width, ChartPlugin.PlotlyJs), carriesPlotlyJs: true);
        }
        catch
        {
            embedding.ReturnTurn();
            throw;
        }
    }

    /// <summary>Validates the whole plot and returns what the plugin draws, with the guides (horizontal lines, power laws) resolved to points.</summary>
    internal PlotSpec Spec()
    {
        var data = _series.Where(s => s.Kind is not (SeriesKind.HorizontalLine or SeriesKind.PowerLaw)).ToList();
        if (data.Count == 0)
            throw new InvalidOperationException(
                "The plot has no data series to draw: add one with Line, Scatter or Bar before rendering.");
        var (xMin, xMax) = FiniteRange(data.SelectMany(s => s.X));
        var (yMin, yMax) = FiniteRange(data.SelectMany(s => s.Y));
        var resolved = new List<PlotSeries>(_series.Count);
        foreach (var s in _series)
        {
            var series = s.Kind switch
            {
                SeriesKind.HorizontalLine => s with { X = [xMin, xMax], Y = [s.Y[0], s.Y[0]] },
                SeriesKind.PowerLaw => PowerLawPoints(s, xMin, xMax, yMin, yMax),
                _ => s,
            };
            if (_xScale == AxisScale.Log) RequirePositive(series, series.X, "x");
            if (_yScale == AxisScale.Log) RequirePositive(series, series.Y, "y");
            resolved.Add(series);
        }
        return new PlotSpec(_title, _xTitle, _yTitle, _xScale, _yScale, _showLegend, _width, _height, resolved);
    }

    private Plot Add(string name, SeriesKind kind, LineDash dash, IEnumerable<double> x, IEnumerable<double> y)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        double[] xs = [.. x], ys = [.. y];
        if (xs.Length != ys.Length)
            throw new ArgumentException(
                $"Series '{name}' has {xs.Length} x values but {ys.Length} y values; they must pair up.", nameof(y));
        if (xs.Length == 0)
            throw new ArgumentException($"Series '{name}' is empty: it has no points to draw.", nameof(x));
        if (!Enumerable.Range(0, xs.Length).Any(i => double.IsFinite(xs[i]) && double.IsFinite(ys[i])))
            throw new ArgumentException(
                $"Series '{name}' has {xs.Length} points and none with both coordinates finite: nothing would be drawn.", nameof(y));
        _series.Add(new PlotSeries(name, kind, dash, xs, ys));
        return this;
    }

    private static (double Min, double Max) FiniteRange(IEnumerable<double> values)
    {
        var finite = values.Where(double.IsFinite).ToList();
        Debug.Assert(finite.Count > 0, "Add admits only series with a finite point.");
        return (finite.Min(), finite.Max());
    }

    /// <summary>
    /// Samples y₀ (x/x₀)^p over the part of the data's horizontal range where it stays within the data's
    /// vertical range (so a guide never stretches the axes), in geometric steps on a log axis and even steps
    /// otherwise: straight on log-log axes, smooth on linear ones; a gap where x ≤ 0.
    /// </summary>
    private PlotSeries PowerLawPoints(PlotSeries s, double xMin, double xMax, double yMin, double yMax)
    {
        const int Samples = 33;
        double x0 = s.X[0], exponent = s.Y[0], y0 = s.Y[1];
        if (exponent != 0 && yMin > 0)
        {
            // Invert y = y0 (x/x0)^p at the data's lowest and highest y; keep the overlap with [xMin, xMax].
            double a = x0 * Math.Pow(yMin / y0, 1 / exponent), b = x0 * Math.Pow(yMax / y0, 1 / exponent);
            double from = Math.Max(xMin, Math.Min(a, b)), to = Math.Min(xMax, Math.Max(a, b));
            if (from < to) (xMin, xMax) = (from, to);
        }
        var geometric = _xScale == AxisScale.Log && xMin > 0;
        var xs = new double[Samples];
        var ys = new double[Samples];
        for (var i = 0; i < Samples; i++)
        {
            var t = i / (Samples - 1.0);
            xs[i] = geometric ? xMin * Math.Pow(xMax / xMin, t) : xMin + (xMax - xMin) * t;
            ys[i] = xs[i] > 0 ? y0 * Math.Pow(xs[i] / x0, exponent) : double.NaN;
        }
        return s with { X = xs, Y = ys };
    }

    private static void RequirePositive(PlotSeries series, double[] values, string axis)
    {
        for (var i = 0; i < values.Length; i++)
        {
            if (double.IsFinite(values[i]) && values[i] <= 0)
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                    $"Series '{series.Name}' has {axis}[{i}] = {values[i]:G6}, which a logarithmic {axis} axis cannot show. " +
                    $"Leave the point out (e.g. keep only positive errors) or use a linear axis."));
        }
    }

    private static string AxisTitle(string title, string? unit)
    {
        ArgumentNullException.ThrowIfNull(title);
        return string.IsNullOrEmpty(unit) ? title : $"{title} [{unit}]";
    }
}
