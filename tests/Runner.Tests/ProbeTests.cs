using System.Text.Json.Nodes;

namespace Differentials.Runner.Tests;

/// <summary>Inputs that used to lose the user's files or pass what is wrong (issue 20), the backend line from
/// each notebook's own kernel (issue 15), compiler warnings in the outputs (issue 21) and sanitized markdown
/// (issue 18), planted together in one run.</summary>
[TestFixture]
public sealed class ProbeTests
{
    private const string StaleTemporary = ".plain.ipynb.0123456789abcdef0123456789abcdef.tmp";
    private const string OtherHiddenFile = ".notes.tmp";
    private const int Depth = 100;
    private TestNotebooks notebooks = null!;
    private Dictionary<string, string> before = null!;
    private RunnerResult result = null!;

    internal static string KernelAssembly
    {
        get
        {
            var root = RepositoryLocator.TryFind(TestNotebooks.TestDirectory)
                ?? throw new InvalidOperationException("the tests run outside the repository");
            return Path.Combine(root, "src", "Kernel", "bin", "Release", "net10.0", "Differentials.Kernel.dll");
        }
    }

    [OneTimeSetUp]
    public async Task RunTheProbes()
    {
        notebooks = new TestNotebooks("plain");
        File.Copy(notebooks.PathOf("plain"), notebooks.PathOf("index"));
        notebooks.Write("self-overwrite", "System.IO.File.AppendAllText(\"self-overwrite.ipynb\", \"\\n\");", "Console.WriteLine(\"after\");");
        var deep = JsonNode.Parse(File.ReadAllText(notebooks.Write("deep", "Console.WriteLine(\"deep\");")))!;
        JsonObject nested = new() { ["bottom"] = true };
        for (var i = 0; i < Depth; i++)
            nested = new JsonObject { ["level"] = nested };
        deep["metadata"]!["nested"] = nested;
        File.WriteAllText(notebooks.PathOf("deep"), deep.ToJsonString(new System.Text.Json.JsonSerializerOptions { MaxDepth = 1024 }));
        notebooks.Write("warning", "string? maybe = null;\nConsole.WriteLine(maybe is null);");
        notebooks.Write("markdown-scripts",
            "md:# Scripts in markdown\n\n<script>alert('md')</script>\n\n<img src=x onerror=\"alert(1)\">\n\n<iframe src=\"javascript:alert(2)\"></iframe>\n\n" +
            "[link](javascript:alert(3)) and <a href=\"JaVa&#x09;ScRiPt:alert(4)\">a</a> and <a href=\"https://example.org/\">kept</a>\n\n" +
            "<details><summary>Answer</summary>kept too</details>",
            "\"<div id=\\\"chart\\\"></div><script>window.chartRan = 1;</script>\".DisplayAs(\"text/html\");");
        var kernel = KernelAssembly;
        notebooks.Write("backend-switch", $"#r \"{kernel}\"", "Differentials.NumericBackend.UseFft(\"mathnet\");");
        notebooks.Write("backend-default", $"#r \"{kernel}\"", "Console.WriteLine(Differentials.NumericBackend.Fft);");
        Directory.CreateDirectory(notebooks.Output);
        File.WriteAllText(Path.Combine(notebooks.Output, StaleTemporary), "left by a killed run");
        File.WriteAllText(Path.Combine(notebooks.Output, OtherHiddenFile), "not the runner's");
        before = notebooks.Hashes();
        result = await RunnerHarness.RunAsync(notebooks.Root, "--no-build", "--output", notebooks.Output, notebooks.Folder);
    }

    [OneTimeTearDown]
    public void Delete() => notebooks.Dispose();

    private string Report(string name) => File.ReadAllText(Path.Combine(notebooks.Output, ReportNames.Html(notebooks.PathOf(name))));

    [Test]
    public void OnlyTheSelfOverwritingNotebookFails()
    {
        Assert.That(result.ExitCode, Is.EqualTo(RunnerApp.Failure), result.Output + result.Error);
        Assert.That(result.LastLine, Is.EqualTo("7 passed, 1 failed"));
    }

    [Test]
    public void ANotebookWhoseCellOverwritesItsSourceFails()
    {
        Assert.That(result.Output, Does.Match(@"\] self-overwrite\.ipynb FAILED in [\d.]+ s: .*self-overwrite\.ipynb changed while it ran"));
        Assert.That(File.ReadAllText(notebooks.ReportOf("index", ".html")), Does.Contain("a cell wrote to its own source notebook"));
        var others = before.Where(p => p.Key != "self-overwrite.ipynb").ToDictionary();
        Assert.That(notebooks.Hashes().Where(p => p.Key != "self-overwrite.ipynb").ToDictionary(), Is.EqualTo(others));
    }

    [Test]
    public void ANotebookNamedIndexKeepsItsReportBesideTheIndexPage()
    {
        Assert.That(Report("index"), Does.Contain("<title>index</title>").And.Contain("status: done"));
        var index = File.ReadAllText(notebooks.ReportOf("index", ".html"));
        Assert.That(index, Does.Contain("<h1>Notebook reports</h1>"));
        Assert.That(index, Does.Contain("<a href=\"index.notebook.html\">index</a>"));
        Assert.That(File.Exists(notebooks.ReportOf("index", ".ipynb")), Is.True);
    }

    [Test]
    public void JsonNestedDeeperThan64LevelsIsReadAndWritten()
    {
        Assert.That(result.Output, Does.Match(@"\] deep\.ipynb passed"));
        var executed = JsonNode.Parse(File.ReadAllText(notebooks.ReportOf("deep", ".ipynb")), documentOptions: new System.Text.Json.JsonDocumentOptions { MaxDepth = 1024 })!;
        var node = executed["metadata"]!["nested"];
        for (var i = 0; i < Depth; i++)
            node = node!["level"];
        Assert.That(node!["bottom"]!.GetValue<bool>(), Is.True);
    }

    [Test]
    public void StaleTemporariesOfTheRunnersNamingAreRemovedAndNothingElse()
    {
        Assert.That(File.Exists(Path.Combine(notebooks.Output, StaleTemporary)), Is.False);
        Assert.That(File.Exists(Path.Combine(notebooks.Output, OtherHiddenFile)), Is.True);
        Assert.That(result.Output, Does.Contain("Removed 1 temporary file(s)"));
        Assert.That(File.Exists(Path.Combine(notebooks.Output, OutputFolder.LockFileName)), Is.False, "the lock goes with the run");
    }

    [Test]
    public void EachReportSaysTheBackendItsOwnNotebookRanOn()
    {
        Assert.That(File.Exists(KernelAssembly), Is.True, $"{KernelAssembly} is built with the tests");
        Assert.That(Report("backend-switch"), Does.Match("numerical backend: linear algebra: [^<]*FFT: [^<]*mathnet"));
        Assert.That(Report("backend-default"), Does.Match("numerical backend: linear algebra: ").And.Not.Match("numerical backend: [^<]*mathnet"));
        Assert.That(Report("plain"), Does.Contain("numerical backend: none (the notebook did not load Differentials.Kernel)"));
        var index = File.ReadAllText(notebooks.ReportOf("index", ".html"));
        Assert.That(index, Does.Contain("<th>Backend</th>"));
    }

    [Test]
    public void TheRunnerItselfDoesNotReferenceTheKernel() =>
        Assert.That(typeof(RunnerApp).Assembly.GetReferencedAssemblies().Select(a => a.Name), Has.None.EqualTo(NotebookExecutor.KernelAssemblyName));

    [Test]
    public void ACompilerWarningIsShownOnStandardErrorAndTheCellPasses()
    {
        Assert.That(result.Output, Does.Match(@"\] warning\.ipynb passed"));
        Assert.That(notebooks.StreamText("warning", 0, "stderr"), Does.Match(@"^\(1,\d+\): warning CS8632: "));
        Assert.That(notebooks.StreamText("warning", 0, "stdout"), Is.EqualTo("True\n"));
        Assert.That(Report("warning"), Does.Contain("warning CS8632"));
    }

    [Test]
    public void MarkdownLosesScriptsHandlersAndJavascriptUrlsWhileChartHtmlIsKept()
    {
        var report = Report("markdown-scripts");
        var markdown = report[report.IndexOf("<section class=\"cell markdown\"", StringComparison.Ordinal)..report.IndexOf("<section class=\"cell code", StringComparison.Ordinal)];
        Assert.That(markdown, Does.Not.Contain("<script").And.Not.Contain("alert").And.Not.Contain("onerror")
            .And.Not.Contain("<iframe").IgnoreCase.And.Not.Contain("javascript").IgnoreCase);
        Assert.That(markdown, Does.Contain("<img src=\"x\">"));
        Assert.That(markdown, Does.Contain("<a href=\"https://example.org/\">kept</a>"));
        Assert.That(markdown, Does.Contain("<details><summary>Answer</summary>kept too</details>"));
        Assert.That(report, Does.Contain("<div id=\"chart\"></div><script>window.chartRan = 1;</script>"), "HTML outputs are not sanitized");
    }
}

/// <summary>The output folder is checked before anything runs (issue 20).</summary>
[TestFixture]
public sealed class OutputFolderTests
{
    private TestNotebooks notebooks = null!;

    [SetUp]
    public void Copy() => notebooks = new TestNotebooks("plain");

    [TearDown]
    public void Delete() => notebooks.Dispose();

    private void AssertNothingRanOrChanged(RunnerResult result, Dictionary<string, string> before)
    {
        Assert.That(result.ExitCode, Is.EqualTo(RunnerApp.UsageError), result.Output + result.Error);
        Assert.That(result.Output, Does.Not.Contain("Running"));
        Assert.That(notebooks.Hashes(), Is.EqualTo(before));
        Assert.That(Directory.EnumerateFiles(notebooks.Folder).Select(Path.GetFileName), Is.EquivalentTo(new[] { "plain.ipynb" }), "no index.html beside the sources");
    }

    [Test]
    public async Task OutputThatIsASymbolicLinkToTheNotebooksIsRefusedBeforeAnythingRuns()
    {
        var link = Path.Combine(notebooks.Root, "reports-link");
        Directory.CreateSymbolicLink(link, notebooks.Folder);
        var before = notebooks.Hashes();
        var result = await RunnerHarness.RunAsync(notebooks.Root, "--no-build", "--output", link, notebooks.PathOf("plain"));
        AssertNothingRanOrChanged(result, before);
        Assert.That(result.Error, Does.Contain("through a symbolic link").And.Contain("would overwrite it"));
    }

    [Test]
    public async Task OutputThatIsTheNotebooksFolderIsRefusedBeforeAnythingRuns()
    {
        var before = notebooks.Hashes();
        var result = await RunnerHarness.RunAsync(notebooks.Root, "--no-build", "--output", notebooks.Folder, notebooks.PathOf("plain"));
        AssertNothingRanOrChanged(result, before);
        Assert.That(result.Error, Does.Contain("is the folder of the source notebook"));
    }

    [TestCase("file")]
    [TestCase("/proc/runner-cannot-write-here")]
    [TestCase("")]
    public async Task AnUnwritableOutputIsAUsageErrorUpFront(string output)
    {
        if (output == "file")
        {
            output = Path.Combine(notebooks.Root, "a-file");
            File.WriteAllText(output, "");
        }
        var before = notebooks.Hashes();
        var result = await RunnerHarness.RunAsync(notebooks.Root, "--no-build", "--output", output, notebooks.PathOf("plain"));
        AssertNothingRanOrChanged(result, before);
        Assert.That(result.Error, Does.Contain("--output"));
    }

    [Test]
    public async Task ASecondRunnerOnTheSameOutputIsRefused()
    {
        Directory.CreateDirectory(notebooks.Output);
        using var held = new FileStream(Path.Combine(notebooks.Output, OutputFolder.LockFileName), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        var before = notebooks.Hashes();
        var result = await RunnerHarness.RunAsync(notebooks.Root, "--no-build", "--output", notebooks.Output, notebooks.PathOf("plain"));
        AssertNothingRanOrChanged(result, before);
        Assert.That(result.Error, Does.Contain("is in use by another runner"));
    }

    [Test]
    public async Task AWriteFailureLateInTheRunFailsCleanlyWithTheSummary()
    {
        // A folder where the index page goes: the run starts fine, and the last write fails.
        Directory.CreateDirectory(Path.Combine(notebooks.Output, ReportNames.Index));
        var result = await RunnerHarness.RunAsync(notebooks.Root, "--no-build", "--output", notebooks.Output, notebooks.PathOf("plain"));
        Assert.That(result.ExitCode, Is.EqualTo(RunnerApp.Failure), result.Output + result.Error);
        Assert.That(result.Error, Does.Contain("error: could not write " + Path.Combine(notebooks.Output, ReportNames.Index)));
        Assert.That(result.LastLine, Is.EqualTo("1 passed, 0 failed"));
        Assert.That(File.Exists(notebooks.ReportOf("plain", ".html")), Is.True);
    }
}
