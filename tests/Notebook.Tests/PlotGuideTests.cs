using System.Text.Json;
using Differentials.Notebook;
using Differentials.Verification;

namespace Differentials.Notebook.Tests;

/// <summary>Guides drawn over the data: power laws for orders of convergence, sweeps from the verification tools.</summary>
public class PlotGuideTests
{
    private static JsonElement Series(ChartView chart, int index) =>
        JsonDocument.Parse(chart.FigureJson).RootElement.GetProperty("data")[index];

    private static double[] Numbers(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetDouble())];

    [Test]
    public void PowerLawPassesThroughItsAnchorWithItsSlopeAcrossTheData()
    {
        var chart = Plot.LogLog("t", "h", "error")
            .Line("data", [1e-4, 1e-1], [1e-8, 1e-2])
            .PowerLaw("O(h²)", 2, 1e-2, 1e-4)
            .Render();

        var guide = Series(chart, 1);
        var x = Numbers(guide.GetProperty("x"));
        var y = Numbers(guide.GetProperty("y"));
        Assert.That(guide.GetProperty("line").GetProperty("dash").GetString(), Is.EqualTo("dash"));
        Assert.That(x[0], Is.EqualTo(1e-4).Within(1e-15));
        Assert.That(x[^1], Is.EqualTo(1e-1).Within(1e-12));
        for (var i = 0; i < x.Length; i++)
            Assert.That(y[i], Is.EqualTo(1e-4 * Math.Pow(x[i] / 1e-2, 2)).Within(1e-12).Percent);
        // Geometric sampling on a log axis: constant ratio between neighbours.
        Assert.That(x[1] / x[0], Is.EqualTo(x[^1] / x[^2]).Within(1e-9).Percent);
    }

    [Test]
    public void PowerLawStopsWhereItWouldLeaveTheDataRange()
    {
        // y = 1e-2 (x / 1e-1)² reaches the data's lowest error 1e-6 at x = 1e-3.
        var chart = Plot.LogLog("t", "h", "error")
            .Line("data", [1e-5, 1e-3, 1e-1], [1e-5, 1e-6, 1e-2])
            .PowerLaw("O(h²)", 2, 1e-1, 1e-2)
            .Render();

        var x = Numbers(Series(chart, 1).GetProperty("x"));
        var y = Numbers(Series(chart, 1).GetProperty("y"));
        Assert.That(x[0], Is.EqualTo(1e-3).Within(1e-9).Percent);
        Assert.That(x[^1], Is.EqualTo(1e-1).Within(1e-9).Percent);
        Assert.That(y.Min(), Is.EqualTo(1e-6).Within(1e-9).Percent);
    }

    [Test]
    public void PowerLawNeedsAPositiveAnchor()
    {
        var e = Assert.Throws<ArgumentException>(() => new Plot().PowerLaw("O(h)", 1, 0, 1));
        Assert.That(e!.Message, Does.Contain("'O(h)'"));
        Assert.Throws<ArgumentException>(() => new Plot().PowerLaw("O(h)", double.NaN, 1, 1));
    }

    [Test]
    public void SweepIsDrawnAsStepAgainstErrorWithMarkers()
    {
        StepError[] sweep = [new(1e-1, 3e-2), new(1e-2, 3e-4), new(1e-3, 3e-6)];

        var series = Series(Plot.LogLog("t", "h", "error").Line("central", sweep).Render(), 0);

        Assert.That(Numbers(series.GetProperty("x")), Is.EqualTo(new[] { 1e-1, 1e-2, 1e-3 }));
        Assert.That(Numbers(series.GetProperty("y")), Is.EqualTo(new[] { 3e-2, 3e-4, 3e-6 }));
        Assert.That(series.GetProperty("mode").GetString(), Is.EqualTo("lines+markers"));
    }

    [Test]
    public void EmptySweepIsRejected()
    {
        Assert.Throws<ArgumentException>(() => new Plot().Line("none", Array.Empty<StepError>()));
    }
}
