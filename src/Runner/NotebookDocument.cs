using System.Text.Json.Nodes;

namespace Differentials.Runner;

/// <summary>A notebook read from disk and checked: nbformat 4, cells, and a C# kernel.</summary>
/// <param name="Path">The full path of the source file.</param>
/// <param name="Root">The parsed JSON document (never modified; writers clone it).</param>
/// <param name="Cells">The cells in order.</param>
internal sealed record NotebookDocument(string Path, JsonObject Root, IReadOnlyList<NotebookCell> Cells)
{
    /// <summary>The SHA-256 of the file's bytes as read, to see whether running the notebook changed it.</summary>
    public string? Sha256 { get; init; }

    /// <summary>The file name without extension, used to name reports.</summary>
    public string Name => System.IO.Path.GetFileNameWithoutExtension(Path);

    /// <summary>The folder holding the notebook: the kernel's working directory.</summary>
    public string Folder => System.IO.Path.GetDirectoryName(Path)!;
}
