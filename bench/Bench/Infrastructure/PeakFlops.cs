using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Differentials.Bench.Infrastructure;

/// <summary>
/// This machine's double-precision FMA peak, measured: the yardstick the matrix product's GFLOP/s is
/// judged against (bench/merge.py), instead of a figure taken from another machine. A loop of fused
/// multiply-adds on the widest hardware-accelerated vector, with twelve independent accumulators (more
/// than latency × issue rate on current cores: 4 cycles × 2 pipes), is timed on one thread and on one
/// thread per core, and the best of a few repeats is kept (the machine is shared, so the best repeat is
/// the one least disturbed). Each accumulator runs a ← a·m + c with m just below 1, which converges to
/// c/(1 − m): no overflow and no subnormal numbers, so every FMA runs at full speed.
/// </summary>
/// <remarks>
/// On Linux each thread is timed by its own CPU time (CLOCK_THREAD_CPUTIME_ID), not the wall clock, and
/// the all-core figure is the sum of the threads' rates: on a machine shared with other work a thread
/// descheduled for part of a wall-clock slice would otherwise count as a slow core (a first version
/// reported 4.9 GFLOP/s on two cores and 110 on one at a load average of 28). Threads sharing one
/// physical core (SMT) still show it, since each progresses at half speed while it runs. The wall-clock
/// all-core figure is kept beside it. Elsewhere both figures are wall-clock.
/// </remarks>
public static partial class PeakFlops
{
    private const int Accumulators = 12;
    private const double Multiplier = 0.999_999_9, Addend = 1e-7;

    /// <summary>What the measurement found.</summary>
    /// <param name="Isa">"AVX-512", "AVX2", "SSE2", "Arm NEON" or "scalar": the instruction set the loop ran on.</param>
    /// <param name="VectorBits">The vector width the loop used, in bits (64 for scalar).</param>
    /// <param name="Cores">Threads of the all-core figure (Environment.ProcessorCount).</param>
    /// <param name="SingleCoreGflops">Best GFLOP/s of one thread (2 flops per FMA lane).</param>
    /// <param name="AllCoreGflops">Best GFLOP/s of one thread per core, run together (sum of the threads' rates).</param>
    /// <param name="AllCoreWallGflops">Best GFLOP/s of the same runs by the wall clock (lower on a busy machine).</param>
    /// <param name="Clock">"thread CPU time" or "wall clock": how each thread's rate was timed.</param>
    /// <param name="Milliseconds">Wall time the measurement took.</param>
    public sealed record Result(string Isa, int VectorBits, int Cores, double SingleCoreGflops, double AllCoreGflops,
        double AllCoreWallGflops, string Clock, double Milliseconds);

    /// <summary>The instruction set and width the loop uses on this machine.</summary>
    public static (string Isa, int Bits) Widest()
    {
        bool fma = Fma.IsSupported || RuntimeInformation.ProcessArchitecture is Architecture.Arm64;
        if (Vector512.IsHardwareAccelerated && fma) return ("AVX-512", 512);
        if (Vector256.IsHardwareAccelerated && fma) return ("AVX2", 256);
        if (Vector128.IsHardwareAccelerated && fma)
            return (RuntimeInformation.ProcessArchitecture is Architecture.Arm64 ? "Arm NEON" : "SSE2", 128);
        return ("scalar", 64);
    }

    /// <summary>
    /// Measures the peak: calibrates the loop to about <paramref name="sliceMilliseconds"/> per call, then
    /// keeps the best of <paramref name="repeats"/> calls on one thread and the best of as many runs of one
    /// thread per core. About 2 × repeats × slice in all (≈ 0.3 s with the defaults).
    /// </summary>
    public static Result Measure(double sliceMilliseconds = 25, int repeats = 5)
    {
        var total = Stopwatch.StartNew();
        var (isa, bits) = Widest();
        int lanes = bits / 64;
        Func<long, double> loop = bits switch
        {
            512 => Loop512,
            256 => Loop256,
            128 => Loop128,
            _ => LoopScalar,
        };

        // Calibrate: double the iterations until one call lasts a quarter of the slice, then scale.
        long iterations = 1 << 10;
        double seconds;
        while ((seconds = Time(loop, iterations)) < sliceMilliseconds / 4e3) iterations *= 2;
        iterations = Math.Max(1, (long)(iterations * sliceMilliseconds / 1e3 / seconds));
        double flopsPerCall = 2.0 * Accumulators * lanes * iterations;

        double single = 0;
        for (int r = 0; r < repeats; r++) single = Math.Max(single, flopsPerCall / Time(loop, iterations) / 1e9);

        int cores = Environment.ProcessorCount;
        double all = 0, allWall = 0;
        for (int r = 0; r < repeats; r++)
        {
            var (wall, perThread) = TimeTogether(loop, iterations, cores);
            allWall = Math.Max(allWall, cores * flopsPerCall / wall / 1e9);
            all = Math.Max(all, perThread.Sum(seconds => flopsPerCall / seconds / 1e9));
        }
        return new Result(isa, bits, cores, single, all, allWall, ThreadClock ? "thread CPU time" : "wall clock",
            total.Elapsed.TotalMilliseconds);
    }

    /// <summary>The facts for dotnet-environment.json (read by bench/merge.py).</summary>
    public static void AddTo(Dictionary<string, string> facts, Result result)
    {
        facts["peak_isa"] = result.Isa;
        facts["peak_vector_bits"] = result.VectorBits.ToString(CultureInfo.InvariantCulture);
        facts["peak_cores"] = result.Cores.ToString(CultureInfo.InvariantCulture);
        facts["peak_gflops_1core"] = result.SingleCoreGflops.ToString("F1", CultureInfo.InvariantCulture);
        facts["peak_gflops_all_cores"] = result.AllCoreGflops.ToString("F1", CultureInfo.InvariantCulture);
        facts["peak_gflops_all_cores_wall"] = result.AllCoreWallGflops.ToString("F1", CultureInfo.InvariantCulture);
        facts["peak_clock"] = result.Clock;
        facts["peak_load_average"] = RunEnvironment.LoadAverage();
    }

    private static readonly bool ThreadClock = OperatingSystem.IsLinux() && ThreadSeconds() > 0;

    /// <summary>Seconds of one call of the loop on the calling thread, by its CPU time where available.</summary>
    private static double Time(Func<long, double> loop, long iterations)
    {
        long start = Stopwatch.GetTimestamp();
        double cpuStart = ThreadClock ? ThreadSeconds() : 0;
        double sink = loop(iterations);
        double seconds = ThreadClock ? ThreadSeconds() - cpuStart : Stopwatch.GetElapsedTime(start).TotalSeconds;
        GC.KeepAlive(sink);
        return Math.Max(seconds, 1e-9);
    }

    /// <summary>
    /// Wall time of <paramref name="threads"/> dedicated threads running the loop from one start signal,
    /// and each thread's own time for its call.
    /// </summary>
    private static (double Wall, double[] PerThread) TimeTogether(Func<long, double> loop, long iterations, int threads)
    {
        using var ready = new CountdownEvent(threads);
        using var go = new ManualResetEventSlim(false);
        var workers = new Thread[threads];
        var perThread = new double[threads];
        for (int t = 0; t < threads; t++)
        {
            int index = t;
            workers[t] = new Thread(() =>
            {
                ready.Signal();
                go.Wait();
                perThread[index] = Time(loop, iterations);
            }) { IsBackground = true };
            workers[t].Start();
        }
        ready.Wait();
        long start = Stopwatch.GetTimestamp();
        go.Set();
        foreach (var worker in workers) worker.Join();
        return (Stopwatch.GetElapsedTime(start).TotalSeconds, perThread);
    }

    /// <summary>The calling thread's CPU time in seconds (Linux), or 0 if the clock cannot be read.</summary>
    private static double ThreadSeconds()
    {
        const int ClockThreadCpuTimeId = 3;
        return ClockGetTime(ClockThreadCpuTimeId, out var time) == 0 ? time.Seconds + time.Nanoseconds * 1e-9 : 0;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clock, out TimeSpec time);

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static double Loop512(long iterations)
    {
        var m = Vector512.Create(Multiplier);
        var c = Vector512.Create(Addend);
        Vector512<double> a0 = Vector512.Create(0.0), a1 = Vector512.Create(0.1), a2 = Vector512.Create(0.2),
            a3 = Vector512.Create(0.3), a4 = Vector512.Create(0.4), a5 = Vector512.Create(0.5),
            a6 = Vector512.Create(0.6), a7 = Vector512.Create(0.7), a8 = Vector512.Create(0.8),
            a9 = Vector512.Create(0.9), a10 = Vector512.Create(1.0), a11 = Vector512.Create(1.1);
        for (long i = 0; i < iterations; i++)
        {
            a0 = Vector512.FusedMultiplyAdd(a0, m, c); a1 = Vector512.FusedMultiplyAdd(a1, m, c);
            a2 = Vector512.FusedMultiplyAdd(a2, m, c); a3 = Vector512.FusedMultiplyAdd(a3, m, c);
            a4 = Vector512.FusedMultiplyAdd(a4, m, c); a5 = Vector512.FusedMultiplyAdd(a5, m, c);
            a6 = Vector512.FusedMultiplyAdd(a6, m, c); a7 = Vector512.FusedMultiplyAdd(a7, m, c);
            a8 = Vector512.FusedMultiplyAdd(a8, m, c); a9 = Vector512.FusedMultiplyAdd(a9, m, c);
            a10 = Vector512.FusedMultiplyAdd(a10, m, c); a11 = Vector512.FusedMultiplyAdd(a11, m, c);
        }
        return Vector512.Sum(a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11);
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static double Loop256(long iterations)
    {
        var m = Vector256.Create(Multiplier);
        var c = Vector256.Create(Addend);
        Vector256<double> a0 = Vector256.Create(0.0), a1 = Vector256.Create(0.1), a2 = Vector256.Create(0.2),
            a3 = Vector256.Create(0.3), a4 = Vector256.Create(0.4), a5 = Vector256.Create(0.5),
            a6 = Vector256.Create(0.6), a7 = Vector256.Create(0.7), a8 = Vector256.Create(0.8),
            a9 = Vector256.Create(0.9), a10 = Vector256.Create(1.0), a11 = Vector256.Create(1.1);
        for (long i = 0; i < iterations; i++)
        {
            a0 = Vector256.FusedMultiplyAdd(a0, m, c); a1 = Vector256.FusedMultiplyAdd(a1, m, c);
            a2 = Vector256.FusedMultiplyAdd(a2, m, c); a3 = Vector256.FusedMultiplyAdd(a3, m, c);
            a4 = Vector256.FusedMultiplyAdd(a4, m, c); a5 = Vector256.FusedMultiplyAdd(a5, m, c);
            a6 = Vector256.FusedMultiplyAdd(a6, m, c); a7 = Vector256.FusedMultiplyAdd(a7, m, c);
            a8 = Vector256.FusedMultiplyAdd(a8, m, c); a9 = Vector256.FusedMultiplyAdd(a9, m, c);
            a10 = Vector256.FusedMultiplyAdd(a10, m, c); a11 = Vector256.FusedMultiplyAdd(a11, m, c);
        }
        return Vector256.Sum(a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11);
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static double Loop128(long iterations)
    {
        var m = Vector128.Create(Multiplier);
        var c = Vector128.Create(Addend);
        Vector128<double> a0 = Vector128.Create(0.0), a1 = Vector128.Create(0.1), a2 = Vector128.Create(0.2),
            a3 = Vector128.Create(0.3), a4 = Vector128.Create(0.4), a5 = Vector128.Create(0.5),
            a6 = Vector128.Create(0.6), a7 = Vector128.Create(0.7), a8 = Vector128.Create(0.8),
            a9 = Vector128.Create(0.9), a10 = Vector128.Create(1.0), a11 = Vector128.Create(1.1);
        for (long i = 0; i < iterations; i++)
        {
            a0 = Vector128.FusedMultiplyAdd(a0, m, c); a1 = Vector128.FusedMultiplyAdd(a1, m, c);
            a2 = Vector128.FusedMultiplyAdd(a2, m, c); a3 = Vector128.FusedMultiplyAdd(a3, m, c);
            a4 = Vector128.FusedMultiplyAdd(a4, m, c); a5 = Vector128.FusedMultiplyAdd(a5, m, c);
            a6 = Vector128.FusedMultiplyAdd(a6, m, c); a7 = Vector128.FusedMultiplyAdd(a7, m, c);
            a8 = Vector128.FusedMultiplyAdd(a8, m, c); a9 = Vector128.FusedMultiplyAdd(a9, m, c);
            a10 = Vector128.FusedMultiplyAdd(a10, m, c); a11 = Vector128.FusedMultiplyAdd(a11, m, c);
        }
        return Vector128.Sum(a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11);
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static double LoopScalar(long iterations)
    {
        double a0 = 0.0, a1 = 0.1, a2 = 0.2, a3 = 0.3, a4 = 0.4, a5 = 0.5, a6 = 0.6, a7 = 0.7, a8 = 0.8, a9 = 0.9,
            a10 = 1.0, a11 = 1.1;
        for (long i = 0; i < iterations; i++)
        {
            a0 = Math.FusedMultiplyAdd(a0, Multiplier, Addend); a1 = Math.FusedMultiplyAdd(a1, Multiplier, Addend);
            a2 = Math.FusedMultiplyAdd(a2, Multiplier, Addend); a3 = Math.FusedMultiplyAdd(a3, Multiplier, Addend);
            a4 = Math.FusedMultiplyAdd(a4, Multiplier, Addend); a5 = Math.FusedMultiplyAdd(a5, Multiplier, Addend);
            a6 = Math.FusedMultiplyAdd(a6, Multiplier, Addend); a7 = Math.FusedMultiplyAdd(a7, Multiplier, Addend);
            a8 = Math.FusedMultiplyAdd(a8, Multiplier, Addend); a9 = Math.FusedMultiplyAdd(a9, Multiplier, Addend);
            a10 = Math.FusedMultiplyAdd(a10, Multiplier, Addend); a11 = Math.FusedMultiplyAdd(a11, Multiplier, Addend);
        }
        return a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11;
    }
}
