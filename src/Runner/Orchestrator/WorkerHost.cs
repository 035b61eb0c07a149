using System.Diagnostics;
using System.Globalization;
using System.IO.Pipes;
using System.Text.Json.Nodes;
using System.Threading.Channels;

namespace Differentials.Runner;

/// <summary>The limits a worker runs under.</summary>
/// <param name="CellTimeout">How long one cell may run; then the worker is killed.</param>
/// <param name="MemoryLimitBytes">The worker's GC heap hard limit, or null for none.</param>
/// <param name="MaxOutputChars">The most output characters kept per cell.</param>
internal sealed record WorkerLimits(TimeSpan CellTimeout, long? MemoryLimitBytes, int MaxOutputChars);

/// <summary>Runs each notebook in a worker process of its own (this executable in worker mode, standard input
/// closed, the notebook's folder as working directory, a clean runtime) and turns whatever happens there
/// into the notebook's run: cells that ended, a cell that ran past the timeout (the worker is killed), or a
/// worker that died (an exit, a crash, a kill), shown at the cell that was running. One worker is started
/// ahead and warms up while the current notebooks run, as long as notebooks remain.</summary>
/// <param name="limits">The limits.</param>
/// <param name="notebooks">How many notebooks will be run: no worker is started beyond that.</param>
internal sealed class WorkerHost(WorkerLimits limits, int notebooks) : IDisposable
{
    /// <summary>How many of the worker's last standard-error lines a crash report shows.</summary>
    public const int StderrTailLines = 20;

    /// <summary>Error name of a cell during which the worker process ended.</summary>
    public const string ProcessExitedErrorName = "ProcessExited";

    /// <summary>Error name of a cell during which the worker was killed by a signal.</summary>
    public const string ProcessKilledErrorName = "ProcessKilled";

    /// <summary>Error name of a cell that overflowed the worker's stack.</summary>
    public const string StackOverflowErrorName = "StackOverflow";

    private static readonly TimeSpan ExitGrace = TimeSpan.FromSeconds(10);
    private static int pipeCounter;
    private readonly object gate = new();
    private Worker? spare;
    private int unassigned = notebooks;

    /// <summary>Runs <paramref name="document"/> in a worker of its own.</summary>
    /// <param name="document">The notebook, as the runner read it.</param>
    /// <returns>The run; <see cref="NotebookRun.Backend"/> is what the notebook's kernel reported.</returns>
    public async Task<NotebookRun> RunAsync(NotebookDocument document)
    {
        var total = Stopwatch.StartNew();
        var session = new Session(document);
        Worker? worker = null;
        string? startProblem = null;
        for (var attempt = 0; attempt < 2 && worker is null; attempt++)
        {
            var candidate = Take();
            if (await candidate.ReadyAsync(limits.CellTimeout + TimeSpan.FromSeconds(60)).ConfigureAwait(false))
                worker = candidate;
            else
            {
                startProblem = $"a worker process did not start ({candidate.Describe()})";
                candidate.Dispose();
            }
        }
        if (worker is null)
            return new NotebookRun(document.Path, document, document.Cells.Select(CellRun.NotRun).ToArray(), total.Elapsed, startProblem);

        using (worker)
        {
            // The notebook's time starts when its warm worker takes it; the next notebook's worker warms up
            // while this one runs.
            total.Restart();
            PrepareSpare();
            var outcome = await worker.AssignAsync(document.Path).ConfigureAwait(false)
                ? await ReadMessagesAsync(worker.Reader, session).ConfigureAwait(false)
                : Outcome.Exited;
            if (outcome != Outcome.Done || !await WaitForExitAsync(worker.Process, ExitGrace))
                Kill(worker.Process);
            await WaitForExitAsync(worker.Process, ExitGrace);
            int? exitCode = worker.Process.HasExited ? worker.Process.ExitCode : null;
            return session.ToRun(outcome, exitCode, worker.Stderr.Lines(), limits.CellTimeout, total.Elapsed);
        }
    }

    /// <summary>Says that one of the announced notebooks will not run (it could not be read), so no worker
    /// is warmed up for it.</summary>
    public void Skip()
    {
        lock (gate)
            unassigned = Math.Max(0, unassigned - 1);
    }

    private Worker Take()
    {
        lock (gate)
        {
            unassigned = Math.Max(0, unassigned - 1);
            var taken = spare ?? Worker.Start(limits);
            spare = null;
            return taken;
        }
    }

    private void PrepareSpare()
    {
        lock (gate)
            if (spare is null && unassigned > 0)
                spare = Worker.Start(limits);
    }

    /// <summary>Kills a spare worker that no notebook needed.</summary>
    public void Dispose()
    {
        lock (gate)
        {
            spare?.Dispose();
            spare = null;
        }
    }

    // One worker process and its pipe.
    private sealed class Worker : IDisposable
    {
        private readonly NamedPipeServerStream pipe;
        private readonly Task<bool> ready;
        private bool started;

        private Worker(WorkerLimits limits)
        {
            var name = $"dwr-{Environment.ProcessId}-{Interlocked.Increment(ref pipeCounter)}";
            pipe = new NamedPipeServerStream(name, PipeDirection.InOut, 1, PipeTransmissionMode.Byte, PipeOptions.Asynchronous);
            Reader = new StreamReader(pipe, leaveOpen: true);
            Process = new Process { StartInfo = StartInfo(limits, name) };
            Process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Stderr.Add(e.Data); };
            Process.OutputDataReceived += (_, _) => { }; // stray writes to the real stdout: drained, not kept
            try
            {
                Process.Start();
                started = true;
                Process.StandardInput.Close();
                Process.BeginErrorReadLine();
                Process.BeginOutputReadLine();
                ready = WaitUntilReadyAsync();
            }
            catch (System.ComponentModel.Win32Exception e)
            {
                Stderr.Add($"could not start {Process.StartInfo.FileName}: {e.Message}");
                ready = Task.FromResult(false);
            }
        }

        public Process Process { get; }

        public StreamReader Reader { get; }

        public LineTail Stderr { get; } = new(StderrTailLines);

        public static Worker Start(WorkerLimits limits) => new(limits);

        public async Task<bool> ReadyAsync(TimeSpan timeout) =>
            await Task.WhenAny(ready, Task.Delay(timeout)).ConfigureAwait(false) == ready && await ready.ConfigureAwait(false);

        private async Task<bool> WaitUntilReadyAsync()
        {
            var connect = pipe.WaitForConnectionAsync();
            if (await Task.WhenAny(connect, Process.WaitForExitAsync()).ConfigureAwait(false) != connect || !connect.IsCompletedSuccessfully)
                return false;
            try
            {
                return await Reader.ReadLineAsync().ConfigureAwait(false) is { } line
                    && (string?)WorkerProtocol.Parse(line)?["t"] == WorkerProtocol.Ready;
            }
            catch (IOException)
            {
                return false;
            }
        }

        public async Task<bool> AssignAsync(string notebook)
        {
            try
            {
                var line = WorkerProtocol.ToLine(new JsonObject { ["notebook"] = notebook }) + "\n";
                await pipe.WriteAsync(System.Text.Encoding.UTF8.GetBytes(line)).ConfigureAwait(false);
                await pipe.FlushAsync().ConfigureAwait(false);
                return true;
            }
            catch (IOException)
            {
                return false;
            }
        }

        public string Describe()
        {
            var code = Process.HasExited ? $"exit code {Process.ExitCode}" : "it did not say it was ready";
            var lines = Stderr.Lines();
            return lines.Count == 0 ? code : $"{code}; standard error: {string.Join(" | ", lines)}";
        }

        public void Dispose()
        {
            if (started && !Process.HasExited)
                Kill(Process);
            Reader.Dispose();
            pipe.Dispose();
            Process.Dispose();
        }

        private static ProcessStartInfo StartInfo(WorkerLimits limits, string pipeName)
        {
            var (program, prefix) = WorkerCommand();
            var start = new ProcessStartInfo(program)
            {
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in prefix.Concat([WorkerProtocol.WorkerFlag, pipeName, limits.MaxOutputChars.ToString(CultureInfo.InvariantCulture)]))
                start.ArgumentList.Add(argument);
            if (limits.MemoryLimitBytes is { } bytes)
            {
                start.Environment["DOTNET_GCHeapHardLimit"] = bytes.ToString("X", CultureInfo.InvariantCulture);
                // The runner's 128 MB GC regions (build/LargeArrayGc.props) need ten times that much reserved
                // at start: under a hard limit the runtime would not start. 4 MB regions fit any limit allowed.
                start.Environment["DOTNET_GCRegionSize"] = "400000";
            }
            start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
            start.Environment["DOTNET_NOLOGO"] = "1";
            return start;
        }
    }

    // The runner's own executable in worker mode: its apphost when that is what runs, else `dotnet Runner.dll`
    // (inside a test host, say).
    private static (string Program, string[] Prefix) WorkerCommand()
    {
        var dll = typeof(WorkerHost).Assembly.Location;
        var self = Environment.ProcessPath;
        if (self is not null && Path.GetFileNameWithoutExtension(self) == Path.GetFileNameWithoutExtension(dll) && !self.EndsWith(".dll", StringComparison.Ordinal))
            return (self, []);
        var muxer = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (string.IsNullOrEmpty(muxer) || !File.Exists(muxer))
            muxer = self is not null && Path.GetFileNameWithoutExtension(self) == "dotnet" ? self : "dotnet";
        return (muxer, [dll]);
    }

    private async Task<Outcome> ReadMessagesAsync(StreamReader reader, Session session)
    {
        var messages = Channel.CreateUnbounded<JsonObject>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        var reading = Task.Run(async () =>
        {
            try
            {
                while (await reader.ReadLineAsync().ConfigureAwait(false) is { } line)
                    if (WorkerProtocol.Parse(line) is { } message)
                        messages.Writer.TryWrite(message);
            }
            catch (IOException)
            {
                // The worker died mid-write: what arrived before stands.
            }
            messages.Writer.TryComplete();
        });

        var lastMessage = Stopwatch.StartNew();
        while (true)
        {
            // A running cell has the timeout from its start; between cells (and while the kernel starts) the
            // worker may be silent that long.
            var remaining = (session.CellClock?.Elapsed is { } running ? limits.CellTimeout - running : limits.CellTimeout - lastMessage.Elapsed);
            if (remaining <= TimeSpan.Zero)
                return Outcome.TimedOut;
            using var deadline = new CancellationTokenSource(remaining);
            bool more;
            try
            {
                more = await messages.Reader.WaitToReadAsync(deadline.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return Outcome.TimedOut;
            }
            if (!more)
            {
                await reading.ConfigureAwait(false);
                return Outcome.Exited;
            }
            while (messages.Reader.TryRead(out var message))
            {
                lastMessage.Restart();
                if (session.Handle(message))
                    return Outcome.Done;
            }
        }
    }

    private static async Task<bool> WaitForExitAsync(Process process, TimeSpan grace)
    {
        using var timeout = new CancellationTokenSource(grace);
        try
        {
            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            return process.HasExited;
        }
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It exited on its own meanwhile.
        }
    }

    /// <summary>How the conversation with a worker ended.</summary>
    internal enum Outcome
    {
        /// <summary>The worker said it was done.</summary>
        Done,
        /// <summary>The pipe closed before that: the process ended.</summary>
        Exited,
        /// <summary>A cell ran past the timeout, or the worker was silent that long.</summary>
        TimedOut,
    }

    // The notebook's run as the messages build it.
    private sealed class Session(NotebookDocument document)
    {
        private readonly CellRun[] cells = document.Cells.Select(CellRun.NotRun).ToArray();
        private readonly List<(string Name, System.Text.StringBuilder Text)> partial = [];
        private int? running;
        private int lastCount;
        private string? backend;
        private (string Name, string Text)? fatal;

        public Stopwatch? CellClock { get; private set; }

        // Returns true on "done".
        public bool Handle(JsonObject message)
        {
            switch ((string?)message["t"])
            {
                case WorkerProtocol.Start:
                    running = (int)message["cell"]!;
                    partial.Clear();
                    CellClock = Stopwatch.StartNew();
                    break;
                case WorkerProtocol.Text:
                    var name = (string)message["name"]!;
                    var text = (string)message["text"]!;
                    if (partial.Count > 0 && partial[^1].Name == name)
                        partial[^1].Text.Append(text);
                    else
                        partial.Add((name, new System.Text.StringBuilder(text)));
                    break;
                case WorkerProtocol.Update:
                    var updated = (int)message["cell"]!;
                    cells[updated] = cells[updated] with { Outputs = WorkerProtocol.DecodeOutputs(message["outputs"]) };
                    break;
                case WorkerProtocol.End:
                    var index = (int)message["cell"]!;
                    lastCount = (int?)message["count"] ?? lastCount + 1;
                    cells[index] = new CellRun(document.Cells[index], (bool)message["passed"]! ? CellState.Passed : CellState.Failed,
                        lastCount, WorkerProtocol.DecodeOutputs(message["outputs"]), TimeSpan.FromSeconds((double)message["seconds"]!));
                    running = null;
                    CellClock = null;
                    partial.Clear();
                    break;
                case WorkerProtocol.Backend:
                    backend = (string?)message["text"];
                    break;
                case WorkerProtocol.Fatal:
                    fatal = ((string?)message["name"] ?? "Exception", (string?)message["text"] ?? "");
                    break;
                case WorkerProtocol.Done:
                    return true;
            }
            return false;
        }

        public NotebookRun ToRun(Outcome outcome, int? exitCode, IReadOnlyList<string> stderrTail, TimeSpan timeout, TimeSpan elapsed)
        {
            string? problem = null;
            if (outcome != Outcome.Done)
            {
                var error = outcome == Outcome.TimedOut
                    ? TimeoutError(timeout, running)
                    : CrashError(exitCode, fatal, stderrTail, running);
                if (running is { } index)
                {
                    var outputs = partial.Select(p => (CellOutput)new StreamOutput(p.Name, p.Text.ToString())).Append(error).ToList();
                    cells[index] = new CellRun(document.Cells[index], CellState.Failed, lastCount + 1, outputs, CellClock?.Elapsed ?? TimeSpan.Zero);
                }
                else
                    problem = $"{error.Value}" + (outcome == Outcome.TimedOut ? "" : " before any cell ran or between cells");
            }
            return new NotebookRun(document.Path, document, cells, elapsed, problem)
            {
                Backend = backend ?? "unknown (the notebook's process ended before it could say)",
            };
        }

        private static ErrorOutput TimeoutError(TimeSpan timeout, int? cell)
        {
            var seconds = timeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
            var value = cell is { } index
                ? $"the cell did not finish within {seconds} s (the --timeout option); the runner killed the notebook's process"
                : $"the notebook's process said nothing for {seconds} s outside any cell (the --timeout option); the runner killed it";
            var where = cell is { } i ? $"cell {i + 1}" : "the notebook";
            return new ErrorOutput(TimeoutErrorName, value, [$"Timeout: {where} did not finish within {seconds} s; its worker process was killed, so nothing it started keeps running."]);
        }

        private const string TimeoutErrorName = NotebookExecutor.TimeoutErrorName;

        private static ErrorOutput CrashError(int? exitCode, (string Name, string Text)? fatal, IReadOnlyList<string> stderrTail, int? cell)
        {
            var code = exitCode is { } c ? c.ToString(CultureInfo.InvariantCulture) : "unknown";
            var during = cell is { } index ? $" while cell {index + 1} ran" : "";
            var signal = exitCode is > 128 and < 160 ? SignalName(exitCode.Value - 128) : null;
            string name, value;
            if (fatal is { } f)
            {
                name = f.Name;
                value = $"an exception no code caught ended the notebook's process{during} (exit code {code}): {NotebookExecutor.FirstLine(f.Text)}";
            }
            else if (stderrTail.Any(l => l.Contains("Stack overflow", StringComparison.OrdinalIgnoreCase)))
            {
                name = StackOverflowErrorName;
                value = $"the notebook's process overflowed its stack{during} and the runtime ended it (exit code {code}{(signal is null ? "" : ", " + signal)})";
            }
            else if (signal is not null)
            {
                name = ProcessKilledErrorName;
                var why = signal == "SIGKILL" ? ": the system's out-of-memory killer ends a process this way when memory runs out (see --memory-limit), as does kill -9"
                    : signal == "SIGABRT" ? ": the .NET runtime aborts this way on a fatal error" : "";
                value = $"the notebook's process was killed by {signal}{during} (exit code {code}){why}";
            }
            else
            {
                name = ProcessExitedErrorName;
                value = $"the notebook's process exited with code {code}{during} (Environment.Exit, or a native exit), so the notebook did not finish";
            }
            var traceback = new List<string> { $"{name}: {value}" };
            if (fatal is { } withText)
                traceback.AddRange(NotebookExecutor.Lines(withText.Text));
            if (stderrTail.Count > 0)
            {
                traceback.Add("What the process wrote to standard error (its first and last lines):");
                traceback.AddRange(stderrTail);
            }
            return new ErrorOutput(name, value, traceback);
        }

        private static string SignalName(int signal) => signal switch
        {
            1 => "SIGHUP",
            2 => "SIGINT",
            4 => "SIGILL",
            6 => "SIGABRT",
            7 => "SIGBUS",
            8 => "SIGFPE",
            9 => "SIGKILL",
            11 => "SIGSEGV",
            13 => "SIGPIPE",
            15 => "SIGTERM",
            _ => $"signal {signal}",
        };
    }

    // The first few and the last lines of a stream, each cut to a readable length: a stack overflow prints
    // its cause first and thousands of frames after it.
    internal sealed class LineTail(int capacity)
    {
        private const int MaxLineLength = 400;
        private const int HeadLines = 3;
        private readonly List<string> head = [];
        private readonly Queue<string> lines = new();
        private long skipped;

        public void Add(string line)
        {
            var cut = line.Length > MaxLineLength ? line[..MaxLineLength] + " …" : line;
            lock (lines)
            {
                if (head.Count < HeadLines)
                {
                    head.Add(cut);
                    return;
                }
                if (lines.Count == capacity)
                {
                    lines.Dequeue();
                    skipped++;
                }
                lines.Enqueue(cut);
            }
        }

        public IReadOnlyList<string> Lines()
        {
            lock (lines)
                return skipped == 0 ? [.. head, .. lines] : [.. head, $"… ({skipped:N0} lines)", .. lines];
        }
    }
}
