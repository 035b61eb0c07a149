using System.Diagnostics;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.Events;

namespace Differentials.Runner;

/// <summary>Executes a notebook's code cells in order in a fresh in-process kernel, with the notebook's
/// folder as working directory, stopping at the first cell that fails or runs past the timeout.</summary>
/// <param name="cellTimeout">How long one cell may run before it counts as failed.</param>
/// <param name="progress">Where per-cell progress lines go (null for none).</param>
internal sealed class NotebookExecutor(TimeSpan cellTimeout, TextWriter? progress = null)
{
    /// <summary>Runs every code cell of <paramref name="notebook"/>.</summary>
    /// <param name="notebook">A notebook read by <see cref="NotebookReader"/>.</param>
    /// <returns>One <see cref="CellRun"/> per cell and the total time.</returns>
    public async Task<NotebookRun> ExecuteAsync(NotebookDocument notebook)
    {
        var total = Stopwatch.StartNew();
        var runs = new List<CellRun>(notebook.Cells.Count);
        var displays = new NotebookDisplays(runs);
        var previousDirectory = Directory.GetCurrentDirectory();
        CompositeKernel? kernel = null;
        var abandoned = false;
        try
        {
            // Relative `#r "../src/...dll"` resolves against the working directory, as in VS Code.
            Directory.SetCurrentDirectory(notebook.Folder);
            kernel = KernelFactory.Create();
            var executionCount = 0;
            var stopped = false;
            foreach (var cell in notebook.Cells)
            {
                if (stopped || !cell.IsCode || string.IsNullOrWhiteSpace(cell.Source))
                {
                    runs.Add(CellRun.NotRun(cell));
                    continue;
                }
                var run = await ExecuteCellAsync(kernel, cell, ++executionCount, displays);
                runs.Add(run);
                Report(run);
                if (run.State == CellState.Failed)
                {
                    stopped = true;
                    abandoned = run.Outputs.OfType<ErrorOutput>().Any(e => e.Name == TimeoutErrorName);
                }
            }
        }
        finally
        {
            Directory.SetCurrentDirectory(previousDirectory);
            // A timed-out submission may still be running on its thread: leave that kernel to the garbage
            // collector rather than block on disposing it.
            if (!abandoned)
                kernel?.Dispose();
        }
        return new NotebookRun(notebook.Path, notebook, runs, total.Elapsed);
    }

    /// <summary>The error name given to a cell that ran past the timeout.</summary>
    public const string TimeoutErrorName = "Timeout";

    private async Task<CellRun> ExecuteCellAsync(CompositeKernel kernel, NotebookCell cell, int executionCount, NotebookDisplays displays)
    {
        var watch = Stopwatch.StartNew();
        var collector = new EventCollector();
        using var subscription = kernel.KernelEvents.Subscribe(collector);
        using var cancellation = new CancellationTokenSource();
        var command = new SubmitCode(cell.Source);
        // Task.Run: a submission that loops without awaiting would otherwise hold this thread.
        var submission = Task.Run(() => kernel.SendAsync(command, cancellation.Token));
        var finished = await Task.WhenAny(submission, Task.Delay(cellTimeout)) == submission;
        watch.Stop();

        IReadOnlyList<KernelEvent> events;
        ErrorOutput? extraError = null;
        if (!finished)
        {
            cancellation.Cancel();
            events = collector.Snapshot();
            extraError = new ErrorOutput(TimeoutErrorName,
                $"the cell did not finish within {cellTimeout.TotalSeconds:0.###} s (the --timeout option); it was cancelled",
                [$"Timeout: cell {cell.Number} did not finish within {cellTimeout.TotalSeconds:0.###} s and was cancelled."]);
        }
        else
        {
            try
            {
                events = (await submission).Events;
            }
            catch (Exception e)
            {
                events = collector.Snapshot();
                extraError = new ErrorOutput(e.GetType().Name, FirstLine(e.Message), Lines(e.ToString()));
            }
        }

        var outputs = KernelEventMapper.ToOutputs(events, displays);
        if (extraError is not null)
            outputs.Add(extraError);
        var failed = extraError is not null || events.OfType<CommandFailed>().Any();
        return new CellRun(cell, failed ? CellState.Failed : CellState.Passed, executionCount, outputs, watch.Elapsed);
    }

    private void Report(CellRun run)
    {
        if (progress is null)
            return;
        var status = run.State == CellState.Failed ? "FAILED" : "ok";
        var line = $"  cell {run.Cell.Number,3} [{run.ExecutionCount}] {status,-6} {run.Elapsed.TotalSeconds,7:0.00} s";
        if (run.State == CellState.Failed && run.Outputs.OfType<ErrorOutput>().LastOrDefault() is { } error)
            line += $"  {error.Name}: {error.Value}";
        progress.WriteLine(line);
    }

    internal static string FirstLine(string text)
    {
        var line = text.AsSpan().TrimStart();
        var end = line.IndexOfAny('\r', '\n');
        return (end < 0 ? line : line[..end]).ToString();
    }

    internal static string[] Lines(string text) => text.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');

    // Collects events as they are published, so a timed-out cell still shows what it printed.
    private sealed class EventCollector : IObserver<KernelEvent>
    {
        private readonly List<KernelEvent> events = [];

        public IReadOnlyList<KernelEvent> Snapshot()
        {
            lock (events)
                return events.ToArray();
        }

        public void OnNext(KernelEvent value)
        {
            lock (events)
                events.Add(value);
        }

        public void OnCompleted() { }

        public void OnError(Exception error) { }
    }
}
