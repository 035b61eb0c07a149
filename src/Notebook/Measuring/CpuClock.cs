namespace Differentials.Notebook;

/// <summary>The clock behind <see cref="Timing.CpuMilliseconds"/>.</summary>
public enum CpuClock
{
    /// <summary>CPU time of the calling thread (Linux <c>clock_gettime(CLOCK_THREAD_CPUTIME_ID)</c>): what the work itself consumed.</summary>
    ThreadCpuTime,

    /// <summary>No thread CPU clock on this platform: the "CPU" figure repeats the wall clock (Stopwatch).</summary>
    Stopwatch,
}
