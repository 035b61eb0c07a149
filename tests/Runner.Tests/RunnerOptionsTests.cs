namespace Differentials.Runner.Tests;

[TestFixture]
public sealed class RunnerOptionsTests
{
    [Test]
    public void DefaultsRunEverythingWithReportsAndABuild()
    {
        var options = RunnerOptions.Parse([]);
        Assert.That(options.Notebooks, Is.Empty);
        Assert.That(options.OutputDirectory, Is.Null);
        Assert.That(options.CellTimeout, Is.EqualTo(TimeSpan.FromSeconds(120)));
        Assert.That(options.NoReports || options.NoBuild || options.Help, Is.False);
        Assert.That(options.Jobs, Is.EqualTo(Environment.ProcessorCount));
        Assert.That(options.SanitizeHtml, Is.True);
        Assert.That(options.MemoryLimitBytes, Is.Null);
        Assert.That(options.MaxOutputChars, Is.EqualTo(4 << 20));
    }

    [Test]
    public void ParsesEveryOption()
    {
        var options = RunnerOptions.Parse(["01-*", "--output", "out", "--timeout", "2.5", "--no-reports", "--no-build", "b.ipynb",
            "--jobs", "3", "--memory-limit", "512", "--max-output", "2", "--no-sanitize-html"]);
        Assert.That(options.Jobs, Is.EqualTo(3));
        Assert.That(options.MemoryLimitBytes, Is.EqualTo(512L << 20));
        Assert.That(options.MaxOutputChars, Is.EqualTo(2 << 20));
        Assert.That(options.SanitizeHtml, Is.False);
        Assert.That(options.Notebooks, Is.EqualTo(new[] { "01-*", "b.ipynb" }));
        Assert.That(options.OutputDirectory, Is.EqualTo("out"));
        Assert.That(options.CellTimeout, Is.EqualTo(TimeSpan.FromSeconds(2.5)));
        Assert.That(options.NoReports && options.NoBuild, Is.True);
    }

    [TestCase("--timeout", "0")]
    [TestCase("--timeout", "-3")]
    [TestCase("--timeout", "soon")]
    [TestCase("--timeout", "5e6")]
    [TestCase("--timeout", "1e300")]
    [TestCase("--timeout", "1e-300")]
    [TestCase("--output", "")]
    [TestCase("--jobs", "0")]
    [TestCase("--jobs", "many")]
    [TestCase("--memory-limit", "1")]
    [TestCase("--max-output", "0")]
    [TestCase("--frobnicate")]
    [TestCase("--output")]
    public void RejectsBadCommandLines(params string[] args) =>
        Assert.That(() => RunnerOptions.Parse(args), Throws.TypeOf<RunnerOptionsException>().With.Message.Contains(args[0]));

    [Test]
    public async Task HelpPrintsUsageAndSucceeds()
    {
        var result = await RunnerHarness.RunAsync(Path.GetTempPath(), "--help");
        Assert.That(result.ExitCode, Is.EqualTo(RunnerApp.Success));
        Assert.That(result.Output, Does.Contain("--timeout SECONDS").And.Contain("--no-reports").And.Contain("--no-build").And.Contain("--output DIR"));
    }

    [Test]
    public async Task BadCommandLineExitsWithUsageError()
    {
        var result = await RunnerHarness.RunAsync(Path.GetTempPath(), "--timeout", "never");
        Assert.That(result.ExitCode, Is.EqualTo(RunnerApp.UsageError));
        Assert.That(result.Error, Does.Contain("--timeout takes a positive number of seconds; got \"never\""));
    }
}
