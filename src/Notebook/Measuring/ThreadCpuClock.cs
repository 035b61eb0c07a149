using System.Runtime.InteropServices;

namespace Differentials.Notebook;

/// <summary>
/// CPU time consumed by the calling thread, from Linux's <c>clock_gettime(CLOCK_THREAD_CPUTIME_ID)</c>.
/// On a shared machine the wall clock also counts time the thread spent waiting for a core; this clock
/// does not, so it is the steadier measure of the work itself. Elsewhere (or if libc cannot be bound)
/// <see cref="Available"/> is false and <see cref="Milliseconds"/> returns null.
/// </summary>
internal static class ThreadCpuClock
{
    private const int ClockThreadCpuTimeId = 3; // Linux's value; other systems number their clocks differently

    // 64-bit Linux: time_t and long are both 64 bits wide.
    [StructLayout(LayoutKind.Sequential)]
    private struct Timespec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    // DllImport, not LibraryImport: the library does not allow unsafe blocks, which the generator needs.
    // "libc.so.6" is glibc's run-time name; plain "libc" would look for the development symlink.
    [DllImport("libc.so.6", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clock, out Timespec time);

    /// <summary>True when the thread CPU clock answered a first reading on this process.</summary>
    public static bool Available { get; } = Probe();

    /// <summary>The calling thread's CPU time so far, in milliseconds; null without the clock.</summary>
    public static double? Milliseconds()
    {
        if (!Available || ClockGetTime(ClockThreadCpuTimeId, out var time) != 0) return null;
        return time.Seconds * 1e3 + time.Nanoseconds * 1e-6;
    }

    private static bool Probe()
    {
        if (!OperatingSystem.IsLinux() || !Environment.Is64BitProcess) return false;
        try
        {
            return ClockGetTime(ClockThreadCpuTimeId, out _) == 0;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException or BadImageFormatException)
        {
            return false;
        }
    }
}
