using System.IO.Enumeration;

namespace Differentials.Runner;

/// <summary>Turns the command line's notebook arguments into files, in name order.</summary>
internal static class NotebookSelector
{
    /// <summary>Selects notebooks.</summary>
    /// <param name="patterns">Names or globs matched in <paramref name="notebooksFolder"/> (".ipynb" optional),
    /// or paths to .ipynb files or folders; empty selects every .ipynb in <paramref name="notebooksFolder"/>.</param>
    /// <param name="notebooksFolder">The repository's notebooks folder, or null outside a repository.</param>
    /// <returns>Full paths, without duplicates, in the order the arguments give (each argument's matches by name).</returns>
    /// <exception cref="DirectoryNotFoundException">The notebooks folder (or a folder argument) does not exist.</exception>
    /// <exception cref="FileNotFoundException">An argument matches no notebook.</exception>
    public static IReadOnlyList<string> Select(IReadOnlyList<string> patterns, string? notebooksFolder)
    {
        if (patterns.Count == 0)
            return InFolder(notebooksFolder ?? throw new DirectoryNotFoundException(
                "No notebooks given and no repository found (no Workbook.sln in this folder or above): run from the repository or name notebook files."));

        var selected = new List<string>();
        foreach (var pattern in patterns)
        {
            var matches = Match(pattern, notebooksFolder);
            if (matches.Count == 0)
                throw new FileNotFoundException(
                    $"\"{pattern}\" matches no notebook" + (notebooksFolder is null ? "." : $" in {notebooksFolder} (nor a path to an .ipynb file or folder)."), pattern);
            selected.AddRange(matches.Where(m => !selected.Contains(m, StringComparer.Ordinal)));
        }
        return selected;
    }

    private static IReadOnlyList<string> Match(string pattern, string? notebooksFolder)
    {
        if (File.Exists(pattern))
            return [Path.GetFullPath(pattern)];
        if (Directory.Exists(pattern))
            return InFolder(pattern);
        if (notebooksFolder is null || !Directory.Exists(notebooksFolder))
            return [];
        var glob = pattern.EndsWith(".ipynb", StringComparison.OrdinalIgnoreCase) ? pattern : pattern + ".ipynb";
        return Directory.EnumerateFiles(notebooksFolder, "*.ipynb")
            .Where(f => FileSystemName.MatchesSimpleExpression(glob, Path.GetFileName(f), ignoreCase: true))
            .Select(Path.GetFullPath)
            .Order(StringComparer.Ordinal)
            .ToArray();
    }

    private static IReadOnlyList<string> InFolder(string folder)
    {
        if (!Directory.Exists(folder))
            throw new DirectoryNotFoundException($"Notebook folder not found: {Path.GetFullPath(folder)}");
        return Directory.EnumerateFiles(folder, "*.ipynb")
            .Select(Path.GetFullPath)
            .Order(StringComparer.Ordinal)
            .ToArray();
    }
}
