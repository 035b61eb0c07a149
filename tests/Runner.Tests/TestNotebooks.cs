using System.Security.Cryptography;

namespace Differentials.Runner.Tests;

/// <summary>Copies the test notebooks into a fresh temporary folder, so no test runs them in place.</summary>
internal sealed class TestNotebooks : IDisposable
{
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
