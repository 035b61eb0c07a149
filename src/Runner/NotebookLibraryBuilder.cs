using System.Diagnostics;
using System.Text;

namespace Differentials.Runner;

/// <summary>Builds what the notebooks <c>#r</c> (src/Notebook, which brings src/Kernel) in Release with a
/// child <c>dotnet build</c>, keeping its output to show only when the build fails.</summary>
internal static class NotebookLibraryBuilder
{
    /// <summary>The project the notebooks reference, relative to the repository root.</summary>
    public const string ProjectPath = "src/Notebook/Notebook.csproj";

    /// <summary>The command a person runs to build it by hand.</summary>
    public const string Command = "dotnet build " + ProjectPath + " -c Release";

    /// <summary>The outcome of a build.</summary>
    /// <param name="Succeeded">True when dotnet build exited 0.</param>
    /// <param name="Output">Its standard output and error, interleaved as received.</param>
    /// <param name="Elapsed">Wall time.</param>
    public sealed record Result(bool Succeeded, string Output, TimeSpan Elapsed);

    /// <summary>Runs <c>dotnet build PROJECT -c Release</c>.</summary>
    /// <param name="project">The project file to build.</param>
    /// <returns>Whether it built, and what it printed.</returns>
    public static async Task<Result> BuildAsync(string project)
    {
        var watch = Stopwatch.StartNew();
        if (!File.Exists(project))
            return new Result(false, $"Project file not found: {project}", watch.Elapsed);
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(Path.GetFullPath(project))!,
        };
        foreach (var argument in new[] { "build", Path.GetFullPath(project), "-c", "Release", "-nologo" })
            start.ArgumentList.Add(argument);
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";

        var output = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return new Result(false, $"Could not start dotnet: {e.Message}", watch.Elapsed);
        }
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await process.WaitForExitAsync();
        lock (output)
            return new Result(process.ExitCode == 0, output.ToString(), watch.Elapsed);
    }
}
