namespace Differentials.Runner.Tests;

/// <summary>The runner inside a repository: finding its root, its notebooks folder, and the build step.</summary>
[TestFixture]
public sealed class RepositoryTests
{
    private string root = null!;

    [SetUp]
    public void CreateRepository()
    {
        root = Directory.CreateTempSubdirectory("runner-repo-").FullName;
        File.WriteAllText(Path.Combine(root, "Workbook.sln"), "");
    }

    [TearDown]
    public void DeleteRepository() => Directory.Delete(root, recursive: true);

    [Test]
    public void FindsTheRootFromASubfolder()
    {
        var deep = Directory.CreateDirectory(Path.Combine(root, "a", "b")).FullName;
        Assert.That(RepositoryLocator.TryFind(deep), Is.EqualTo(root));
    }

    [Test]
    public async Task MissingNotebooksFolderIsReported()
    {
        var result = await RunnerHarness.RunAsync(root, "--no-build");
        Assert.That(result.ExitCode, Is.EqualTo(RunnerApp.Failure));
        Assert.That(result.Error, Does.Contain("Notebook folder not found: " + Path.Combine(root, "notebooks")));
        Assert.That(result.LastLine, Is.EqualTo("0 passed, 1 failed"));
    }

    [Test]
    public async Task NotebooksWhoseReportsWouldCollideAreRefused()
    {
        var first = Directory.CreateDirectory(Path.Combine(root, "one")).FullName;
        var second = Directory.CreateDirectory(Path.Combine(root, "two")).FullName;
        foreach (var folder in new[] { first, second })
            File.Copy(Path.Combine(TestContext.CurrentContext.TestDirectory, "Notebooks", "plain.ipynb"), Path.Combine(folder, "plain.ipynb"));
        var result = await RunnerHarness.RunAsync(root, "--no-build", Path.Combine(first, "plain.ipynb"), Path.Combine(second, "plain.ipynb"));
        Assert.That(result.ExitCode, Is.EqualTo(RunnerApp.Failure));
        Assert.That(result.Error, Does.Contain("Two selected notebooks would both have the report plain.html"));
        Assert.That(result.LastLine, Is.EqualTo("0 passed, 2 failed"));
    }

    [Test]
    public async Task FailedLibraryBuildSaysWhatToBuild()
    {
        Directory.CreateDirectory(Path.Combine(root, "notebooks"));
        File.Copy(Path.Combine(TestContext.CurrentContext.TestDirectory, "Notebooks", "plain.ipynb"), Path.Combine(root, "notebooks", "plain.ipynb"));
        // No src/Notebook/Notebook.csproj here, so the build step fails without starting dotnet.
        var result = await RunnerHarness.RunAsync(root);
        Assert.That(result.ExitCode, Is.EqualTo(RunnerApp.Failure));
        Assert.That(result.Error, Does.Contain("dotnet build src/Notebook/Notebook.csproj -c Release"));
        Assert.That(result.LastLine, Is.EqualTo("0 passed, 1 failed"));
        Assert.That(Directory.Exists(Path.Combine(root, "artifacts")), Is.False, "nothing runs or is written after a failed build");
    }

    [Test]
    public async Task BuildFailureOutputIsShown()
    {
        var project = Path.Combine(root, "Broken.csproj");
        File.WriteAllText(project, "<Project><Target Name=\"Build\"><Error Text=\"deliberately broken project\" /></Target></Project>");
        var result = await NotebookLibraryBuilder.BuildAsync(project);
        Assert.That(result.Succeeded, Is.False);
        Assert.That(result.Output, Does.Contain("deliberately broken project"));
    }

    [Test]
    public async Task NoReportsExecutesWithoutWritingAndDefaultsToTheRepositoryNotebooks()
    {
        await SharedRun.GetAsync(); // warm kernel
        Directory.CreateDirectory(Path.Combine(root, "notebooks"));
        File.Copy(Path.Combine(TestContext.CurrentContext.TestDirectory, "Notebooks", "plain.ipynb"), Path.Combine(root, "notebooks", "plain.ipynb"));
        var result = await RunnerHarness.RunAsync(Path.Combine(root, "notebooks"), "--no-build", "--no-reports");
        Assert.That(result.ExitCode, Is.EqualTo(RunnerApp.Success), result.Output + result.Error);
        Assert.That(result.Output, Does.Contain("[1/1] plain.ipynb"));
        Assert.That(result.LastLine, Is.EqualTo("1 passed, 0 failed"));
        Assert.That(Directory.Exists(Path.Combine(root, "artifacts")), Is.False);
    }

    [Test]
    public async Task DefaultOutputIsArtifactsReportsAndTheSourceIsNeverOverwritten()
    {
        await SharedRun.GetAsync();
        var notebooks = Directory.CreateDirectory(Path.Combine(root, "notebooks")).FullName;
        var source = Path.Combine(notebooks, "plain.ipynb");
        File.Copy(Path.Combine(TestContext.CurrentContext.TestDirectory, "Notebooks", "plain.ipynb"), source);
        var before = File.ReadAllBytes(source);

        var result = await RunnerHarness.RunAsync(root, "--no-build", "plain");
        Assert.That(result.ExitCode, Is.EqualTo(RunnerApp.Success), result.Output + result.Error);
        Assert.That(File.Exists(Path.Combine(root, "artifacts", "reports", "plain.ipynb")), Is.True);
        Assert.That(File.Exists(Path.Combine(root, "artifacts", "reports", "index.html")), Is.True);

        Assert.That(File.ReadAllBytes(source), Is.EqualTo(before));
    }
}
