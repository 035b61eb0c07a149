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

        // Reports are named after the notebook: two selected notebooks with one name would overwrite each other's.
        if (!options.NoReports && notebooks.GroupBy(Path.GetFileNameWithoutExtension).FirstOrDefault(g => g.Count() > 1) is { } clash)
        {
            error.WriteLine($"Two selected notebooks are named {clash.Key}.ipynb ({string.Join(", ", clash)}): their reports would overwrite each other. Run them separately or with different --output folders.");
            output.WriteLine($"0 passed, {notebooks.Count} failed");
            return Failure;
        }

        var backend = Differentials.NumericBackend.Describe();
        output.WriteLine($"Numerical backend: {backend}");

        if (!options.NoBuild && !await BuildLibraryAsync(root))
        {
            output.WriteLine($"0 passed, {notebooks.Count} failed");
            return Failure;
        }

        var outputFolder = options.NoReports ? null
            : Path.GetFullPath(options.OutputDirectory ?? Path.Combine(root ?? workingDirectory ?? Directory.GetCurrentDirectory(), "artifacts", "reports"));
        var executor = new NotebookExecutor(options.CellTimeout, output);
        var runs = new List<NotebookRun>(notebooks.Count);
        for (var i = 0; i < notebooks.Count; i++)
        {
            output.WriteLine($"[{i + 1}/{notebooks.Count}] {Path.GetFileName(notebooks[i])}");
            var run = await RunOneAsync(notebooks[i], executor);
            if (outputFolder is not null && WriteReports(run, backend, started, outputFolder) is { } problem)
                run = run with { Problem = problem };
            runs.Add(run);
            output.WriteLine(run.Passed
                ? $"  passed in {Seconds(run.Elapsed)}"
                : $"  FAILED in {Seconds(run.Elapsed)}: {run.FailureSummary}");
        }

        if (outputFolder is not null)
        {
            var index = IndexWriter.Write(runs, backend, started, total.Elapsed, outputFolder);
            output.WriteLine($"Reports: {index}");
        }
        output.WriteLine($"Total time: {Seconds(total.Elapsed)}");
        var passed = runs.Count(r => r.Passed);
        output.WriteLine($"{passed} passed, {runs.Count - passed} failed");
        return passed == runs.Count ? Success : Failure;
    }

    private async Task<NotebookRun> RunOneAsync(string path, NotebookExecutor executor)
    {
        NotebookDocument document;
        try
        {
            document = NotebookReader.Read(path);
        }
        catch (Exception e) when (e is NotebookFormatException or IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"error: {e.Message}");
            return NotebookRun.Unreadable(path, e.Message);
        }
        return await executor.ExecuteAsync(document);
    }

    // Returns why the reports could not be written, or null; a notebook without its reports counts as failed.
    private string? WriteReports(NotebookRun run, string backend, DateTimeOffset started, string folder)
    {
        if (run.Document is null)
            return null;
        try
        {
            ExecutedNotebookWriter.Write(run, Path.Combine(folder, run.Name + ".ipynb"));
            HtmlReportWriter.Write(run, backend, started, Path.Combine(folder, run.Name + ".html"));
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            var problem = $"could not write the reports of {run.Path}: {e.Message}";
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
