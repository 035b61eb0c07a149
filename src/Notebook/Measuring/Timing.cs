using System.Globalization;

namespace Differentials.Notebook;

/// <summary>
/// The median time of one call, measured by <see cref="Measure.Median(Action, int)"/>.
/// </summary>
/// <param name="WallMilliseconds">Median wall-clock time of one call, in milliseconds.</param>
/// <param name="CpuMilliseconds">Median CPU time of the calling thread for one call, in milliseconds
/// (the wall time again when <paramref name="CpuClock"/> is <see cref="Notebook.CpuClock.Stopwatch"/>).</param>
/// <param name="Samples">How many samples the median was taken over.</param>
/// <param name="InnerLoops">Calls per sample, so that one sample lasts at least <see cref="Measure.MinimumSampleMilliseconds"/>.</param>
/// <param name="CpuClock">Which clock gave <paramref name="CpuMilliseconds"/>.</param>
public sealed record Timing(double WallMilliseconds, double CpuMilliseconds, int Samples, int InnerLoops, CpuClock CpuClock)
{
    /// <summary>A one-line summary: CPU and wall medians and how they were taken.</summary>
    /// <returns>For example "0.123 ms CPU, 0.131 ms wall (median of 5 samples × 8 calls, thread CPU clock)".</returns>
    public override string ToString()
    {
        var clock = CpuClock == CpuClock.ThreadCpuTime ? "thread CPU clock" : "no CPU clock: wall time twice";
        return string.Create(CultureInfo.InvariantCulture,
            $"{NumberText.Format(CpuMilliseconds)} ms CPU, {NumberText.Format(WallMilliseconds)} ms wall (median of {Samples} samples × {InnerLoops} calls, {clock})");
    }
}
