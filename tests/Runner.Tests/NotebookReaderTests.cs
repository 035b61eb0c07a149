namespace Differentials.Runner.Tests;

[TestFixture]
public sealed class NotebookReaderTests
{
    private string folder = null!;

    [SetUp]
    public void CreateFolder() => folder = Directory.CreateTempSubdirectory("runner-reader-").FullName;

    [TearDown]
    public void DeleteFolder() => Directory.Delete(folder, recursive: true);

    private string Write(string json)
    {
        var path = Path.Combine(folder, "n.ipynb");
        File.WriteAllText(path, json);
        return path;
    }

    private const string CSharpMetadata = """{"kernelspec": {"display_name": ".NET (C#)", "language": "C#", "name": ".net-csharp"}}""";

    [Test]
    public void ReadsCellsOfEveryKindAndJoinsSourceLines()
    {
        var path = Write($$"""
            {"nbformat": 4, "nbformat_minor": 4, "metadata": {{CSharpMetadata}}, "cells": [
              {"cell_type": "markdown", "metadata": {}, "source": "# Title"},
              {"cell_type": "code", "metadata": {}, "execution_count": null, "outputs": [], "source": ["var a = 1;\n", "a"]},
              {"cell_type": "raw", "metadata": {}, "source": []}]}
            """);
        var notebook = NotebookReader.Read(path);
        Assert.That(notebook.Cells.Select(c => c.Kind), Is.EqualTo(new[] { "markdown", "code", "raw" }));
        Assert.That(notebook.Cells[1].Source, Is.EqualTo("var a = 1;\na"));
        Assert.That(notebook.Cells[1].Number, Is.EqualTo(2));
        Assert.That(notebook.Name, Is.EqualTo("n"));
    }

    [TestCase("{\"cells\": [", "not valid notebook JSON")]
    [TestCase("[1, 2]", "the JSON document is not an object")]
    [TestCase("{\"nbformat\": 3, \"cells\": []}", "not an nbformat 4 notebook (nbformat is 3)")]
    [TestCase("{\"nbformat\": 4, \"metadata\": {}}", "no \"cells\" array")]
    [TestCase("{\"nbformat\": 4, \"metadata\": {}, \"cells\": []}", "names no kernel")]
    [TestCase("{\"nbformat\": 4, \"metadata\": {\"kernelspec\": {\"name\": \"python3\", \"language\": \"python\"}}, \"cells\": []}", "is a \"python\" notebook")]
    [TestCase("{\"nbformat\": 4, \"metadata\": {\"kernelspec\": {\"name\": \".net-fsharp\"}}, \"cells\": []}", "uses kernel \".net-fsharp\"")]
    [TestCase("{\"nbformat\": 4, \"metadata\": {\"language_info\": {\"name\": \"F#\"}}, \"cells\": []}", "is a \"F#\" notebook (metadata.language_info.name)")]
    [TestCase("{\"nbformat\": 4, \"metadata\": {\"polyglot_notebook\": {\"kernelInfo\": {\"defaultKernelName\": \"fsharp\"}}}, \"cells\": []}", "default kernel \"fsharp\"")]
    [TestCase("{\"nbformat\": 4, \"metadata\": {\"kernelspec\": {\"name\": \".net-csharp\"}}, \"cells\": [{\"cell_type\": \"code\", \"source\": \"1\", \"metadata\": {\"polyglot_notebook\": {\"kernelName\": \"pwsh\"}}}]}", "cell 1 runs in kernel \"pwsh\"")]
    [TestCase("{\"nbformat\": 4, \"metadata\": {\"kernelspec\": {\"name\": \".net-csharp\"}}, \"cells\": [{\"cell_type\": \"code\", \"source\": 5}]}", "cell 1 has no source")]
    [TestCase("{\"nbformat\": 4, \"metadata\": {\"kernelspec\": {\"name\": \".net-csharp\"}}, \"cells\": [{\"cell_type\": \"heading\", \"source\": \"\"}]}", "cell 1 has cell_type \"heading\"")]
    public void RejectsWhatItCannotRunNamingTheFile(string json, string problem)
    {
        var path = Write(json);
        Assert.That(() => NotebookReader.Read(path),
            Throws.TypeOf<NotebookFormatException>().With.Message.StartsWith(path + ": ").And.Message.Contains(problem)
                .And.Property(nameof(NotebookFormatException.NotebookPath)).EqualTo(path));
    }

    [Test]
    public void MissingFileIsNamed() =>
        Assert.That(() => NotebookReader.Read(Path.Combine(folder, "absent.ipynb")),
            Throws.TypeOf<FileNotFoundException>().With.Message.Contains("absent.ipynb"));
}
