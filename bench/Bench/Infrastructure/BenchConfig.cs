using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Filters;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Perfolizer.Horology;

namespace Differentials.Bench.Infrastructure;

/// <summary>
/// The one configuration every suite runs under. The machine has two cores shared with other work,
/// so runs are short and in-process (no per-benchmark project build), and the median is the figure
/// reported: it resists the occasional slow iteration that a mean would absorb. Nine measured
/// iterations, not five: with five, BenchmarkDotNet's outlier removal often left four, and a median of
/// four moved goal ratios by 10–20 % between runs on this shared machine.
/// </summary>
public static class BenchConfig
{
    /// <summary>
    /// Builds the configuration: the short measuring job, or a single invocation per benchmark
    /// (<paramref name="singleShot"/>, for smoke and dry runs), or a shorter measuring job
    /// (<paramref name="quick"/>: 3 iterations of ≈ 150 ms); artifacts go under <paramref name="artifacts"/>.
    /// </summary>
    public static IConfig Create(bool singleShot, bool quick, string artifacts)
    {
        var toolchain = new InProcessEmitToolchain(TimeSpan.FromMinutes(10), logOutput: true);
        Job job = singleShot
            ? Job.Dry.WithToolchain(toolchain).WithId("single-shot")
            : Job.Default
                .WithToolchain(toolchain)
                .WithLaunchCount(1)
                .WithWarmupCount(1)
                .WithIterationCount(quick ? 3 : 9)
                .WithIterationTime(TimeInterval.FromMilliseconds(quick ? 150 : 250))
                .WithId(quick ? "quick-inprocess" : "short-inprocess");

        return ManualConfig.CreateEmpty()
            .AddJob(job)
            .AddLogger(ConsoleLogger.Default)
            .AddColumnProvider(DefaultColumnProviders.Descriptor, DefaultColumnProviders.Params)
            .AddColumn(StatisticColumn.Median, StatisticColumn.Min, StatisticColumn.Max, StatisticColumn.Iterations)
            .AddFilter(new SimpleFilter(IsWorthRunning))
            .WithSummaryStyle(SummaryStyle.Default.WithMaxParameterColumnWidth(40))
            .WithArtifactsPath(artifacts)
            .WithOptions(ConfigOptions.JoinSummary | ConfigOptions.DisableLogFile);
    }

    /// <summary>Drops raw-library benchmarks under the reference case: they would time the same call twice.</summary>
    private static bool IsWorthRunning(BenchmarkCase benchmark)
    {
        bool fastOnly = benchmark.Descriptor.WorkloadMethod.IsDefined(typeof(RawLibraryAttribute), inherit: false);
        if (!fastOnly) return true;
        return benchmark.Parameters.Items.All(p => p.Value is not IResultCase c || c.Choice == BackendChoice.Fast);
    }
}
