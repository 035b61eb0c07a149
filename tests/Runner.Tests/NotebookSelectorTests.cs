namespace Differentials.Runner.Tests;

[TestFixture]
public sealed class NotebookSelectorTests
{
    private string folder = null!;

    [SetUp]
    public void CreateNotebooks()
    {
        folder = Directory.CreateTempSubdirectory("runner-select-").FullName;
        foreach (var name in new[] { "02-chain.ipynb", "01-intro.ipynb", "10-fft.ipynb", "notes.txt" })
            File.WriteAllText(Path.Combine(folder, name), "{}");
    }

    [TearDown]
    public void DeleteNotebooks() => Directory.Delete(folder, recursive: true);

    private string[] Names(params string[] patterns) => NotebookSelector.Select(patterns, folder).Select(Path.GetFileName).ToArray()!;

    [Test]
    public void NoArgumentsSelectsEveryNotebookInNameOrder() =>
        Assert.That(Names(), Is.EqualTo(new[] { "01-intro.ipynb", "02-chain.ipynb", "10-fft.ipynb" }));

    [Test]
    public void NamesAndGlobsMatchWithOrWithoutExtension()
    {
        Assert.That(Names("02-chain"), Is.EqualTo(new[] { "02-chain.ipynb" }));
        Assert.That(Names("0*"), Is.EqualTo(new[] { "01-intro.ipynb", "02-chain.ipynb" }));
        Assert.That(Names("10-fft.ipynb", "01-*", "0*"), Is.EqualTo(new[] { "10-fft.ipynb", "01-intro.ipynb", "02-chain.ipynb" }));
    }

    [Test]
    public void PathsToFilesAndFoldersAreTakenAsGiven()
    {
        Assert.That(NotebookSelector.Select([Path.Combine(folder, "10-fft.ipynb")], null), Is.EqualTo(new[] { Path.Combine(folder, "10-fft.ipynb") }));
        Assert.That(NotebookSelector.Select([folder], null), Has.Count.EqualTo(3));
    }

    [Test]
    public void PatternMatchingNothingIsAnError() =>
        Assert.That(() => NotebookSelector.Select(["99-*"], folder), Throws.TypeOf<FileNotFoundException>().With.Message.Contains("\"99-*\" matches no notebook"));

    [Test]
    public void MissingFolderIsAnError()
    {
        var missing = Path.Combine(folder, "nowhere");
        Assert.That(() => NotebookSelector.Select([], missing), Throws.TypeOf<DirectoryNotFoundException>().With.Message.Contains(missing));
    }
}
