namespace Differentials.Runner;

/// <summary>How the files of a run are named in the output folder.</summary>
internal static class ReportNames
{
    /// <summary>The index page's file name.</summary>
    public const string Index = "index.html";

    /// <summary>The HTML report of a notebook: its name with ".html", except for a notebook named "index",
    /// whose report would otherwise be replaced by the index page: "index.notebook.html".</summary>
    /// <param name="notebookPath">The source notebook.</param>
    /// <returns>A file name without folder.</returns>
    public static string Html(string notebookPath)
    {
        var name = Path.GetFileNameWithoutExtension(notebookPath);
        return name.Equals(Path.GetFileNameWithoutExtension(Index), StringComparison.OrdinalIgnoreCase) ? name + ".notebook.html" : name + ".html";
    }

    /// <summary>The executed notebook's file name: the source's own name.</summary>
    /// <param name="notebookPath">The source notebook.</param>
    /// <returns>A file name without folder.</returns>
    public static string Ipynb(string notebookPath) => Path.GetFileNameWithoutExtension(notebookPath) + ".ipynb";
}

/// <summary>Choices that shape the reports.</summary>
/// <param name="SanitizeHtml">Sanitize markdown's HTML (see <see cref="HtmlSanitizer"/>).</param>
internal sealed record ReportSettings(bool SanitizeHtml = true);
