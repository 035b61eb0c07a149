using Differentials.Runner;

if (args.Length > 0 && args[0] == WorkerProtocol.WorkerFlag)
{
    // A worker: one notebook in this process. Exit at once when it is done, without waiting for threads a
    // cell may have left running.
    var workerExit = await NotebookWorker.RunAsync(args, Console.Error);
    Environment.Exit(workerExit);
}

// The orchestrator runs no notebook code: its standard streams are its own.
var stdout = new StreamWriter(Console.OpenStandardOutput()) { AutoFlush = true };
var stderr = new StreamWriter(Console.OpenStandardError()) { AutoFlush = true };
var exitCode = await new RunnerApp(stdout, stderr).RunAsync(args);
stderr.Flush();
stdout.Flush();
return exitCode;
