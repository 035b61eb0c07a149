namespace Differentials.Runner.Tests;

/// <summary>What one in-process run of the runner printed and returned.</summary>
internal sealed record RunnerResult(int ExitCode, string Output, string Error)
{
    public string[] OutputLines => Output.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');

    public string LastLine => OutputLines[^1];
}

internal static class RunnerHarness
{
    /// <summary>Runs the runner's entry logic in this process, as `dotnet run` would with these arguments.</summary>
    public static async Task<RunnerResult> RunAsync(string workingDirectory, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await new RunnerApp(output, error, workingDirectory).RunAsync(args);
        return new RunnerResult(exitCode, output.ToString(), error.ToString());
    }
}
