using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace Differentials.Numerics;

/// <summary>The routines <see cref="AutomaticLinearAlgebra"/> times and dispatches one by one.</summary>
internal enum LinearAlgebraRoutine
{
    /// <summary>The general product, and the products derived from it (negated, by a symmetric sum, symmetrized).</summary>
    Multiply,

    /// <summary>The Gram matrix AᵀA.</summary>
    Gram,

    /// <summary>LU factorisation with partial pivoting.</summary>
    LuFactor,

    /// <summary>The inverse from LU factors.</summary>
    LuInvert,

    /// <summary>Solves with LU factors, plain and transposed.</summary>
    LuSolve,
}

/// <summary>One routine's time on each backend, the fastest of a few calls, in milliseconds.</summary>
/// <param name="ManagedMilliseconds">The C# kernels.</param>
/// <param name="NativeMilliseconds">The native library.</param>
internal readonly record struct RoutineTiming(double ManagedMilliseconds, double NativeMilliseconds);

/// <summary>
/// How long each <see cref="LinearAlgebraRoutine"/> takes on the C# kernels and on a native library, on this
/// machine, at <see cref="Orders"/>: measured once (about a tenth of a second) and kept in a cache file, as
/// FFTW's wisdom is, so later processes reuse it. The file is <see cref="FileVariable"/>'s value; when that is
/// unset, <c>~/.cache/differentials/linalg-timings.tsv</c> (under <c>$XDG_CACHE_HOME</c> when set); "none"
/// keeps timings in the process. A file whose machine line differs (another processor, core count, library
/// or kernel build) is timed again and replaced; a file the user named that is not a timings file is never
/// replaced. A lock file beside it (<c>NAME.lock</c>) makes processes that start together wait for the first
/// one's timings rather than each time alone and choose apart. Timings taken while the machine was busy (a one-minute load average above half its cores: other
/// work competed for them) are kept marked so: they hand nothing to the library (<see cref="AutomaticLinearAlgebra"/>),
/// busy processes take them as they are, so that notebooks run side by side agree, and the first process on a
/// quiet machine times again and replaces them. Writes go to a temporary file that is then renamed over the old one, so a reader never sees half a file.
/// </summary>
internal sealed class LinearAlgebraTimings
{
    /// <summary>The environment variable that names the timings file, or "none".</summary>
    public const string FileVariable = "DIFFERENTIALS_LINALG_TIMINGS";

    /// <summary>The default file's name in the per-user cache folder.</summary>
    public const string FileName = "linalg-timings.tsv";

    /// <summary>The orders timed: a mid size, and one large enough for a library's large-matrix kernels.</summary>
    public static readonly int[] Orders = [256, 640];

    /// <summary>The first line of every timings file.</summary>
    public const string Header = "# Differentials: per-routine times of the C# kernels and a native BLAS/LAPACK on this machine (ms); delete to time again";

    private const int Rounds = 3;
    private readonly RoutineTiming[,] _timings;

    /// <summary>Timings as given (tests build them by hand).</summary>
    /// <param name="timings">[routine, order index].</param>
    /// <param name="source">Where they come from, in words.</param>
    public LinearAlgebraTimings(RoutineTiming[,] timings, string source)
    {
        if (timings.GetLength(0) != Enum.GetValues<LinearAlgebraRoutine>().Length || timings.GetLength(1) != Orders.Length)
            throw new ArgumentException($"Timings need one entry per routine and order, {Enum.GetValues<LinearAlgebraRoutine>().Length}×{Orders.Length}; got {timings.GetLength(0)}×{timings.GetLength(1)}.", nameof(timings));
        _timings = timings;
        Source = source;
    }

    /// <summary>One routine's timing at <c>Orders[orderIndex]</c>.</summary>
    public RoutineTiming this[LinearAlgebraRoutine routine, int orderIndex] => _timings[(int)routine, orderIndex];

    /// <summary>"in this process", or "from FILE, written DATE"; either followed by the load when the machine was busy.</summary>
    public string Source { get; }

    /// <summary>Whether the machine was busy while these were timed; empty when not, else the load in words.</summary>
    public string Busy { get; private init; } = "";

    /// <summary>The file these timings were read from or written to, or null when they live in this process alone.</summary>
    public string? KeptIn { get; private init; }

    /// <summary>Why the timings file was not read or not written, or empty.</summary>
    public string Note { get; private init; } = "";

    /// <summary>A routine's name in reports and in the file.</summary>
    public static string Label(LinearAlgebraRoutine routine) => routine switch
    {
        LinearAlgebraRoutine.Multiply => "multiply",
        LinearAlgebraRoutine.Gram => "gram",
        LinearAlgebraRoutine.LuFactor => "lu-factor",
        LinearAlgebraRoutine.LuInvert => "lu-invert",
        _ => "lu-solve",
    };

    /// <summary>What the timings depend on: processor, cores, both backends' names and this kernel's build.</summary>
    public static string Signature(ILinearAlgebra managed, ILinearAlgebra native) =>
        $"{Processor()}; {Environment.ProcessorCount} cores; {managed.Name}; {native.Name}; kernel {typeof(LinearAlgebraTimings).Assembly.ManifestModule.ModuleVersionId}";

    /// <summary>The timings from <paramref name="file"/> when it holds this machine's, else measured now (and written there).</summary>
    /// <param name="managed">The C# kernels.</param>
    /// <param name="native">The native library.</param>
    /// <param name="file">The timings file, or none.</param>
    /// <param name="loadAverage">The machine's one-minute load average while timing; null reads it from <c>/proc/loadavg</c> (0 where there is none).</param>
    public static LinearAlgebraTimings ForThisMachine(ILinearAlgebra managed, ILinearAlgebra native, UserCacheFile file, double? loadAverage = null)
    {
        string signature = Signature(managed, native);
        double load = loadAverage ?? LoadAverage();
        string busy = load > Environment.ProcessorCount / 2.0
            ? string.Create(CultureInfo.InvariantCulture, $"while the machine was busy (load average {load:0.##} on {Environment.ProcessorCount} cores)")
            : "";
        string? path = file.File;
        // Processes that start together (a runner's notebooks) would each time and choose apart: the first
        // takes the lock and times, the others wait for its file.
        using var gate = path == null ? null : Lock(path, createFolder: file.IsDefault);
        string existing = "";
        if (path != null && File.Exists(path))
        {
            try
            {
                existing = File.ReadAllText(path);
                var known = Parse(existing, signature, path);
                if (known != null && (known.Busy.Length == 0 || busy.Length > 0)) return known.Kept(path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return Measure(managed, native, busy).WithNote($"{path} could not be read ({e.Message}); timed in this process");
            }
        }
        var measured = Measure(managed, native, busy);
        if (path == null) return measured;
        if (!file.IsDefault && existing.Length > 0 && !existing.StartsWith(Header, StringComparison.Ordinal))
            return measured.WithNote($"{path} is not a timings file, so it was left as it is; timed in this process");
        string? failure = TryWrite(path, measured.Format(signature), createFolder: file.IsDefault);
        return failure == null ? measured.Kept(path) : measured.WithNote($"{path} could not be written ({failure}); timed in this process");
    }

    /// <summary>How long a process waits for another's timing before it times on its own.</summary>
    private static readonly TimeSpan LockWait = TimeSpan.FromSeconds(20);

    /// <summary>
    /// An exclusive lock on <c>PATH.lock</c> (an empty file left in place: deleting it on release would let a
    /// third process lock a new file while a second still holds the old one), or null when none can be had in
    /// <see cref="LockWait"/> or the folder does not allow it; the timings then go ahead without it.
    /// </summary>
    private static FileStream? Lock(string path, bool createFolder)
    {
        string lockPath = path + ".lock";
        var deadline = DateTime.UtcNow + LockWait;
        try
        {
            string? folder = Path.GetDirectoryName(lockPath);
            if (createFolder && folder != null) Directory.CreateDirectory(folder);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
        while (true)
        {
            try
            {
                return new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (UnauthorizedAccessException)
            {
                return null;
            }
            catch (DirectoryNotFoundException)
            {
                return null;
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(20);
            }
            catch (IOException)
            {
                return null;
            }
        }
    }

    private LinearAlgebraTimings WithNote(string note) => new(_timings, Source) { Note = note, Busy = Busy, KeptIn = KeptIn };

    private LinearAlgebraTimings Kept(string path) => new(_timings, Source) { Note = Note, Busy = Busy, KeptIn = path };

    /// <summary>The file's text for these timings.</summary>
    /// <param name="signature">The machine line.</param>
    public string Format(string signature)
    {
        var text = new System.Text.StringBuilder();
        text.Append(Header).Append('\n');
        text.Append("machine\t").Append(signature).Append('\n');
        text.Append("written\t").Append(DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture))
            .Append('\t').Append(Busy).Append('\n');
        text.Append("routine\torder\tcsharp_ms\tnative_ms\n");
        foreach (var routine in Enum.GetValues<LinearAlgebraRoutine>())
        {
            for (int o = 0; o < Orders.Length; o++)
            {
                var t = this[routine, o];
                text.Append(string.Create(CultureInfo.InvariantCulture,
                    $"{Label(routine)}\t{Orders[o]}\t{t.ManagedMilliseconds:R}\t{t.NativeMilliseconds:R}\n"));
            }
        }
        return text.ToString();
    }

    /// <summary>The timings in <paramref name="text"/>, or null when it is not a complete timings file for <paramref name="signature"/>.</summary>
    /// <param name="text">A timings file's contents.</param>
    /// <param name="signature">This machine's line (<see cref="Signature"/>).</param>
    /// <param name="path">The file, for <see cref="Source"/>.</param>
    public static LinearAlgebraTimings? Parse(string text, string signature, string path)
    {
        string[] lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        if (lines.Length < 4 || lines[0] != Header || lines[1] != "machine\t" + signature || !lines[2].StartsWith("written\t", StringComparison.Ordinal))
            return null;
        var timings = new RoutineTiming[Enum.GetValues<LinearAlgebraRoutine>().Length, Orders.Length];
        var seen = new bool[timings.GetLength(0), timings.GetLength(1)];
        foreach (string line in lines.Skip(4))
        {
            string[] fields = line.Split('\t');
            if (fields.Length != 4) return null;
            var routine = Enum.GetValues<LinearAlgebraRoutine>().Where(r => Label(r) == fields[0]).Cast<LinearAlgebraRoutine?>().FirstOrDefault();
            int order = Array.IndexOf(Orders, int.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out int o) ? o : -1);
            if (routine == null || order < 0
                || !double.TryParse(fields[2], NumberStyles.Float, CultureInfo.InvariantCulture, out double managed) || !(managed > 0)
                || !double.TryParse(fields[3], NumberStyles.Float, CultureInfo.InvariantCulture, out double native) || !(native > 0))
                return null;
            timings[(int)routine.Value, order] = new RoutineTiming(managed, native);
            seen[(int)routine.Value, order] = true;
        }
        foreach (bool present in seen)
            if (!present) return null;
        string[] written = lines[2].Split('\t');
        if (written.Length != 3) return null;
        string busy = written[2];
        return new LinearAlgebraTimings(timings, $"from {path}, written {written[1]}{(busy.Length > 0 ? " " + busy : "")}") { Busy = busy };
    }

    /// <summary>Times every routine on both backends, interleaved, keeping each one's fastest of <see cref="Rounds"/> calls after a warm-up.</summary>
    /// <param name="managed">The C# kernels.</param>
    /// <param name="native">The native library.</param>
    /// <param name="busy">Empty on a quiet machine; else the load, in words.</param>
    public static LinearAlgebraTimings Measure(ILinearAlgebra managed, ILinearAlgebra native, string busy = "")
    {
        var timings = new RoutineTiming[Enum.GetValues<LinearAlgebraRoutine>().Length, Orders.Length];
        var random = new Random(640256);
        for (int o = 0; o < Orders.Length; o++)
        {
            int n = Orders[o];
            double[] a = BackendSelfCheck.Fill(random, n * n), b = BackendSelfCheck.Fill(random, n * n), c = new double[n * n], work = new double[n * n];
            // Diagonally dominant, so that the LU routines do the same pivoting work on both backends and never meet a zero pivot.
            double[] dominant = (double[])a.Clone();
            for (int i = 0; i < n; i++) dominant[i + i * n] += n;
            double[] lu = (double[])dominant.Clone();
            int[] pivots = new int[n], scratchPivots = new int[n];
            managed.LuFactor(lu, n, pivots);
            foreach (var routine in Enum.GetValues<LinearAlgebraRoutine>())
            {
                Action<ILinearAlgebra> call = routine switch
                {
                    LinearAlgebraRoutine.Multiply => la => la.Multiply(a, false, b, false, c, n, n, n),
                    LinearAlgebraRoutine.Gram => la => la.Gram(a, n, n, c),
                    LinearAlgebraRoutine.LuFactor => la => { dominant.CopyTo(work, 0); la.LuFactor(work, n, scratchPivots); },
                    LinearAlgebraRoutine.LuInvert => la => la.LuInvert(lu, pivots, n, c),
                    _ => la => { b.CopyTo(work, 0); la.LuSolve(lu, pivots, n, work, n); la.LuSolveTransposed(lu, pivots, n, work, n); },
                };
                // Two calls each before timing: the first pays for first-touch pages and any remaining compilation.
                for (int warm = 0; warm < 2; warm++)
                {
                    call(managed);
                    call(native);
                }
                double fastestManaged = double.PositiveInfinity, fastestNative = double.PositiveInfinity;
                for (int round = 0; round < Rounds; round++)
                {
                    fastestManaged = Math.Min(fastestManaged, Time(call, managed));
                    fastestNative = Math.Min(fastestNative, Time(call, native));
                }
                timings[(int)routine, o] = new RoutineTiming(fastestManaged, fastestNative);
            }
        }
        return new LinearAlgebraTimings(timings, busy.Length > 0 ? "in this process " + busy : "in this process") { Busy = busy };
    }

    private static double Time(Action<ILinearAlgebra> call, ILinearAlgebra backend)
    {
        long start = Stopwatch.GetTimestamp();
        call(backend);
        // A timer tick is the floor, so a zero never reaches the file (whose reader refuses it).
        return Math.Max(Stopwatch.GetElapsedTime(start).TotalMilliseconds, 1000.0 / Stopwatch.Frequency);
    }

    private static string? TryWrite(string path, string text, bool createFolder)
    {
        string temporary = $"{path}.{Environment.ProcessId}.tmp";
        try
        {
            string? folder = Path.GetDirectoryName(path);
            if (createFolder && folder != null) Directory.CreateDirectory(folder);
            File.WriteAllText(temporary, text);
            File.Move(temporary, path, overwrite: true);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            try
            {
                File.Delete(temporary);
            }
            catch (IOException)
            {
                // Left behind only when the folder itself is failing; the message below says why.
            }
            return e.Message;
        }
    }

    private static double LoadAverage()
    {
        try
        {
            if (!File.Exists("/proc/loadavg")) return 0;
            string first = File.ReadAllText("/proc/loadavg").Split(' ')[0];
            return double.TryParse(first, NumberStyles.Float, CultureInfo.InvariantCulture, out double load) ? load : 0;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return 0;
        }
    }

    private static string Processor()
    {
        try
        {
            if (File.Exists("/proc/cpuinfo"))
            {
                foreach (string line in File.ReadLines("/proc/cpuinfo"))
                {
                    // x86 names its model; Arm Linux gives the implementer and part numbers instead.
                    if (line.StartsWith("model name", StringComparison.Ordinal) || line.StartsWith("CPU part", StringComparison.Ordinal))
                        return line[(line.IndexOf(':') + 1)..].Trim();
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Fall through to the architecture: the timings are then shared by every processor of that kind.
        }
        return $"{RuntimeInformation.ProcessArchitecture} {RuntimeInformation.OSDescription}";
    }
}
