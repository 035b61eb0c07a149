using System.Text.Json.Nodes;

namespace Differentials.Runner;

/// <summary>One cell of a notebook as read from disk.</summary>
/// <param name="Index">Zero-based position in the notebook (markdown cells count).</param>
/// <param name="Kind">"code", "markdown" or "raw".</param>
/// <param name="Source">The cell's text, lines joined.</param>
/// <param name="Json">The cell's JSON object in the source document (never modified).</param>
internal sealed record NotebookCell(int Index, string Kind, string Source, JsonObject Json)
{
    /// <summary>Whether this cell is code that the kernel runs.</summary>
    public bool IsCode => Kind == "code";

    /// <summary>The one-based number people see ("cell 3").</summary>
    public int Number => Index + 1;
}
