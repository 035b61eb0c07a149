using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Differentials.Notebook;

/// <summary>
/// Quick timings for notebook charts, within a notebook's few-second budget: the median of a handful of
/// samples after a warm-up, by wall clock and by the thread's CPU clock. These are illustrations of how
/// cost grows, not benchmarks; the workbook's published speed figures come from BenchmarkDotNet (bench/).
/// </summary>
public static class Measure
{
    /// <summary>Shortest sample: fast calls are repeated in an inner loop until one sample lasts this long, in ms.</summary>
    public const double MinimumSampleMilliseconds = 0.5;

    /// <summary>A call slower than this (ms) is measured with at most <see cref="SlowSamples"/> samples.</summary>
    public const double SlowCallMilliseconds = 20;

    /// <summary>Samples taken of a slow call: enough for a median, few enough for the notebook's time budget.</summary>
    public const int SlowSamples = 3;

    /// <summary>The clock that <see cref="Timing.CpuMilliseconds"/> comes from on this machine.</summary>
    public static CpuClock CpuClock => ThreadCpuClock.Available ? CpuClock.ThreadCpuTime : CpuClock.Stopwatch;

    /// <summary>
    /// Times one call of <paramref name="action"/>: a garbage collection so that earlier work leaves no
    /// garbage behind, one warm-up call (JIT, caches), one timed call to size the inner loop so that a sample
    /// lasts at least <see cref="MinimumSampleMilliseconds"/>, then <paramref name="samples"/> samples
    /// (at most <see cref="SlowSamples"/> when one call takes over <see cref="SlowCallMilliseconds"/>).
    /// Each sample's wall and thread CPU times are divided by the inner loop count; the medians are returned.
    /// </summary>
    /// <param name="action">The work to time; it runs samples × inner loops + 2 times.</param>
    /// <param name="samples">Samples for the median, at least 1 (5 by default; an odd count has a true middle).</param>
    /// <returns>The medians per call, the sample and inner-loop counts, and which CPU clock was used.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="action"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="samples"/> is less than 1.</exception>
    public static Timing Median(Action action, int samples = 5)
    {
        ArgumentNullException.ThrowIfNull(action);
        ArgumentOutOfRangeException.ThrowIfLessThan(samples, 1);

        GC.Collect();
        action();                                                   // warm-up
        var probe = Stopwatch.StartNew();
        action();
        var once = Math.Max(probe.Elapsed.TotalMilliseconds, 1e-4); // a Stopwatch tick can read as zero
        var inner = InnerLoopsFor(once);
        var count = SampleCountFor(once, samples);

        var wall = new double[count];
        var cpu = new double[count];
        for (var s = 0; s < count; s++)
        {
            var cpuStart = ThreadCpuClock.Milliseconds();
            var watch = Stopwatch.StartNew();
            for (var r = 0; r < inner; r++) action();
            wall[s] = watch.Elapsed.TotalMilliseconds / inner;
            var cpuEnd = ThreadCpuClock.Milliseconds();
            cpu[s] = cpuStart is { } c0 && cpuEnd is { } c1 ? (c1 - c0) / inner : wall[s];
        }
        var clock = ThreadCpuClock.Available ? CpuClock.ThreadCpuTime : CpuClock.Stopwatch;
        return new Timing(MedianOf(wall), MedianOf(cpu), count, inner, clock);
    }

    /// <summary>
    /// Times <paramref name="work"/> as <see cref="Median(Action, int)"/> does, and hands back the result of
    /// its last call, so that what was timed can also be checked.
    /// </summary>
    /// <typeparam name="T">The work's result type.</typeparam>
    /// <param name="work">The work to time.</param>
    /// <param name="result">The result of the last call.</param>
    /// <param name="samples">Samples for the median, at least 1.</param>
    /// <returns>The timing, as from <see cref="Median(Action, int)"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="work"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="samples"/> is less than 1.</exception>
    public static Timing Median<T>(Func<T> work, out T result, int samples = 5)
    {
        ArgumentNullException.ThrowIfNull(work);
        T last = default!;
        var timing = Median(() => last = work(), samples);
        result = last;
        return timing;
    }

    /// <summary>
    /// One line naming what timings were taken on: logical processors, architecture, operating system,
    /// .NET runtime, the kernel's numeric backend and the CPU clock used.
    /// </summary>
    /// <returns>The description.</returns>
    public static string MachineDescription() =>
        $"{Environment.ProcessorCount} logical processors, {RuntimeInformation.ProcessArchitecture}, " +
        $"{RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}; " +
        $"kernel backend: {NumericBackend.Describe()}; CPU clock: " +
        (CpuClock == CpuClock.ThreadCpuTime ? "thread CPU time (clock_gettime)" : "none (Stopwatch wall time)");

    /// <summary>Calls per sample so that a sample of calls lasting <paramref name="onceMilliseconds"/> each reaches the minimum.</summary>
    internal static int InnerLoopsFor(double onceMilliseconds) =>
        (int)Math.Ceiling(MinimumSampleMilliseconds / Math.Max(onceMilliseconds, 1e-4));

    /// <summary>Samples to take: as asked, but at most <see cref="SlowSamples"/> for a slow call.</summary>
    internal static int SampleCountFor(double onceMilliseconds, int samples) =>
        onceMilliseconds > SlowCallMilliseconds ? Math.Min(samples, SlowSamples) : samples;

    private static double MedianOf(double[] values)
    {
        Array.Sort(values);
        var middle = values.Length / 2;
        return values.Length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }
}
