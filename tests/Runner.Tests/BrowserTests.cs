namespace Differentials.Runner.Tests;

/// <summary>Opens a report in headless Chromium with no network: the Plotly chart is drawn (an SVG with
/// class main-svg) and KaTeX typeset the markdown's math (spans with class katex, no katex-error).</summary>
[TestFixture]
public sealed class BrowserTests
{
    private const string Chromium = "/usr/bin/chromium";

    private static string[] ChromiumArguments(string profile) =>
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--user-data-dir=" + profile, "--virtual-time-budget=5000", "--window-size=1200,1600",
    ];

    [Test]
    public async Task ReportDrawsTheChartAndTypesetsTheMathOffline()
    {
        if (!File.Exists(Chromium))
            Assert.Ignore($"{Chromium} is absent (apt-get install chromium): the browser check of the reports is skipped.");
        var (notebooks, _, _) = await SharedRun.GetAsync();
        var report = new Uri(notebooks.ReportOf("passing", ".html")).AbsoluteUri;
        var profile = Directory.CreateTempSubdirectory("runner-chromium-").FullName;
        try
        {
            var dump = ProcessRunner.Run(TimeSpan.FromSeconds(90), Chromium, [.. ChromiumArguments(profile), "--dump-dom", report]);
            // The inline scripts mention these class names too: look at the elements only.
            var dom = System.Text.RegularExpressions.Regex.Replace(dump.Output, "<script[^>]*>.*?</script>", "", System.Text.RegularExpressions.RegexOptions.Singleline);
            Assert.That(dump.Output, Does.Contain("</html>"), "Chromium printed no DOM");
            Assert.That(dom, Does.Contain("class=\"main-svg\""), "plotly.js did not draw the chart");
            Assert.That(dom, Does.Contain("class=\"katex\""), "KaTeX did not typeset the math");
            Assert.That(dom, Does.Contain("class=\"katex-display\""), "KaTeX did not typeset the display equation");
            Assert.That(dom, Does.Not.Contain("katex-error"));

            var png = Path.Combine(notebooks.Root, "passing.png");
            ProcessRunner.Run(TimeSpan.FromSeconds(90), Chromium, [.. ChromiumArguments(profile), "--screenshot=" + png, report]);
            Assert.That(File.Exists(png), Is.True, "no screenshot was written");
            var bytes = File.ReadAllBytes(png);
            Assert.That(bytes.AsSpan(0, 8).ToArray(), Is.EqualTo(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }));
            // A blank 1200x1600 page compresses to a few kilobytes; text, a chart and equations do not.
            Assert.That(bytes.Length, Is.GreaterThan(40_000));
            TestContext.AddTestAttachment(png, "the passing notebook's report, as Chromium draws it");
        }
        finally
        {
            try { Directory.Delete(profile, recursive: true); } catch (IOException) { }
        }
    }
}
