using System.Diagnostics;
using System.Text.RegularExpressions;
using Differentials.Notebook;
using Differentials.Notebook.Charts;

namespace Differentials.Notebook.Tests;

/// <summary>
/// Pages of chart outputs opened in headless Chromium with the network cut off (a dead proxy): a first chart that
/// carries plotly.js draws, and so do the charts after it that carry none, on a page with require.js (as in
/// Jupyter's HTML export) and on a page that already inlines plotly.js in its head (as the runner's reports do).
/// </summary>
[NonParallelizable]
public sealed partial class ChartInlineBrowserTests
{
    private const string Chromium = "/usr/bin/chromium";
    private const string DebianRequireJs = "/usr/share/javascript/requirejs/require.min.js";

    // Stands in for require.js where Debian's libjs-requirejs is absent: an AMD define that, like require.js's for an
    // inline script, never runs the factory, so a bundle that takes the AMD branch leaves window.Plotly unset.
    private const string AmdStub = "window.define = function () {}; window.define.amd = {}; window.require = function () {};";

    private string _folder = "";

    [SetUp]
    public void RequireChromium()
    {
        if (!File.Exists(Chromium))
            Assert.Ignore($"{Chromium} is absent (apt-get install chromium): the offline browser check of inlined plotly.js is skipped.");
        _folder = Directory.CreateTempSubdirectory("chart-inline-").FullName;
    }

    [TearDown]
    public void RemoveFolder()
    {
        if (_folder.Length > 0)
        {
            try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
        }
    }

    private static (ChartView First, ChartView Second, ChartView Third) ThreeCharts()
    {
        var embedding = new PlotlyJsEmbedding(() => "inline");
        var first = Plot.Linear("first", "x", "y").Line("a", [1.0, 2.0, 3.0], [1.0, 4.0, 9.0]).RenderWith(embedding);
        var second = Plot.LogLog("second", "h", "error").Line("b", [1e-3, 1e-2, 1e-1], [1e-6, 1e-4, 1e-2]).RenderWith(embedding);
        var third = new Plot("third").Bar("c", [1.0, 2.0], [3.0, 1.0]).RenderWith(embedding);
        Assert.That((first.CarriesPlotlyJs, second.CarriesPlotlyJs, third.CarriesPlotlyJs), Is.EqualTo((true, false, false)));
        return (first, second, third);
    }

    [Test]
    public void ChartsDrawOfflineOnAPageWithRequireJs()
    {
        var (first, second, third) = ThreeCharts();
        var amd = File.Exists(DebianRequireJs)
            ? $"<script src=\"{new Uri(DebianRequireJs).AbsoluteUri}\"></script>"
            : $"<script>{AmdStub}</script>";
        var dom = Open("require.html", $"<!DOCTYPE html><html><head><meta charset=\"utf-8\">{amd}</head><body>\n" +
            $"{first.Html}<p>text between</p>{second.Html}{third.Html}</body></html>");

        Assert.That(dom, Does.Contain("data-amd=\"function\""), "the page had no AMD loader, so the test proves nothing");
        AssertDrawn(dom, first, second, third);
    }

    [Test]
    public void AChartCarryingPlotlyJsStillDrawsInAPageThatInlinesItInTheHead()
    {
        var (first, second, third) = ThreeCharts();
        var dom = Open("report.html", "<!DOCTYPE html><html><head><meta charset=\"utf-8\">\n" +
            $"<script>\n{ChartPlugin.PlotlyJs}\n</script>\n<script>window.headPlotly = window.Plotly;</script></head><body>\n" +
            $"{first.Html}{second.Html}{third.Html}" +
            "<script>document.body.setAttribute('data-same-plotly', String(window.Plotly === window.headPlotly));</script></body></html>");

        AssertDrawn(dom, first, second, third);
        Assert.That(dom, Does.Contain("data-same-plotly=\"true\""), "the chart's copy of plotly.js replaced the page's");
    }

    private static void AssertDrawn(string dom, params ChartView[] charts)
    {
        foreach (var chart in charts)
        {
            // plotly.js marks the div it drew into and fills it with its SVG layers.
            var div = Regex.Match(dom, $"<div id=\"{chart.DivId}\"[^>]*class=\"[^\"]*js-plotly-plot[^\"]*\"[^>]*>(.*?)</svg>", RegexOptions.Singleline);
            Assert.That(div.Success, Is.True, $"chart {chart.DivId} was not drawn");
            Assert.That(div.Groups[1].Value, Does.Contain("class=\"main-svg\""), $"chart {chart.DivId} has no plot SVG");
        }
    }

    /// <summary>Writes the page and returns the DOM Chromium holds after running its scripts, scripts removed.</summary>
    private string Open(string fileName, string html)
    {
        // Marks whether an AMD define was present while the charts ran, for the require.js case.
        html = html.Replace("</body>", "<script>document.body.setAttribute('data-amd', typeof window.define);</script></body>", StringComparison.Ordinal);
        var page = Path.Combine(_folder, fileName);
        File.WriteAllText(page, html);
        var profile = Path.Combine(_folder, "profile-" + Path.GetFileNameWithoutExtension(fileName));
        var start = new ProcessStartInfo(Chromium)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])[
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run", "--proxy-server=127.0.0.1:9", "--user-data-dir=" + profile,
            "--virtual-time-budget=5000", "--window-size=1200,1600", "--dump-dom", new Uri(page).AbsoluteUri])
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{Chromium} did not start.");
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(90)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{Chromium} did not finish within 90 s");
        }
        var dump = output.Result;
        Assert.That(dump, Does.Contain("</html>"), $"Chromium printed no DOM (exit {process.ExitCode}): {error.Result}");
        return ScriptElement().Replace(dump, "");
    }

    [GeneratedRegex("<script[^>]*>.*?</script>", RegexOptions.Singleline)]
    private static partial Regex ScriptElement();
}
