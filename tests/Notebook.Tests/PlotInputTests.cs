using System.Text.Json;
using Differentials.Notebook;

namespace Differentials.Notebook.Tests;

/// <summary>Bad input: clear exceptions naming the series and the problem; non-finite values become gaps.</summary>
public class PlotInputTests
{
    [Test]
    public void MismatchedLengthsNameTheSeriesAndBothLengths()
    {
        var e = Assert.Throws<ArgumentException>(() => new Plot().Line("forward", [1.0, 2, 3], [1.0, 2]));
        Assert.That(e!.Message, Does.Contain("'forward'").And.Contain("3 x values").And.Contain("2 y values"));
    }

    [Test]
    public void EmptySeriesIsRejected()
    {
        var e = Assert.Throws<ArgumentException>(() => new Plot().Scatter("nothing", [], []));
        Assert.That(e!.Message, Does.Contain("'nothing'").And.Contain("empty"));
    }

    [Test]
    public void SeriesWithoutAnyFinitePointIsRejected()
    {
        var e = Assert.Throws<ArgumentException>(() =>
            new Plot().Line("diverged", [1.0, 2], [double.NaN, double.PositiveInfinity]));
        Assert.That(e!.Message, Does.Contain("'diverged'").And.Contain("finite"));
    }

    [Test]
    public void NullArgumentsAreRejected()
    {
        Assert.Throws<ArgumentNullException>(() => new Plot().Line(null!, [1.0], [1.0]));
        Assert.Throws<ArgumentNullException>(() => new Plot().Line("a", null!, [1.0]));
        Assert.Throws<ArgumentNullException>(() => new Plot().Bar("a", [1.0], null!));
    }

    [Test]
    public void NonPositiveValueOnALogAxisNamesSeriesAxisAndIndex()
    {
        var plot = Plot.LogLog("t", "h", "error").Line("exact", [1e-3, 1e-2, 1e-1], [1e-9, 0.0, 1e-7]);

        var e = Assert.Throws<ArgumentException>(() => plot.Render());
        Assert.That(e!.Message, Does.Contain("'exact'").And.Contain("y[1] = 0").And.Contain("logarithmic y axis"));
    }

    [Test]
    public void NegativeAbscissaOnALogXAxisIsRejected()
    {
        var plot = new Plot().XAxis("h", scale: AxisScale.Log).Line("a", [-1.0, 1.0], [1.0, 2.0]);

        var e = Assert.Throws<ArgumentException>(() => plot.Render());
        Assert.That(e!.Message, Does.Contain("x[0] = -1"));
    }

    [Test]
    public void ToleranceLineAtZeroOnALogAxisIsRejected()
    {
        var plot = Plot.LogLog("t", "h", "error").Line("a", [1.0, 2.0], [1.0, 2.0]).HorizontalLine("floor", 0.0);

        var e = Assert.Throws<ArgumentException>(() => plot.Render());
        Assert.That(e!.Message, Does.Contain("'floor'"));
    }

    [Test]
    public void NegativeValuesAreFineOnLinearAxes()
    {
        Assert.DoesNotThrow(() => new Plot().Line("a", [-1.0, 0.0, 1.0], [-2.0, 0.0, 2.0]).Render());
    }

    [Test]
    public void NonFiniteValuesBecomeGapsEvenOnLogAxes()
    {
        var chart = Plot.LogLog("t", "h", "error")
            .Line("a", [1e-3, 1e-2, 1e-1, 1.0], [1e-6, double.NaN, double.PositiveInfinity, 1e-3]).Render();

        var y = JsonDocument.Parse(chart.FigureJson).RootElement.GetProperty("data")[0].GetProperty("y");
        Assert.That(y[0].GetDouble(), Is.EqualTo(1e-6));
        Assert.That(y[3].GetDouble(), Is.EqualTo(1e-3));
        // plotly.js draws anything that is not a number as a gap.
        Assert.That(y[1].ValueKind, Is.Not.EqualTo(JsonValueKind.Number));
        Assert.That(y[2].ValueKind, Is.Not.EqualTo(JsonValueKind.Number));
    }

    [Test]
    public void NonFiniteHorizontalLineIsRejected()
    {
        Assert.Throws<ArgumentException>(() => new Plot().HorizontalLine("tolerance", double.NaN));
    }

    [Test]
    public void PlotWithoutDataSeriesCannotRender()
    {
        var e = Assert.Throws<InvalidOperationException>(() => new Plot("t").HorizontalLine("tolerance", 1e-8).Render());
        Assert.That(e!.Message, Does.Contain("no data series"));
    }

    [Test]
    public void SizeMustBePositive()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Plot().Size(-1, 300));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Plot().Size(400, 0));
    }

    [Test]
    public void WrapRejectsDivIdsThatCouldBreakTheMarkup()
    {
        Assert.Throws<ArgumentException>(() => ChartHtml.Wrap("a\" onload=\"x", "{\"data\":[]}", 300));
        Assert.Throws<ArgumentException>(() => ChartHtml.Wrap("", "{\"data\":[]}", 300));
        Assert.Throws<ArgumentException>(() => ChartHtml.Wrap("ok", " ", 300));
        Assert.Throws<ArgumentOutOfRangeException>(() => ChartHtml.Wrap("ok", "{}", 0));
    }
}
