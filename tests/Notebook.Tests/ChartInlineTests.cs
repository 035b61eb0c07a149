using Differentials.Notebook;
using Differentials.Notebook.Charts;

namespace Differentials.Notebook.Tests;

/// <summary>
/// The option that makes a notebook's first chart carry plotly.js inline (for HTML exported offline) and the charts
/// after it reuse that copy: off by default, on through <see cref="Plot.EmbedPlotlyJs"/> or DIFFERENTIALS_PLOTLYJS=inline.
/// </summary>
[NonParallelizable]
public class ChartInlineTests
{
    private const string PlotlyBanner = "plotly.js v" + ChartHtml.PlotlyVersion;

    private static Plot Chart() => Plot.Linear("t", "x", "y").Line("a", [1.0, 2.0, 3.0], [1.0, 4.0, 9.0]);

    private static void AssertCarries(ChartView chart)
    {
        Assert.That(chart.CarriesPlotlyJs, Is.True);
        Assert.That(chart.Html, Does.Contain(PlotlyBanner));
        // The whole script, not a reference to it: plotly.min.js 2.28 is 3.6 MB.
        Assert.That(chart.Html.Length, Is.GreaterThan(3_000_000));
        Assert.That(chart.Html.IndexOf("(function (define, exports, module) {", StringComparison.Ordinal),
            Is.LessThan(chart.Html.IndexOf("Plotly.newPlot(", StringComparison.Ordinal)), "plotly.js must be defined before the chart draws");
    }

    private static void AssertReuses(ChartView chart)
    {
        Assert.That(chart.CarriesPlotlyJs, Is.False);
        Assert.That(chart.Html, Does.Not.Contain(PlotlyBanner));
        Assert.That(chart.Html.Length, Is.LessThan(20_000));
        Assert.That(chart.Html, Does.Contain("if (window.Plotly) { draw(window.Plotly); return; }"));
    }

    [TestCase(null, false)]
    [TestCase("", false)]
    [TestCase("cdn", false)]
    [TestCase("CDN", false)]
    [TestCase("inline", true)]
    [TestCase(" Inline ", true)]
    public void VariableValuesAreRead(string? value, bool inline) =>
        Assert.That(PlotlyJsEmbedding.ParseInline(value), Is.EqualTo(inline));

    [TestCase("yes")]
    [TestCase("1")]
    [TestCase("offline")]
    public void OtherVariableValuesAreRejectedByName(string value)
    {
        var e = Assert.Throws<InvalidOperationException>(() => PlotlyJsEmbedding.ParseInline(value));
        Assert.That(e!.Message, Does.Contain(PlotlyJsEmbedding.EnvironmentVariable).And.Contain($"'{value}'").And.Contain("inline").And.Contain("cdn"));
    }

    [Test]
    public void WithTheVariableUnsetNoChartCarriesPlotlyJs()
    {
        var embedding = new PlotlyJsEmbedding(() => null);

        AssertReuses(Chart().RenderWith(embedding));
        AssertReuses(Chart().RenderWith(embedding));
    }

    [Test]
    public void WithTheVariableInlineOnlyTheFirstChartCarriesPlotlyJs()
    {
        var embedding = new PlotlyJsEmbedding(() => "inline");

        AssertCarries(Chart().RenderWith(embedding));
        AssertReuses(Chart().RenderWith(embedding));
        AssertReuses(Chart().RenderWith(embedding));
    }

    [Test]
    public void TheVariableIsReadOnceAtTheFirstChartAndNotAfterAnExplicitCall()
    {
        var reads = 0;
        var embedding = new PlotlyJsEmbedding(() => { reads++; return "inline"; });
        Assert.That(reads, Is.Zero, "read before any chart");
        Chart().RenderWith(embedding);
        Chart().RenderWith(embedding);
        Assert.That(reads, Is.EqualTo(1));

        var decided = new PlotlyJsEmbedding(() => { reads++; return "inline"; });
        decided.Enable(false);
        AssertReuses(Chart().RenderWith(decided));
        Assert.That(reads, Is.EqualTo(1), "an explicit choice must win over the variable");
    }

    [Test]
    public void EnablingAgainMakesTheNextChartCarryPlotlyJsAgainAndDisablingStopsIt()
    {
        var embedding = new PlotlyJsEmbedding(() => null);

        embedding.Enable(true);
        AssertCarries(Chart().RenderWith(embedding));
        AssertReuses(Chart().RenderWith(embedding));
        // A notebook re-run from the top in the same kernel calls it again in its first cell.
        embedding.Enable(true);
        AssertCarries(Chart().RenderWith(embedding));
        embedding.Enable(true);
        embedding.Enable(false);
        AssertReuses(Chart().RenderWith(embedding));
    }

    [Test]
    public void ABadVariableFailsTheChartByNameUnlessTheNotebookChoseExplicitly()
    {
        var embedding = new PlotlyJsEmbedding(() => "offline");

        var e = Assert.Throws<InvalidOperationException>(() => Chart().RenderWith(embedding));
        Assert.That(e!.Message, Does.Contain(PlotlyJsEmbedding.EnvironmentVariable));
        embedding.Enable(true);
        AssertCarries(Chart().RenderWith(embedding));
    }

    [Test]
    public void AChartThatFailsToRenderDoesNotUseUpTheTurn()
    {
        var embedding = new PlotlyJsEmbedding(() => "inline");

        Assert.Throws<ArgumentException>(() => Plot.LogLog("t", "h", "e").Line("a", [1.0, 2.0], [0.0, 1.0]).RenderWith(embedding));
        AssertCarries(Chart().RenderWith(embedding));
    }

    [Test]
    public void WarmUpAndTheCdnDefaultNeverCarryPlotlyJs() =>
        AssertReuses(Chart().RenderWith(embedding: null));

    [Test]
    public void PublicCallTurnsTheProcessSettingOnForTheNextChartOnly()
    {
        try
        {
            Plot.EmbedPlotlyJs();
            AssertCarries(Chart().Render());
            AssertReuses(Chart().Render());
        }
        finally
        {
            Plot.EmbedPlotlyJs(false);
        }
        AssertReuses(Chart().Render());
    }

    [Test]
    public void ThePluginHandsOutThePlotlyJsTheFragmentsAreWrittenFor()
    {
        var script = ChartPlugin.PlotlyJs;

        Assert.That(script, Does.StartWith("/**\n* " + PlotlyBanner + "\n"));
        Assert.That(script, Does.Contain("t.Plotly=e()"), "the UMD global branch the inline wrapper relies on");
        Assert.That(ChartPlugin.PlotlyJs, Is.SameAs(script), "read once per process");
    }

    [Test]
    public void InlineScriptCannotCloseItsElementEarly()
    {
        var html = ChartHtml.Wrap("c", "{\"data\":[],\"layout\":{}}", 300, 0, "var s = '</script><b>x</b>'; var t = '</SCRIPT>';");

        Assert.That(html, Does.Contain("var s = '<\\/script><b>x</b>'; var t = '<\\/SCRIPT>';"));
        Assert.That(System.Text.RegularExpressions.Regex.Matches(html, "</script", System.Text.RegularExpressions.RegexOptions.IgnoreCase), Has.Count.EqualTo(2));
    }

    [Test]
    public void BlankPlotlyJsIsRejected()
    {
        var e = Assert.Throws<ArgumentException>(() => ChartHtml.Wrap("c", "{}", 300, 0, "  "));
        Assert.That(e!.ParamName, Is.EqualTo("plotlyJs"));
    }
}
