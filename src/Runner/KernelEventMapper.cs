using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Events;

namespace Differentials.Runner;

/// <summary>Turns the events of one submission into notebook outputs, as Polyglot Notebooks shows them:
/// streams (consecutive writes merged), displayed values (updated in place, also when an earlier cell
/// showed them), the return value, the error.</summary>
internal static class KernelEventMapper
{
    /// <summary>Maps <paramref name="events"/> to outputs.</summary>
    /// <param name="events">The events published while the cell ran, in order.</param>
    /// <param name="earlier">The values earlier cells of the notebook displayed (null: this cell alone);
    /// this cell's displayed values are recorded there too.</param>
    /// <returns>The outputs in order.</returns>
    public static List<CellOutput> ToOutputs(IReadOnlyList<KernelEvent> events, NotebookDisplays? earlier = null)
    {
        var outputs = new List<CellOutput>();
        var displayIndex = new Dictionary<string, int>();
        string? failureMessage = null;
        foreach (var kernelEvent in events)
        {
            switch (kernelEvent)
            {
                case StandardOutputValueProduced stdout:
                    AppendStream(outputs, "stdout", PlainText(stdout.FormattedValues));
                    break;
                case StandardErrorValueProduced stderr:
                    AppendStream(outputs, "stderr", PlainText(stderr.FormattedValues));
                    break;
                case DisplayedValueUpdated updated:
                    var update = new DataOutput(Data(updated.FormattedValues), IsResult: false);
                    if (updated.ValueId is { } id && displayIndex.TryGetValue(id, out var at))
                        outputs[at] = update;
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
                    if (displayed.ValueId is { } valueId)
                        displayIndex[valueId] = outputs.Count;
                    outputs.Add(new DataOutput(data, IsResult: false));
                    break;
                case ErrorProduced error:
                    AppendStream(outputs, "stderr", error.Message + "\n");
                    break;
                case CommandFailed failed when failureMessage is null:
                    failureMessage = failed.Message;
                    outputs.Add(ToError(failed));
                    break;
            }
        }
        earlier?.RecordNextCell(displayIndex);
        return outputs;
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

    private static void AppendStream(List<CellOutput> outputs, string name, string text)
    {
        if (text.Length == 0)
            return;
        if (outputs.Count > 0 && outputs[^1] is StreamOutput last && last.Name == name)
            outputs[^1] = last with { Text = last.Text + text };
        else
            outputs.Add(new StreamOutput(name, text));
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
}
