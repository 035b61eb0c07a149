namespace Differentials.Bench.Infrastructure;

/// <summary>
/// Run-wide settings read by the benchmarks' parameter sources. BenchmarkDotNet evaluates parameter
/// sources after Program has parsed the command line, so a static flag is enough to switch every
/// suite to its tiny smoke sizes.
/// </summary>
public static class BenchSettings
{
    /// <summary>True for `--smoke`: tiny sizes, one invocation each, to prove everything builds and runs.</summary>
    public static bool Smoke { get; set; }

    /// <summary>Picks the full-run sizes or the smoke sizes.</summary>
    public static T[] Choose<T>(T[] full, T[] smoke) => Smoke ? smoke : full;
}
