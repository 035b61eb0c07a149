using Differentials.Runner;

// The kernel redirects Console.Out to capture what cells print; the runner writes its own progress to
// the process's real standard streams, opened before any kernel exists.
var stdout = new StreamWriter(Console.OpenStandardOutput()) { AutoFlush = true };
var stderr = new StreamWriter(Console.OpenStandardError()) { AutoFlush = true };
var exitCode = await new RunnerApp(stdout, stderr).RunAsync(args);
stderr.Flush();
stdout.Flush();
// A timed-out cell may still be running on a background thread: end the process without waiting for it.
Environment.Exit(exitCode);
