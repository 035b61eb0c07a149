using System.Globalization;
using System.IO.Pipes;

namespace Differentials.Runner;

/// <summary>The worker mode of the runner's executable: <c>--worker PIPE MAX_OUTPUT_CHARS</c>. The worker
/// connects to the runner's pipe, warms up (a throwaway kernel compiles one line, so the JIT work every
/// kernel needs is done while the runner is still busy with the previous notebook), says "ready", reads the
/// notebook to run, makes its folder the working directory, runs it in a fresh kernel and reports each cell.
/// Standard input is closed by the runner; the process runs one notebook and exits.</summary>
internal static class NotebookWorker
{
    /// <summary>Exit code when the worker was started with bad arguments or could not reach the runner.</summary>
    public const int StartFailure = 70;

    /// <summary>Runs the worker.</summary>
    /// <param name="args">The command line, starting with <see cref="WorkerProtocol.WorkerFlag"/>.</param>
    /// <param name="error">Where to say what went wrong before the pipe exists.</param>
    /// <returns>The exit code (0 when every message was sent).</returns>
    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter error)
    {
        if (args.Count != 3 || !int.TryParse(args[2], NumberStyles.None, CultureInfo.InvariantCulture, out var maxOutput) || maxOutput < 1)
        {
            error.WriteLine($"usage: {WorkerProtocol.WorkerFlag} PIPE MAX_OUTPUT_CHARS (the runner starts workers itself)");
            return StartFailure;
        }
        var pipe = new NamedPipeClientStream(".", args[1], PipeDirection.InOut);
        try
        {
            await pipe.ConnectAsync(30_000);
        }
        catch (Exception e) when (e is TimeoutException or IOException)
        {
            error.WriteLine($"worker: cannot reach the runner's pipe {args[1]}: {e.Message}");
            return StartFailure;
        }

        using var channel = new WorkerChannel(pipe, maxOutput);
        // What a dying process can still say: an exception no code caught (on a background thread, say),
        // and the text a cell printed just before Environment.Exit.
        AppDomain.CurrentDomain.UnhandledException += (_, e) =>
        {
            var fatal = WorkerProtocol.Message(WorkerProtocol.Fatal);
            fatal["name"] = e.ExceptionObject.GetType().Name;
            fatal["text"] = e.ExceptionObject.ToString();
            channel.Send(fatal);
        };
        AppDomain.CurrentDomain.ProcessExit += (_, _) => channel.FlushPending();

        await NotebookExecutor.WarmUpAsync();
        channel.Send(WorkerProtocol.Message(WorkerProtocol.Ready));
        using var reader = new StreamReader(pipe, leaveOpen: true);
        if (await reader.ReadLineAsync() is not { } line || WorkerProtocol.Parse(line)?["notebook"]?.GetValue<string>() is not { } path)
            return 0; // the runner needed no more notebooks (or is gone)

        // Relative `#r "../src/...dll"` resolves against the working directory, as in VS Code.
        Directory.SetCurrentDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var document = NotebookReader.Read(path);
        await new NotebookExecutor(channel, maxOutput).ExecuteAsync(document);
        channel.Send(WorkerProtocol.Message(WorkerProtocol.Done));
        return 0;
    }
}
