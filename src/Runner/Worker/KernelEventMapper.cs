using System.Text;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Events;

namespace Differentials.Runner;

/// <summary>Turns the events of one submission into notebook outputs, as Polyglot Notebooks shows them:
/// streams (consecutive writes merged), displayed values (updated in place, also when an earlier cell
/// showed them), the return value, compiler warnings and errors on standard error (as the stock kernel
/// shows them in Jupyter), the error; at most a cap of characters per cell, in time linear in the output.</summary>
internal static class KernelEventMapper
{
    /// <summary>The default cap on the output kept per cell, in characters.</summary>
    public const int DefaultMaxOutputChars = 4 * 1024 * 1024;

    /// <summary>Maps <paramref name="events"/> to outputs.</summary>
    /// <param name="events">The events published while the cell ran, in order.</param>
    /// <param name="earlier">The values earlier cells of the notebook displayed (null: this cell alone);
    /// this cell's displayed values are recorded there too.</param>
    /// <param name="maxChars">The most characters of text and displayed values kept; what comes after is
    /// dropped and a note at the end says how much.</param>
    /// <returns>The outputs in order.</returns>
    public static List<CellOutput> ToOutputs(IReadOnlyList<KernelEvent> events, NotebookDisplays? earlier = null, int maxChars = DefaultMaxOutputChars)
    {
        var outputs = new Outputs(maxChars);
        var displayIndex = new Dictionary<string, int>();
        string? failureMessage = null;
        foreach (var kernelEvent in events)
        {
            if (TryGetPrinted(kernelEvent, out var stream, out var printed))
            {
                outputs.AppendStream(stream, printed);
                continue;
            }
            switch (kernelEvent)
            {
                case DiagnosticsProduced diagnostics:
                    // As the stock kernel shows them in Jupyter: warnings and errors on standard error.
                    foreach (var diagnostic in diagnostics.Diagnostics)
                        if (diagnostic.Severity is Microsoft.CodeAnalysis.DiagnosticSeverity.Warning or Microsoft.CodeAnalysis.DiagnosticSeverity.Error)
                            outputs.AppendStream("stderr", Format(diagnostic) + "\n");
                    break;
                case DisplayedValueUpdated updated:
                    var update = new DataOutput(Data(updated.FormattedValues), IsResult: false);
                    if (updated.ValueId is { } id && displayIndex.TryGetValue(id, out var at))
                        outputs.Replace(at, update);
                    else if (updated.ValueId is { } earlierId && earlier?.TryUpdateEarlier(earlierId, update) == true)
                        break;
                    else if (update.Data.Count > 0)
                        outputs.Add(update); // an id no cell showed: keep the value rather than lose it
                    break;
                case ReturnValueProduced result:
                    var resultData = Data(result.FormattedValues);
                    if (resultData.Count > 0)
                        outputs.Add(new DataOutput(resultData, IsResult: true));
                    break;
                case DisplayedValueProduced displayed:
                    var data = Data(displayed.FormattedValues);
                    if (data.Count == 0)
                        break;
                    if (outputs.Add(new DataOutput(data, IsResult: false)) is { } index && displayed.ValueId is { } valueId)
                        displayIndex[valueId] = index;
                    break;
                case ErrorProduced error:
                    outputs.AppendStream("stderr", error.Message + "\n");
                    break;
                case CommandFailed failed when failureMessage is null:
                    failureMessage = failed.Message;
                    outputs.AddAlways(ToError(failed));
                    break;
            }
        }
        earlier?.RecordNextCell(displayIndex);
        return outputs.ToList();
    }

    /// <summary>Whether <paramref name="kernelEvent"/> is text the cell wrote to standard output or error.</summary>
    /// <param name="kernelEvent">Any kernel event.</param>
    /// <param name="stream">"stdout" or "stderr".</param>
    /// <param name="text">The text written.</param>
    /// <returns>True for a write to either stream.</returns>
    public static bool TryGetPrinted(KernelEvent kernelEvent, out string stream, out string text)
    {
        (stream, text) = kernelEvent switch
        {
            StandardOutputValueProduced stdout => ("stdout", PlainText(stdout.FormattedValues)),
            StandardErrorValueProduced stderr => ("stderr", PlainText(stderr.FormattedValues)),
            _ => ("", ""),
        };
        return stream.Length > 0;
    }

    /// <summary>A compiler diagnostic as the C# compiler prints one: "(line,column): warning CS0000: message".</summary>
    /// <param name="diagnostic">The diagnostic.</param>
    /// <returns>One line.</returns>
    public static string Format(Diagnostic diagnostic)
    {
        var start = diagnostic.LinePositionSpan.Start;
        var severity = diagnostic.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error ? "error" : "warning";
        return $"({start.Line + 1},{start.Character + 1}): {severity} {diagnostic.Code}: {diagnostic.Message}";
    }

    private static ErrorOutput ToError(CommandFailed failed)
    {
        var message = string.IsNullOrWhiteSpace(failed.Message) ? failed.Exception?.Message ?? "the cell failed" : failed.Message;
        // An exception's own message makes the one-line summary; the traceback keeps the kernel's full text.
        var (name, summary) = failed.Exception switch
        {
            null => ("Error", message),
            CodeSubmissionCompilationErrorException => ("CompilationError", message),
            var e => (e.GetType().Name, string.IsNullOrWhiteSpace(e.Message) ? message : e.Message),
        };
        return new ErrorOutput(name, NotebookExecutor.FirstLine(summary), NotebookExecutor.Lines(message));
    }

    private static string PlainText(IReadOnlyCollection<Microsoft.DotNet.Interactive.Formatting.FormattedValue> values) =>
        values.FirstOrDefault(v => v.MimeType == "text/plain")?.Value ?? values.FirstOrDefault()?.Value ?? "";

    private static Dictionary<string, string> Data(IReadOnlyCollection<Microsoft.DotNet.Interactive.Formatting.FormattedValue> values)
    {
        var data = new Dictionary<string, string>();
        foreach (var value in values)
            if (!value.SuppressDisplay)
                data.TryAdd(value.MimeType, value.Value);
        return data;
    }

    // The outputs of one cell under construction: consecutive writes to one stream are appended to one
    // builder (linear in the text, however many writes), and everything past the cap is counted, not kept.
    private sealed class Outputs(int maxChars)
    {
        private readonly List<CellOutput?> items = [];
        private readonly Dictionary<int, (string Name, StringBuilder Text)> streams = [];
        private long kept;
        private long droppedChars;
        private long droppedLines;
        private int droppedOutputs;

        public void AppendStream(string name, string text)
        {
            if (text.Length == 0)
                return;
            var room = (int)Math.Max(0, Math.Min(text.Length, maxChars - kept));
            if (room < text.Length)
            {
                droppedChars += text.Length - room;
                droppedLines += text.AsSpan(room).Count('\n');
            }
            if (room == 0)
                return;
            kept += room;
            var last = items.Count - 1;
            if (last >= 0 && streams.TryGetValue(last, out var stream) && stream.Name == name)
                stream.Text.Append(text, 0, room);
            else
            {
                streams[items.Count] = (name, new StringBuilder().Append(text, 0, room));
                items.Add(null);
            }
        }

        // Returns the output's index, or null when the cap dropped it.
        public int? Add(DataOutput output)
        {
            var size = output.Data.Values.Sum(v => (long)v.Length);
            if (kept + size > maxChars)
            {
                droppedChars += size;
                droppedOutputs++;
                return null;
            }
            kept += size;
            items.Add(output);
            return items.Count - 1;
        }

        public void AddAlways(CellOutput output) => items.Add(output);

        public void Replace(int index, DataOutput output) => items[index] = output;

        public List<CellOutput> ToList()
        {
            var list = new List<CellOutput>(items.Count + 1);
            for (var i = 0; i < items.Count; i++)
                list.Add(items[i] ?? new StreamOutput(streams[i].Name, streams[i].Text.ToString()));
            if (droppedChars > 0)
            {
                var what = droppedOutputs > 0 ? $"{droppedChars:N0} characters ({droppedLines:N0} lines of text, {droppedOutputs} displayed values)" : $"{droppedChars:N0} characters ({droppedLines:N0} lines)";
                var note = new StreamOutput("stderr", $"[runner: output capped at {maxChars:N0} characters per cell (--max-output); {what} dropped]\n");
                // Before the error, so that the failure stays the cell's last output.
                var at = list.Count > 0 && list[^1] is ErrorOutput ? list.Count - 1 : list.Count;
                list.Insert(at, note);
            }
            return list;
        }
    }
}
