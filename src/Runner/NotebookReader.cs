using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Differentials.Runner;

/// <summary>Reads an .ipynb file and checks that the runner can execute it: valid JSON, nbformat 4,
/// a cell list, and a C# kernel in every place a notebook can name one.</summary>
internal static class NotebookReader
{
    /// <summary>The kernel name .NET Interactive gives C#.</summary>
    public const string CSharpKernelName = "csharp";

    /// <summary>Reads and checks <paramref name="path"/>.</summary>
    /// <param name="path">An .ipynb file.</param>
    /// <returns>The parsed notebook.</returns>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="NotebookFormatException">The file is not a C# notebook in nbformat 4 (or is JSON nested
    /// deeper than <see cref="WorkerProtocol.MaxJsonDepth"/> levels).</exception>
    public static NotebookDocument Read(string path)
    {
        var fullPath = System.IO.Path.GetFullPath(path);
        if (!File.Exists(fullPath))
            throw new FileNotFoundException($"{fullPath}: notebook file not found.", fullPath);

        var bytes = File.ReadAllBytes(fullPath);
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(bytes, documentOptions: WorkerProtocol.ReadOptions);
        }
        catch (JsonException e)
        {
            var limit = e.Message.Contains("depth", StringComparison.OrdinalIgnoreCase)
                ? $"; the runner reads JSON nested at most {WorkerProtocol.MaxJsonDepth} levels deep" : "";
            throw new NotebookFormatException(fullPath, $"not valid notebook JSON ({e.Message}{limit})", e);
        }

        if (node is not JsonObject root)
            throw new NotebookFormatException(fullPath, "not a notebook: the JSON document is not an object");
        if (IntegerOrNull(root["nbformat"]) is not 4)
            throw new NotebookFormatException(fullPath, $"not an nbformat 4 notebook (nbformat is {Describe(root["nbformat"])})");
        if (root["cells"] is not JsonArray cellArray)
            throw new NotebookFormatException(fullPath, "not a notebook: it has no \"cells\" array");

        CheckKernel(fullPath, root["metadata"] as JsonObject);
        var cells = new List<NotebookCell>(cellArray.Count);
        for (var i = 0; i < cellArray.Count; i++)
            cells.Add(ReadCell(fullPath, i, cellArray[i]));
        return new NotebookDocument(fullPath, root, cells) { Sha256 = Convert.ToHexString(SHA256.HashData(bytes)) };
    }

    private static NotebookCell ReadCell(string path, int index, JsonNode? node)
    {
        if (node is not JsonObject cell)
            throw new NotebookFormatException(path, $"cell {index + 1} is not a JSON object");
        var kind = StringOrNull(cell["cell_type"]);
        if (kind is not ("code" or "markdown" or "raw"))
            throw new NotebookFormatException(path, $"cell {index + 1} has cell_type {Describe(cell["cell_type"])}; expected \"code\", \"markdown\" or \"raw\"");
        var source = ReadSource(cell["source"])
            ?? throw new NotebookFormatException(path, $"cell {index + 1} has no source (a string or a list of strings)");
        if (kind == "code")
        {
            var cellKernel = CellKernelName(cell["metadata"] as JsonObject);
            if (cellKernel is not null && !IsCSharp(cellKernel))
                throw new NotebookFormatException(path, $"cell {index + 1} runs in kernel \"{cellKernel}\"; the runner executes C# cells only");
        }
        return new NotebookCell(index, kind, source, cell);
    }

    /// <summary>Joins a cell's source, which nbformat allows as one string or a list of lines.</summary>
    /// <param name="source">The "source" node.</param>
    /// <returns>The text, or null when the node is neither form.</returns>
    public static string? ReadSource(JsonNode? source) => source switch
    {
        JsonValue value when value.TryGetValue<string>(out var text) => text,
        JsonArray lines when lines.All(l => l is JsonValue v && v.TryGetValue<string>(out _)) =>
            string.Concat(lines.Select(l => l!.GetValue<string>())),
        _ => null,
    };

    // A notebook can name its kernel in three places; each one present must say C#, and one must be present.
    private static void CheckKernel(string path, JsonObject? metadata)
    {
        var spec = metadata?["kernelspec"] as JsonObject;
        var specName = StringOrNull(spec?["name"]);
        var specLanguage = StringOrNull(spec?["language"]);
        var languageInfo = StringOrNull((metadata?["language_info"] as JsonObject)?["name"]);
        var polyglot = StringOrNull(((metadata?["polyglot_notebook"] as JsonObject)?["kernelInfo"] as JsonObject)?["defaultKernelName"]);

        if (specName is null && specLanguage is null && languageInfo is null && polyglot is null)
            throw new NotebookFormatException(path,
                "names no kernel; a C# notebook has metadata.kernelspec {\"name\": \".net-csharp\", \"language\": \"C#\"}");
        if (specLanguage is not null && !IsCSharp(specLanguage))
            throw new NotebookFormatException(path, $"is a \"{specLanguage}\" notebook (metadata.kernelspec.language); the runner executes C# notebooks only");
        if (specName is not null && specLanguage is null && !specName.Equals(".net-csharp", StringComparison.OrdinalIgnoreCase))
            throw new NotebookFormatException(path, $"uses kernel \"{specName}\" (metadata.kernelspec.name); the runner executes C# (.net-csharp) notebooks only");
        if (languageInfo is not null && !IsCSharp(languageInfo) && !languageInfo.Equals("polyglot-notebook", StringComparison.OrdinalIgnoreCase))
            throw new NotebookFormatException(path, $"is a \"{languageInfo}\" notebook (metadata.language_info.name); the runner executes C# notebooks only");
        if (polyglot is not null && !IsCSharp(polyglot))
            throw new NotebookFormatException(path, $"has default kernel \"{polyglot}\" (metadata.polyglot_notebook.kernelInfo.defaultKernelName); the runner executes C# notebooks only");
    }

    private static string? CellKernelName(JsonObject? metadata) =>
        StringOrNull((metadata?["polyglot_notebook"] as JsonObject)?["kernelName"])
        ?? StringOrNull((metadata?["dotnet_interactive"] as JsonObject)?["language"]);

    private static bool IsCSharp(string name) =>
        name.Equals(CSharpKernelName, StringComparison.OrdinalIgnoreCase)
        || name.Equals("C#", StringComparison.OrdinalIgnoreCase)
        || name.Equals(".net-csharp", StringComparison.OrdinalIgnoreCase);

    private static string? StringOrNull(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static int? IntegerOrNull(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<int>(out var number) ? number : null;

    private static string Describe(JsonNode? node) => node is null ? "missing" : node.ToJsonString();
}
