using System.Text.Json;
using Differentials.Notebook;

namespace Differentials.Notebook.Tests;

public class PlotTests
{
    private static readonly double[] H = [1e-1, 1e-2, 1e-3, 1e-4];
    private static readonly double[] Forward = [3e-2, 3.1e-3, 2.9e-4, 3.3e-5];
    private static readonly double[] Central = [1.5e-3, 1.6e-5, 1.7e-7, 1.4e-9];

    private static Plot TwoSeriesLogLog() =>
        Plot.LogLog("Difference quotients", "step h", "relative error")
            .Line("forward", H, Forward)
            .Line("central", H, Central, LineDash.Dot, markers: true)
            .HorizontalLine("tolerance", 1e-6);

    private static JsonElement Figure(ChartView chart) => JsonDocument.Parse(chart.FigureJson).RootElement;

    private static double[] Numbers(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetDouble())];

    [Test]
    public void HtmlDrawsIntoItsOwnDivWithPlotlyNewPlot()
    {
        var chart = TwoSeriesLogLog().Render();

        Assert.That(chart.Html, Does.Contain($"<div id=\"{chart.DivId}\""));
        Assert.That(chart.Html, Does.Contain($"Plotly.newPlot('{chart.DivId}'"));
        Assert.That(chart.ToString(), Is.EqualTo(chart.Html));
    }

    [Test]
    public void HtmlLoadsPlotlyOnlyWhenThePageHasNone()
    {
        var html = TwoSeriesLogLog().Render().Html;

        Assert.That(html, Does.Contain("if (window.Plotly) { draw(window.Plotly); return; }"));
        Assert.That(html, Does.Contain("typeof require === 'function'"));
        Assert.That(html, Does.Contain("https://cdn.plot.ly/plotly-2.28.0.min"));
        Assert.That(html, Does.Contain("document.createElement('script')"));
    }

    [Test]
    public void EveryRenderingGetsAFreshDivId()
    {
        var plot = TwoSeriesLogLog();
        var first = plot.Render();
        var second = plot.Render();
        Assert.That(second.DivId, Is.Not.EqualTo(first.DivId));
    }

    [Test]
    public void FigureHoldsTheSeriesDataAndNames()
    {
        var data = Figure(TwoSeriesLogLog().Render()).GetProperty("data");

        Assert.That(data.GetArrayLength(), Is.EqualTo(3));
        Assert.That(data[0].GetProperty("name").GetString(), Is.EqualTo("forward"));
        Assert.That(Numbers(data[0].GetProperty("x")), Is.EqualTo(H));
        Assert.That(Numbers(data[0].GetProperty("y")), Is.EqualTo(Forward));
        Assert.That(data[1].GetProperty("name").GetString(), Is.EqualTo("central"));
        Assert.That(Numbers(data[1].GetProperty("y")), Is.EqualTo(Central));
        Assert.That(data[1].GetProperty("mode").GetString(), Is.EqualTo("lines+markers"));
        Assert.That(data[1].GetProperty("line").GetProperty("dash").GetString(), Is.EqualTo("dot"));
    }

    [Test]
    public void HorizontalLineIsDashedAndSpansTheDataRange()
    {
        var line = Figure(TwoSeriesLogLog().Render()).GetProperty("data")[2];

        Assert.That(line.GetProperty("name").GetString(), Is.EqualTo("tolerance"));
        Assert.That(Numbers(line.GetProperty("x")), Is.EqualTo(new[] { 1e-4, 1e-1 }));
        Assert.That(Numbers(line.GetProperty("y")), Is.EqualTo(new[] { 1e-6, 1e-6 }));
        Assert.That(line.GetProperty("line").GetProperty("dash").GetString(), Is.EqualTo("dash"));
    }

    [Test]
    public void LayoutHasTitlesLogAxesAndLegend()
    {
        var layout = Figure(TwoSeriesLogLog().Render()).GetProperty("layout");

        Assert.That(layout.GetProperty("title").GetProperty("text").GetString(), Is.EqualTo("Difference quotients"));
        Assert.That(layout.GetProperty("xaxis").GetProperty("title").GetProperty("text").GetString(), Is.EqualTo("step h"));
        Assert.That(layout.GetProperty("yaxis").GetProperty("title").GetProperty("text").GetString(), Is.EqualTo("relative error"));
        Assert.That(layout.GetProperty("xaxis").GetProperty("type").GetString(), Is.EqualTo("log"));
        Assert.That(layout.GetProperty("yaxis").GetProperty("type").GetString(), Is.EqualTo("log"));
        Assert.That(layout.GetProperty("legend").GetProperty("visible").GetBoolean(), Is.True);
        Assert.That(layout.GetProperty("yaxis").GetProperty("exponentformat").GetString(), Is.EqualTo("power"));
    }

    [Test]
    public void AxisUnitsAreShownInBracketsAndLinearAxesAreNotLog()
    {
        var layout = Figure(new Plot("motion").XAxis("time", "s").YAxis("position", "m")
            .Scatter("samples", [0.0, 1, 2], [0.0, 4.9, 19.6]).Legend(false).Render()).GetProperty("layout");

        Assert.That(layout.GetProperty("xaxis").GetProperty("title").GetProperty("text").GetString(), Is.EqualTo("time [s]"));
        Assert.That(layout.GetProperty("yaxis").GetProperty("title").GetProperty("text").GetString(), Is.EqualTo("position [m]"));
        Assert.That(layout.GetProperty("xaxis").GetProperty("type").GetString(), Is.Not.EqualTo("log"));
        Assert.That(layout.GetProperty("legend").GetProperty("visible").GetBoolean(), Is.False);
    }

    [Test]
    public void ScatterDrawsMarkersAndBarDrawsBars()
    {
        var data = Figure(new Plot().Scatter("points", [1.0, 2], [3.0, 4]).Bar("counts", [1.0, 2], [5.0, 6]).Render())
            .GetProperty("data");

        Assert.That(data[0].GetProperty("mode").GetString(), Is.EqualTo("markers"));
        Assert.That(data[1].GetProperty("type").GetString(), Is.EqualTo("bar"));
        Assert.That(Numbers(data[1].GetProperty("y")), Is.EqualTo(new[] { 5.0, 6.0 }));
    }

    [Test]
    public void SizeFixesWidthAndHeightOtherwiseTheChartFillsTheOutput()
    {
        var fill = TwoSeriesLogLog().Render();
        var fixedSize = TwoSeriesLogLog().Size(500, 300).Render();

        Assert.That(Figure(fill).GetProperty("layout").TryGetProperty("width", out _), Is.False);
        Assert.That(fill.Html, Does.Contain("width:100%;height:420px;"));
        Assert.That(Figure(fixedSize).GetProperty("layout").GetProperty("width").GetInt32(), Is.EqualTo(500));
        Assert.That(fixedSize.Html, Does.Contain("width:500px;height:300px;"));
    }

    [Test]
    public void TextCannotCloseTheScriptElement()
    {
        var chart = new Plot("</script><script>alert(1)</script>").Line("a & <b>", [1.0, 2], [1.0, 2]).Render();

        Assert.That(chart.Html, Does.Not.Contain("</script><script>alert"));
        Assert.That(chart.Html, Does.Not.Contain("<b>"));
        // The figure itself keeps the text unchanged: escaping happens only where it enters the script.
        Assert.That(Figure(chart).GetProperty("layout").GetProperty("title").GetProperty("text").GetString(),
            Is.EqualTo("</script><script>alert(1)</script>"));
    }

    [Test]
    public void RenderedChartIsASnapshotOfThePlot()
    {
        var plot = new Plot("before").Line("a", [1.0, 2], [1.0, 2]);
        var chart = plot.Render();
        plot.Title("after");

        Assert.That(chart.FigureJson, Does.Contain("before"));
        Assert.That(chart.FigureJson, Does.Not.Contain("after"));
    }

    [Test]
    public void InputArraysAreCopiedWhenAdded()
    {
        double[] y = [1.0, 2.0];
        var plot = new Plot().Line("a", [1.0, 2.0], y);
        y[1] = 99.0;

        Assert.That(Numbers(Figure(plot.Render()).GetProperty("data")[0].GetProperty("y")), Is.EqualTo(new[] { 1.0, 2.0 }));
    }
}
