using System.Diagnostics;
using System.Reflection;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.Events;

namespace Differentials.Runner;

/// <summary>Executes a notebook's code cells in order in a fresh kernel inside the worker process, stopping at
/// the first cell that fails, and reports each cell to the runner as it starts and ends. Timeouts are the
/// runner's business: it kills this process when a cell runs too long.</summary>
/// <param name="channel">The pipe to the runner.</param>
/// <param name="maxOutputChars">The cap on the output kept per cell.</param>
internal sealed class NotebookExecutor(WorkerChannel channel, int maxOutputChars)
{
    /// <summary>The error name given to a cell that ran past the timeout.</summary>
    public const string TimeoutErrorName = "Timeout";

    /// <summary>The assembly whose <c>Differentials.NumericBackend.Describe()</c> names the backend.</summary>
    public const string KernelAssemblyName = "Differentials.Kernel";

    /// <summary>Creates a throwaway kernel and runs one line in it, so that the JIT work every kernel needs
    /// is done before the notebook's own kernel starts; nothing of it is left for the notebook to see.</summary>
    /// <returns>A task that ends when the throwaway kernel is disposed.</returns>
    public static async Task WarmUpAsync()
    {
        using var kernel = KernelFactory.Create();
        await kernel.SendAsync(new SubmitCode("1 + 1"));
    }

    /// <summary>Runs every code cell of <paramref name="notebook"/>, then reports the backend it ran on.</summary>
    /// <param name="notebook">A notebook read by <see cref="NotebookReader"/>.</param>
    /// <returns>A task that ends when every cell that was going to run has run.</returns>
    public async Task ExecuteAsync(NotebookDocument notebook)
    {
        var runs = new List<CellRun>(notebook.Cells.Count);
        var displays = new NotebookDisplays(runs);
        using var kernel = KernelFactory.Create();
        var executionCount = 0;
        var stopped = false;
        foreach (var cell in notebook.Cells)
        {
            if (stopped || !cell.IsCode || string.IsNullOrWhiteSpace(cell.Source))
            {
                runs.Add(CellRun.NotRun(cell));
                continue;
            }
            channel.CellStarted(cell.Index);
            var run = await ExecuteCellAsync(kernel, cell, ++executionCount, displays);
            runs.Add(run);
            foreach (var changed in displays.TakeChanged())
            {
                var update = WorkerProtocol.Message(WorkerProtocol.Update);
                update["cell"] = changed;
                update["outputs"] = WorkerProtocol.EncodeOutputs(runs[changed].Outputs);
                channel.Send(update);
            }
            var end = WorkerProtocol.Message(WorkerProtocol.End);
            end["cell"] = cell.Index;
            end["passed"] = run.State == CellState.Passed;
            end["count"] = run.ExecutionCount;
            end["seconds"] = run.Elapsed.TotalSeconds;
            end["outputs"] = WorkerProtocol.EncodeOutputs(run.Outputs);
            channel.CellEnded(end);
            stopped = run.State == CellState.Failed;
        }
        var backend = WorkerProtocol.Message(WorkerProtocol.Backend);
        backend["text"] = DescribeBackend();
        channel.Send(backend);
    }

    /// <summary>What <c>NumericBackend.Describe()</c> says in this process, if the notebook loaded the kernel
    /// library: found by name among the loaded assemblies, so the runner never references the kernel itself.</summary>
    /// <returns>The description, or a sentence saying why there is none.</returns>
    public static string DescribeBackend()
    {
        var kernel = AppDomain.CurrentDomain.GetAssemblies().FirstOrDefault(a => a.GetName().Name == KernelAssemblyName);
        if (kernel is null)
            return "none (the notebook did not load " + KernelAssemblyName + ")";
        try
        {
            var describe = kernel.GetType("Differentials.NumericBackend")?.GetMethod("Describe", BindingFlags.Public | BindingFlags.Static, Type.EmptyTypes);
            return describe?.Invoke(null, null) as string ?? $"unknown ({KernelAssemblyName} has no NumericBackend.Describe())";
        }
        catch (TargetInvocationException e)
        {
            return $"unknown (NumericBackend.Describe() threw {e.InnerException?.GetType().Name}: {e.InnerException?.Message})";
        }
    }

    private async Task<CellRun> ExecuteCellAsync(CompositeKernel kernel, NotebookCell cell, int executionCount, NotebookDisplays displays)
    {
        var watch = Stopwatch.StartNew();
        var collector = new EventCollector(channel);
        using var subscription = kernel.KernelEvents.Subscribe(collector);
        IReadOnlyList<KernelEvent> events;
        ErrorOutput? extraError = null;
        try
        {
            events = (await kernel.SendAsync(new SubmitCode(cell.Source))).Events;
        }
        catch (Exception e)
        {
            events = collector.Snapshot();
            extraError = new ErrorOutput(e.GetType().Name, FirstLine(e.Message), Lines(e.ToString()));
        }
        watch.Stop();
        var outputs = KernelEventMapper.ToOutputs(events, displays, maxOutputChars);
        if (extraError is not null)
            outputs.Add(extraError);
        var failed = extraError is not null || events.OfType<CommandFailed>().Any();
        return new CellRun(cell, failed ? CellState.Failed : CellState.Passed, executionCount, outputs, watch.Elapsed);
    }

    internal static string FirstLine(string text)
    {
        var line = text.AsSpan().TrimStart();
        var end = line.IndexOfAny('\r', '\n');
        return (end < 0 ? line : line[..end]).ToString();
    }

    internal static string[] Lines(string text) => text.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');

    // Collects events as they are published (a submission that throws still shows what it printed) and
    // forwards printed text to the runner at once, so that a cell that never ends still shows it.
    private sealed class EventCollector(WorkerChannel channel) : IObserver<KernelEvent>
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
            if (KernelEventMapper.TryGetPrinted(value, out var stream, out var text))
                channel.Printed(stream, text);
        }

        public void OnCompleted() { }

        public void OnError(Exception error) { }
    }
}
