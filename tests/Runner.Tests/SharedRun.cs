namespace Differentials.Runner.Tests;

/// <summary>One run of the runner over the test notebooks (all but the slow timeout one), shared by the
/// fixtures that inspect its results: the kernel's cold start is paid once.</summary>
internal static class SharedRun
{
    public static readonly string[] Names = ["compile-error", "malformed", "passing", "plain", "python-kernel", "runtime-error"];

    private static readonly Lazy<Task<(TestNotebooks Notebooks, Dictionary<string, string> HashesBefore, RunnerResult Result)>> Run = new(async () =>
    {
        var notebooks = new TestNotebooks(Names);
        var before = notebooks.Hashes();
        var result = await RunnerHarness.RunAsync(notebooks.Root, "--no-build", "--output", notebooks.Output, notebooks.Folder);
        return (notebooks, before, result);
    });

    public static void DisposeIfStarted()
    {
        if (Run.IsValueCreated && Run.Value.IsCompletedSuccessfully)
            Run.Value.Result.Notebooks.Dispose();
    }

    public static Task<(TestNotebooks Notebooks, Dictionary<string, string> HashesBefore, RunnerResult Result)> GetAsync() => Run.Value;
}
