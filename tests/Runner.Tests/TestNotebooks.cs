using System.Security.Cryptography;

namespace Differentials.Runner.Tests;

/// <summary>Copies the test notebooks into a fresh temporary folder, so no test runs them in place.</summary>
internal sealed class TestNotebooks : IDisposable
{
    /// <summary>The test assembly's folder, where the runner's own files are.</summary>
    public static string TestDirectory => TestContext.CurrentContext.TestDirectory;

    public TestNotebooks(params string[] names)
    {
        Root = Directory.CreateTempSubdirectory("runner-tests-").FullName;
        Folder = Path.Combine(Root, "notebooks");
        Directory.CreateDirectory(Folder);
        var source = Path.Combine(TestContext.CurrentContext.TestDirectory, "Notebooks");
        foreach (var name in names)
            File.Copy(Path.Combine(source, name + ".ipynb"), Path.Combine(Folder, name + ".ipynb"));
        Output = Path.Combine(Root, "reports");
    }

    /// <summary>The temporary folder.</summary>
    public string Root { get; }

    /// <summary>Where the copied notebooks are.</summary>
    public string Folder { get; }

    /// <summary>A report folder inside the temporary folder (not created).</summary>
    public string Output { get; }

    public string PathOf(string name) => Path.Combine(Folder, name + ".ipynb");

    /// <summary>Writes a C# notebook made of <paramref name="cells"/> (a source starting with "md:" is a
    /// markdown cell) into the folder, and returns its path.</summary>
    public string Write(string name, params string[] cells)
    {
        var array = new System.Text.Json.Nodes.JsonArray();
        foreach (var cell in cells)
        {
            var markdown = cell.StartsWith("md:", StringComparison.Ordinal);
            var json = new System.Text.Json.Nodes.JsonObject
            {
                ["cell_type"] = markdown ? "markdown" : "code",
                ["metadata"] = new System.Text.Json.Nodes.JsonObject(),
                ["source"] = markdown ? cell[3..] : cell,
            };
            if (!markdown)
            {
                json["execution_count"] = null;
                json["outputs"] = new System.Text.Json.Nodes.JsonArray();
            }
            array.Add(json);
        }
        var notebook = new System.Text.Json.Nodes.JsonObject
        {
            ["cells"] = array,
            ["metadata"] = new System.Text.Json.Nodes.JsonObject
            {
                ["kernelspec"] = new System.Text.Json.Nodes.JsonObject { ["display_name"] = ".NET (C#)", ["language"] = "C#", ["name"] = ".net-csharp" },
            },
            ["nbformat"] = 4,
            ["nbformat_minor"] = 5,
        };
        File.WriteAllText(PathOf(name), notebook.ToJsonString());
        return PathOf(name);
    }

    /// <summary>The executed notebook's cells.</summary>
    public System.Text.Json.Nodes.JsonArray ExecutedCells(string name) =>
        System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(ReportOf(name, ".ipynb")))!["cells"]!.AsArray();

    /// <summary>The last output of an executed cell (zero-based index).</summary>
    public System.Text.Json.Nodes.JsonNode LastOutput(string name, int cell) => ExecutedCells(name)[cell]!["outputs"]!.AsArray().Last()!;

    /// <summary>All the text of a cell's stream outputs of one name.</summary>
    public string StreamText(string name, int cell, string stream) => string.Concat(
        ExecutedCells(name)[cell]!["outputs"]!.AsArray()
            .Where(o => o!["output_type"]!.GetValue<string>() == "stream" && o["name"]!.GetValue<string>() == stream)
            .SelectMany(o => o!["text"]!.AsArray().Select(l => l!.GetValue<string>())));

    public string ReportOf(string name, string extension) => Path.Combine(Output, name + extension);

    /// <summary>SHA-256 of every copied notebook, by file name.</summary>
    public Dictionary<string, string> Hashes() =>
        Directory.EnumerateFiles(Folder).ToDictionary(f => Path.GetFileName(f), f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f))));

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); }
        catch (IOException) { }
    }
}
