using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Differentials.Runner.Tests;

/// <summary>The repository's own notebooks, run by the runner as CI runs them: no cell may print a compiler
/// warning (issue 21), since the reports now show warnings as Jupyter does.</summary>
[TestFixture]
public sealed partial class RealNotebookTests
{
    [Test]
    public async Task NoNotebookPrintsACompilerWarning()
    {
        var root = RepositoryLocator.TryFind(TestNotebooks.TestDirectory) ?? throw new InvalidOperationException("the tests run outside the repository");
        var output = Directory.CreateTempSubdirectory("runner-real-").FullName;
        try
        {
            var result = await RunnerHarness.RunAsync(root, "--output", output);
            var warnings = new List<string>();
            foreach (var executed in Directory.EnumerateFiles(output, "*.ipynb").Order(StringComparer.Ordinal))
            {
                var cells = JsonNode.Parse(File.ReadAllText(executed))!["cells"]!.AsArray();
                for (var i = 0; i < cells.Count; i++)
                    foreach (var stream in cells[i]!["outputs"]?.AsArray() ?? [])
                        if (stream!["output_type"]!.GetValue<string>() == "stream" && stream["name"]!.GetValue<string>() == "stderr")
                            foreach (Match warning in Warning().Matches(string.Concat(stream["text"]!.AsArray().Select(l => l!.GetValue<string>()))))
                                warnings.Add($"{Path.GetFileName(executed)} cell {i + 1}: {warning.Value}");
            }
            Assert.That(Directory.EnumerateFiles(output, "*.ipynb"), Is.Not.Empty, result.Output + result.Error);
            Assert.That(warnings, Is.Empty);
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }

    [GeneratedRegex(@"^\(\d+,\d+\): warning CS\d+: .*$", RegexOptions.Multiline)]
    private static partial Regex Warning();
}
