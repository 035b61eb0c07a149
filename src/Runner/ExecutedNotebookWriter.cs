using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Differentials.Runner;

/// <summary>Writes an executed notebook as nbformat 4.5 JSON, the way VS Code's Polyglot Notebooks saves
/// one: the source document with every code cell's outputs and execution count filled in, a cell id on
/// every cell, and the .NET C# kernelspec.</summary>
internal static class ExecutedNotebookWriter
{
    private static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,
        IndentSize = 1,
        MaxDepth = WorkerProtocol.MaxJsonDepth,
        // Notebook JSON is read by tools, not embedded in HTML: keep <, > and & readable.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Builds the executed notebook's JSON text.</summary>
    /// <param name="run">A run of a readable notebook.</param>
    /// <returns>The JSON text, ending with a newline.</returns>
    /// <exception cref="ArgumentException">The run has no document (the notebook could not be read).</exception>
    public static string ToJson(NotebookRun run)
    {
        var document = run.Document
            ?? throw new ArgumentException($"{run.Path}: the notebook could not be read, so there is nothing to write.", nameof(run));
        var root = (JsonObject)document.Root.DeepClone();
        root["nbformat"] = 4;
        root["nbformat_minor"] = Math.Max(5, root["nbformat_minor"] is JsonValue minor && minor.TryGetValue<int>(out var m) ? m : 0);
        var metadata = root["metadata"] as JsonObject ?? new JsonObject();
        root["metadata"] = metadata;
        FillKernelMetadata(metadata);

        var cells = (JsonArray)root["cells"]!;
        var usedIds = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < cells.Count; i++)
        {
            var cell = (JsonObject)cells[i]!;
            cell["id"] = UniqueId(cell["id"], i, usedIds);
            if (cell["metadata"] is not JsonObject)
                cell["metadata"] = new JsonObject();
            var cellRun = i < run.Cells.Count ? run.Cells[i] : null;
            if (cellRun?.Cell.IsCode == true)
            {
                cell["execution_count"] = cellRun.ExecutionCount is { } count ? JsonValue.Create(count) : null;
                cell["outputs"] = new JsonArray(cellRun.Outputs.Select(o => ToJson(o, cellRun.ExecutionCount)).ToArray<JsonNode?>());
            }
        }
        return root.ToJsonString(Indented) + "\n";
    }

    /// <summary>Writes the executed notebook to <paramref name="path"/> atomically.</summary>
    /// <param name="run">A run of a readable notebook.</param>
    /// <param name="path">The destination .ipynb file.</param>
    /// <exception cref="ArgumentException">The destination is the source notebook, or the run has no document.</exception>
    public static void Write(NotebookRun run, string path)
    {
        if (string.Equals(Path.GetFullPath(path), Path.GetFullPath(run.Path), StringComparison.Ordinal))
            throw new ArgumentException($"{path}: refusing to overwrite the source notebook with its executed copy; choose another --output folder.", nameof(path));
        AtomicFile.WriteAllText(path, ToJson(run));
    }

    private static void FillKernelMetadata(JsonObject metadata)
    {
        metadata["kernelspec"] ??= new JsonObject
        {
            ["display_name"] = ".NET (C#)",
            ["language"] = "C#",
            ["name"] = ".net-csharp",
        };
        metadata["language_info"] ??= new JsonObject
        {
            ["file_extension"] = ".cs",
            ["mimetype"] = "text/x-csharp",
            ["name"] = "C#",
            ["pygments_lexer"] = "csharp",
            ["version"] = "13.0",
        };
        metadata["polyglot_notebook"] ??= new JsonObject
        {
            ["kernelInfo"] = new JsonObject
            {
                ["defaultKernelName"] = NotebookReader.CSharpKernelName,
                ["items"] = new JsonArray(new JsonObject { ["aliases"] = new JsonArray(), ["name"] = NotebookReader.CSharpKernelName }),
            },
        };
    }

    // nbformat 4.5: ids are 1-64 characters of [a-zA-Z0-9-_], unique in the notebook. Keep good ones.
    private static string UniqueId(JsonNode? existing, int index, HashSet<string> used)
    {
        if (existing is JsonValue value && value.TryGetValue<string>(out var id) && IsValidId(id) && used.Add(id))
            return id;
        for (var attempt = 0; ; attempt++)
        {
            var candidate = attempt == 0 ? $"cell-{index + 1}" : $"cell-{index + 1}-{attempt}";
            if (used.Add(candidate))
                return candidate;
        }
    }

    private static bool IsValidId(string id) =>
        id.Length is >= 1 and <= 64 && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    private static JsonObject ToJson(CellOutput output, int? executionCount) => output switch
    {
        StreamOutput stream => new JsonObject
        {
            ["name"] = stream.Name,
            ["output_type"] = "stream",
            ["text"] = MultilineString(stream.Text),
        },
        DataOutput { IsResult: true } result => new JsonObject
        {
            ["data"] = DataBundle(result.Data),
            ["execution_count"] = executionCount,
            ["metadata"] = new JsonObject(),
            ["output_type"] = "execute_result",
        },
        DataOutput display => new JsonObject
        {
            ["data"] = DataBundle(display.Data),
            ["metadata"] = new JsonObject(),
            ["output_type"] = "display_data",
        },
        ErrorOutput error => new JsonObject
        {
            ["ename"] = error.Name,
            ["evalue"] = error.Value,
            ["output_type"] = "error",
            ["traceback"] = new JsonArray(error.Traceback.Select(l => (JsonNode?)JsonValue.Create(l)).ToArray()),
        },
        _ => throw new ArgumentException($"Unknown output kind {output.GetType().Name}.", nameof(output)),
    };

    private static JsonObject DataBundle(IReadOnlyDictionary<string, string> data)
    {
        var bundle = new JsonObject();
        foreach (var (mime, value) in data)
            bundle[mime] = IsJsonMime(mime) && TryParse(value) is { } json ? json : MultilineString(value);
        return bundle;
    }

    // nbformat stores JSON MIME types as JSON, everything else as a string or list of lines.
    private static bool IsJsonMime(string mime) => mime == "application/json" || mime.EndsWith("+json", StringComparison.Ordinal);

    private static JsonNode? TryParse(string value)
    {
        try { return JsonNode.Parse(value); }
        catch (JsonException) { return null; }
    }

    /// <summary>Splits text into lines that keep their "\n", as Jupyter stores multi-line strings.</summary>
    /// <param name="text">The text.</param>
    /// <returns>A JSON array of strings whose concatenation is <paramref name="text"/>.</returns>
    public static JsonArray MultilineString(string text)
    {
        var lines = new JsonArray();
        var start = 0;
        while (start < text.Length)
        {
            var end = text.IndexOf('\n', start);
            var stop = end < 0 ? text.Length : end + 1;
            lines.Add(text[start..stop]);
            start = stop;
        }
        return lines;
    }
}
