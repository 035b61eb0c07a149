using System.Diagnostics;
using System.Globalization;

namespace Differentials.Runner;

/// <summary>The runner from command line to exit code: select notebooks, build the library they use,
/// execute each one, write its reports and the index, and end with "N passed, N failed".</summary>
/// <param name="output">Progress and the summary line.</param>
/// <param name="error">Problems (bad input, failed builds).</param>
/// <param name="workingDirectory">Where to look for the repository (by default the current directory).</param>
internal sealed class RunnerApp(TextWriter output, TextWriter error, string? workingDirectory = null)
{
    /// <summary>Exit code when every notebook passed.</summary>
    public const int Success = 0;

    /// <summary>Exit code when a notebook failed or could not be read, or the build failed.</summary>
    public const int Failure = 1;

    /// <summary>Exit code for a command line the runner does not understand.</summary>
    public const int UsageError = 2;

    /// <summary>Parses <paramref name="args"/> and runs.</summary>
    /// <param name="args">The command line.</param>
    /// <returns>The process exit code.</returns>
    public async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        RunnerOptions options;
        try
        {
            options = RunnerOptions.Parse(args);
        }
        catch (RunnerOptionsException e)
        {
            error.WriteLine(e.Message);
            error.WriteLine(RunnerOptions.Usage);
            return UsageError;
        }
        if (options.Help)
        {
            output.WriteLine(RunnerOptions.Usage);
            return Success;
        }
        return await RunAsync(options);
    }

    /// <summary>Runs with parsed options.</summary>
    /// <param name="options">What to run and where to write.</param>
    /// <returns>The process exit code.</returns>
    public async Task<int> RunAsync(RunnerOptions options)
    {
        var started = DateTimeOffset.UtcNow;
        var total = Stopwatch.StartNew();
        var root = RepositoryLocator.TryFind(workingDirectory ?? Directory.GetCurrentDirectory());

        IReadOnlyList<string> notebooks;
        try
        {
            notebooks = NotebookSelector.Select(options.Notebooks, root is null ? null : Path.Combine(root, "notebooks"));
        }
        catch (IOException e)
        {
            error.WriteLine(e.Message);
            output.WriteLine("0 passed, 1 failed");
            return Failure;
        }

        // Reports are named after the notebook: two selected notebooks with one report name would overwrite each other's.
        if (!options.NoReports && notebooks.GroupBy(ReportNames.Html, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1) is { } clash)
        {
            error.WriteLine($"Two selected notebooks would both have the report {clash.Key} ({string.Join(", ", clash)}): their reports would overwrite each other. Run them separately or with different --output folders.");
            output.WriteLine($"0 passed, {notebooks.Count} failed");
            return Failure;
        }

        if (!options.NoBuild && !await BuildLibraryAsync(root))
        {
            output.WriteLine($"0 passed, {notebooks.Count} failed");
            return Failure;
        }

        // The output folder is checked (links resolved, writable, not a source folder) and locked before any notebook runs.
        OutputFolder? outputFolder = null;
        if (!options.NoReports)
        {
            try
            {
                outputFolder = OutputFolder.Open(options.OutputDirectory ?? Path.Combine(root ?? workingDirectory ?? Directory.GetCurrentDirectory(), "artifacts", "reports"), notebooks);
            }
            catch (OutputFolderException e)
            {
                error.WriteLine(e.Message);
                return UsageError;
            }
            if (outputFolder.StaleTemporariesRemoved > 0)
                output.WriteLine($"Removed {outputFolder.StaleTemporariesRemoved} temporary file(s) an interrupted earlier run left in {outputFolder.Path}.");
        }
        using var heldFolder = outputFolder;

        var jobs = Math.Min(options.Jobs, Math.Max(1, notebooks.Count));
        output.WriteLine($"Running {notebooks.Count} notebook(s), {jobs} at a time, each in its own process (timeout {options.CellTimeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s per cell).");
        using var host = new WorkerHost(new WorkerLimits(options.CellTimeout, options.MemoryLimitBytes, options.MaxOutputChars), notebooks.Count);
        var reports = new ReportSettings(options.SanitizeHtml);
        var runs = new NotebookRun[notebooks.Count];
        var finished = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, notebooks.Count), new ParallelOptions { MaxDegreeOfParallelism = jobs }, async (i, _) =>
        {
            var run = await RunOneAsync(notebooks[i], host);
            if (outputFolder is not null && WriteReports(run, started, outputFolder.Path, reports) is { } problem)
                run = run with { Problem = problem };
            runs[i] = run;
            lock (output)
                output.WriteLine($"[{++finished}/{notebooks.Count}] {Path.GetFileName(run.Path)} {Status(run)}");
        });

        output.WriteLine("Summary:");
        foreach (var run in runs)
            output.WriteLine($"  {(run.Passed ? "passed" : "FAILED"),-6}  {Seconds(run.Elapsed),9}  {Path.GetFileName(run.Path)}{(run.Passed ? "" : ": " + run.FailureSummary)}");
        var backends = runs.Where(r => r.Document is not null).Select(r => r.Backend).Distinct().ToArray();
        if (backends.Length == 1)
            output.WriteLine($"Numerical backend: {backends[0]}");
        else
            foreach (var run in runs.Where(r => r.Document is not null))
                output.WriteLine($"Numerical backend of {run.Name}: {run.Backend}");

        var indexFailed = false;
        if (outputFolder is not null)
        {
            try
            {
                var index = IndexWriter.Write(runs, started, total.Elapsed, outputFolder.Path);
                output.WriteLine($"Reports: {index}");
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                indexFailed = true;
                error.WriteLine($"error: could not write {Path.Combine(outputFolder.Path, ReportNames.Index)}: {e.Message}");
            }
        }
        output.WriteLine($"Total time: {Seconds(total.Elapsed)}");
        var passed = runs.Count(r => r.Passed);
        output.WriteLine($"{passed} passed, {runs.Length - passed} failed");
        return passed == runs.Length && !indexFailed ? Success : Failure;
    }

    private static string Status(NotebookRun run) => run.Passed
        ? $"passed in {Seconds(run.Elapsed)}"
        : $"FAILED in {Seconds(run.Elapsed)}: {run.FailureSummary}";

    private async Task<NotebookRun> RunOneAsync(string path, WorkerHost host)
    {
        NotebookDocument document;
        try
        {
            document = NotebookReader.Read(path);
        }
        catch (Exception e) when (e is NotebookFormatException or IOException or UnauthorizedAccessException)
        {
            lock (output)
                error.WriteLine($"error: {e.Message}");
            host.Skip();
            return NotebookRun.Unreadable(path, e.Message);
        }
        var run = await host.RunAsync(document);
        // A cell that rewrote its own notebook must not pass: the file is no longer what ran.
        if (!SameBytes(document) && run.Problem is null)
            run = run with { Problem = $"{path} changed while it ran (its SHA-256 differs from the one read before): a cell wrote to its own source notebook" };
        return run;
    }

    private static bool SameBytes(NotebookDocument document)
    {
        try
        {
            return document.Sha256 == Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(document.Path)));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    // Returns why the reports could not be written, or null; a notebook without its reports counts as failed.
    private string? WriteReports(NotebookRun run, DateTimeOffset started, string folder, ReportSettings settings)
    {
        if (run.Document is null)
            return null;
        try
        {
            ExecutedNotebookWriter.Write(run, Path.Combine(folder, ReportNames.Ipynb(run.Path)));
            HtmlReportWriter.Write(run, started, Path.Combine(folder, ReportNames.Html(run.Path)), settings);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            var problem = $"could not write the reports of {run.Path}: {e.Message}";
            lock (output)
                error.WriteLine($"error: {problem}");
            return problem;
        }
    }

    private async Task<bool> BuildLibraryAsync(string? root)
    {
        if (root is null)
        {
            error.WriteLine($"No repository found (no {RepositoryLocator.MarkerFile} here or above), so the notebook library cannot be built: run from the repository or pass --no-build.");
            return false;
        }
        output.Write($"Building {NotebookLibraryBuilder.ProjectPath} (Release)... ");
        var result = await NotebookLibraryBuilder.BuildAsync(Path.Combine(root, NotebookLibraryBuilder.ProjectPath));
        if (result.Succeeded)
        {
            output.WriteLine($"done in {Seconds(result.Elapsed)}");
            return true;
        }
        output.WriteLine("FAILED");
        error.WriteLine(result.Output);
        error.WriteLine($"The notebooks #r the notebook library, which did not build. Build it with `{NotebookLibraryBuilder.Command}` (from {root}), fix the errors, and run again (or pass --no-build).");
        return false;
    }

    private static string Seconds(TimeSpan time) => time.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture) + " s";
}
