using System.Text.Json;
using System.Text.Json.Nodes;

namespace Differentials.Runner;

/// <summary>The messages between the runner and a notebook's worker process, one JSON object per line over a
/// pipe of their own (the worker's standard streams stay free for whatever the notebook or the runtime
/// prints, which the runner keeps as the crash diagnostics).</summary>
internal static class WorkerProtocol
{
    /// <summary>The worker's first argument.</summary>
    public const string WorkerFlag = "--worker";

    /// <summary>The worker is warm and waits for its notebook: <c>{"t":"ready"}</c>; the runner answers
    /// <c>{"notebook":path}</c>.</summary>
    public const string Ready = "ready";

    /// <summary>A cell began: <c>{"t":"start","cell":index}</c>.</summary>
    public const string Start = "start";

    /// <summary>Text a running cell printed, forwarded as it comes so that a cell that never ends still shows
    /// it: <c>{"t":"text","name":"stdout","text":...}</c>.</summary>
    public const string Text = "text";

    /// <summary>A cell ended: its state, execution count, time and outputs.</summary>
    public const string End = "end";

    /// <summary>A later cell replaced what an earlier cell displayed: that cell's new outputs.</summary>
    public const string Update = "update";

    /// <summary>What the notebook's numerical backend was after its cells ran.</summary>
    public const string Backend = "backend";

    /// <summary>An exception nothing caught, on any thread, just before the runtime ends the process.</summary>
    public const string Fatal = "fatal";

    /// <summary>Every cell that was going to run has run.</summary>
    public const string Done = "done";

    /// <summary>The deepest JSON nesting the runner reads and writes (notebooks and messages).</summary>
    public const int MaxJsonDepth = 1024;

    /// <summary>Options that read JSON up to <see cref="MaxJsonDepth"/>.</summary>
    public static readonly JsonDocumentOptions ReadOptions = new() { MaxDepth = MaxJsonDepth };

    private static readonly JsonSerializerOptions WriteOptions = new() { MaxDepth = MaxJsonDepth };

    /// <summary>Builds a message object.</summary>
    /// <param name="type">One of the message type constants.</param>
    /// <returns>The object, with its "t" set.</returns>
    public static JsonObject Message(string type) => new() { ["t"] = type };

    /// <summary>One message as a single line of JSON (no newline inside).</summary>
    /// <param name="message">The message.</param>
    /// <returns>The line, without its terminator.</returns>
    public static string ToLine(JsonObject message) => message.ToJsonString(WriteOptions);

    /// <summary>Parses one line into a message.</summary>
    /// <param name="line">A line a worker sent.</param>
    /// <returns>The message, or null when the line is not a message object.</returns>
    public static JsonObject? Parse(string line)
    {
        try
        {
            return JsonNode.Parse(line, documentOptions: ReadOptions) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Encodes an output for a message.</summary>
    /// <param name="output">A cell output.</param>
    /// <returns>Its JSON form, read back by <see cref="DecodeOutput"/>.</returns>
    /// <exception cref="ArgumentException">An output kind the protocol does not know.</exception>
    public static JsonObject EncodeOutput(CellOutput output) => output switch
    {
        StreamOutput stream => new JsonObject { ["k"] = "stream", ["name"] = stream.Name, ["text"] = stream.Text },
        DataOutput data => new JsonObject
        {
            ["k"] = data.IsResult ? "result" : "display",
            ["data"] = new JsonArray(data.Data.Select(p => (JsonNode?)new JsonArray(p.Key, p.Value)).ToArray()),
        },
        ErrorOutput error => new JsonObject
        {
            ["k"] = "error",
            ["name"] = error.Name,
            ["value"] = error.Value,
            ["traceback"] = new JsonArray(error.Traceback.Select(l => (JsonNode?)l).ToArray()),
        },
        _ => throw new ArgumentException($"Unknown output kind {output.GetType().Name}.", nameof(output)),
    };

    /// <summary>Decodes an output written by <see cref="EncodeOutput"/>.</summary>
    /// <param name="node">The encoded output.</param>
    /// <returns>The output.</returns>
    /// <exception cref="FormatException">The node is not an encoded output.</exception>
    public static CellOutput DecodeOutput(JsonNode? node)
    {
        var json = node as JsonObject ?? throw new FormatException("an output is not a JSON object");
        return (string?)json["k"] switch
        {
            "stream" => new StreamOutput((string)json["name"]!, (string)json["text"]!),
            "result" or "display" => new DataOutput(
                json["data"]!.AsArray().Select(p => p!.AsArray()).ToDictionary(p => (string)p[0]!, p => (string)p[1]!),
                IsResult: (string?)json["k"] == "result"),
            "error" => new ErrorOutput((string)json["name"]!, (string)json["value"]!,
                json["traceback"]!.AsArray().Select(l => (string)l!).ToArray()),
            var kind => throw new FormatException($"unknown output kind \"{kind}\""),
        };
    }

    /// <summary>Encodes a list of outputs.</summary>
    /// <param name="outputs">The outputs in order.</param>
    /// <returns>A JSON array.</returns>
    public static JsonArray EncodeOutputs(IEnumerable<CellOutput> outputs) =>
        new(outputs.Select(o => (JsonNode?)EncodeOutput(o)).ToArray());

    /// <summary>Decodes a list of outputs.</summary>
    /// <param name="node">A JSON array written by <see cref="EncodeOutputs"/>.</param>
    /// <returns>The outputs in order.</returns>
    public static IReadOnlyList<CellOutput> DecodeOutputs(JsonNode? node) =>
        (node as JsonArray ?? throw new FormatException("outputs are not a JSON array")).Select(DecodeOutput).ToArray();
}
