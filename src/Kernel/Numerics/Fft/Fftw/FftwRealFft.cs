using System.Numerics;
using System.Runtime.InteropServices;

namespace Differentials.Numerics;

/// <summary>
/// Real FFTs by FFTW 3 (double precision, <c>libfftw3.so.3</c>), reached through function pointers
/// taken from the loaded library. Plans are made once per length (FFTW's planner is not thread-safe,
/// so under a lock) and executed with the new-array interface, which is thread-safe. Data pass through
/// 64-byte-aligned native buffers: the new-array calls need the alignment the plan was made with, and
/// c2r destroys its input, which must not be the caller's.
/// Two planners exist as two backends: "fftw" plans with <c>FFTW_ESTIMATE</c> (instant, the default)
/// and "fftw-measure" with <c>FFTW_MEASURE</c> (each new length is timed, which can take a minute, and then
/// runs faster; bench/README.md has the figures). Both read the wisdom file (<see cref="WisdomSource"/>) before planning a
/// new length, and FFTW_ESTIMATE takes a measured plan from wisdom when it holds one: once a length has
/// been measured on a machine (by "fftw-measure", which writes the file, or by
/// <see cref="NumericBackend.MeasureFftPlans"/>), the default backend runs the measured plan at no
/// planning cost. Lengths from <see cref="ThreadedLength"/> on are planned for two threads
/// when FFTW's threads library (<c>libfftw3_threads.so.3</c>, same package) loads.
/// </summary>
internal sealed unsafe class FftwRealFft : IRealFft
{
    private const uint FftwEstimate = 1U << 6;
    private const uint FftwMeasure = 0;
    // Plan only from wisdom: FFTW returns no plan instead of planning anew.
    private const uint FftwWisdomOnly = 1U << 21;

    /// <summary>
    /// Environment variable naming an FFTW wisdom file, "none" (or empty) for no file; unset, a per-user
    /// cache file is used (<see cref="WisdomSource"/>). The file is read before each new length is planned
    /// and rewritten (atomically) after each new measured plan, so a length is measured once per machine.
    /// </summary>
    public const string WisdomVariable = "DIFFERENTIALS_FFTW_WISDOM";
    private const int Alignment = 64;

    /// <summary>
    /// From this length on, plans use <see cref="Threads"/> threads: below it the threads' start-up costs
    /// more than they save (bench/README.md gives the measurements this threshold comes from).
    /// </summary>
    public const int ThreadedLength = 1 << 19;

    private static readonly string[] LibraryNames = ["libfftw3.so.3", "libfftw3.so", "libfftw3-3.dll", "libfftw3.3.dylib", "libfftw3.dylib"];
    private static readonly Lazy<(FftwLibrary? Library, string Reason)> SharedLibrary = new(() => FftwLibrary.Load(LibraryNames, WisdomSource.FromEnvironment()));
    private static readonly Lazy<FftwRealFft?> SharedEstimate = new(() => SharedLibrary.Value.Library is { } l ? new FftwRealFft(l, measure: false) : null);
    private static readonly Lazy<FftwRealFft?> SharedMeasure = new(() => SharedLibrary.Value.Library is { } l ? new FftwRealFft(l, measure: true) : null);

    private readonly FftwLibrary _library;
    private readonly Dictionary<int, (nint Forward, nint Inverse)> _plans = [];
    private readonly HashSet<int> _fromWisdom = [];
    // FFTW's planner is global state: one lock for every instance in the process.
    private static readonly Lock PlannerLock = new();

    private FftwRealFft(FftwLibrary library, bool measure)
    {
        _library = library;
        Measure = measure;
    }

    /// <summary>Whether plans are made with FFTW_MEASURE rather than FFTW_ESTIMATE.</summary>
    public bool Measure { get; }

    /// <summary>FFTW's version, e.g. "3.3.10".</summary>
    public string Version => _library.Version;

    /// <summary>Threads for lengths from <see cref="ThreadedLength"/> on: the processor count, at most 2; 1 without FFTW's threads library.</summary>
    public int Threads => _library.CanThread ? Math.Clamp(Environment.ProcessorCount, 1, 2) : 1;

    /// <summary>The wisdom file measured plans are kept in and read from, or null.</summary>
    public string? WisdomFile => _library.WisdomFile;

    /// <summary>Why the (default) wisdom file is not used, or "".</summary>
    public string WisdomNote => _library.WisdomNote;

    /// <summary>The lengths whose plans this backend took from wisdom rather than planning them itself.</summary>
    public IReadOnlyCollection<int> LengthsFromWisdom
    {
        get
        {
            lock (PlannerLock) return [.. _fromWisdom];
        }
    }

    public string Name => Measure ? $"fftw {Version} (measure)" : $"fftw {Version}";

    /// <summary>
    /// The process-wide FFTW backend with estimated plans, or null with the reason when the library
    /// cannot be loaded (e.g. "libfftw3.so.3 not found").
    /// </summary>
    public static bool TryGet(out FftwRealFft? fft, out string reason) => TryGet(measure: false, out fft, out reason);

    /// <summary>The process-wide FFTW backend with estimated or measured plans, or null with the reason.</summary>
    public static bool TryGet(bool measure, out FftwRealFft? fft, out string reason)
    {
        reason = SharedLibrary.Value.Reason;
        fft = (measure ? SharedMeasure : SharedEstimate).Value;
        return fft != null;
    }

    /// <summary>
    /// Loads FFTW from the first of <paramref name="names"/> that loads, apart from the shared instances;
    /// tests use it to simulate a machine without FFTW and to try wisdom files.
    /// </summary>
    internal static (FftwRealFft? Fft, string Reason) Load(IReadOnlyList<string> names, bool measure = false, string? wisdomFile = null) =>
        Load(names, measure, WisdomSource.Named(wisdomFile));

    /// <summary>As <see cref="Load(IReadOnlyList{string}, bool, string?)"/>, with the wisdom file given as a source (default or named).</summary>
    internal static (FftwRealFft? Fft, string Reason) Load(IReadOnlyList<string> names, bool measure, WisdomSource wisdom)
    {
        var (library, reason) = FftwLibrary.Load(names, wisdom);
        return library is null ? (null, reason) : (new FftwRealFft(library, measure), "");
    }

    /// <summary>fftw_forget_wisdom, for tests that act as a new process would.</summary>
    internal void ForgetWisdom()
    {
        lock (PlannerLock) _library.ForgetWisdom();
    }

    /// <summary>
    /// Whether the wisdom file (read now) holds measured plans for real transforms of length <paramref name="n"/>,
    /// so that this backend would take them from it; plans nothing. The benchmarks record it for each length.
    /// </summary>
    /// <param name="n">The transform length (at least 1).</param>
    /// <exception cref="ArgumentOutOfRangeException">When <paramref name="n"/> is below 1.</exception>
    internal bool HasWisdomFor(int n)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        var wisdom = _library.ReadWisdom(); // outside the lock: a slow file must not stall every FFT in the process
        lock (PlannerLock)
        {
            _library.ImportWisdom(wisdom);
            var (forward, inverse, found) = MakePlans(n, Measure ? FftwMeasure : FftwEstimate, wisdomOnly: true);
            if (!found) return false;
            _library.DestroyPlan(forward);
            _library.DestroyPlan(inverse);
            return true;
        }
    }

    /// <summary>
    /// Plans the pair for length <paramref name="n"/> from wisdom when it holds them, else (unless
    /// <paramref name="wisdomOnly"/>) with <paramref name="flags"/>; with the thread count the length calls
    /// for, after which FFTW's planner-wide default of one thread is restored for any other caller.
    /// Callers hold the planner lock. The arrays fix the plans' alignment; FFTW_MEASURE overwrites them,
    /// which is harmless because callers copy their data in only after planning.
    /// </summary>
    private (nint Forward, nint Inverse, bool FromWisdom) MakePlans(int n, uint flags, bool wisdomOnly)
    {
        var buffers = AlignedBuffers.Get(n);
        _library.PlanWithThreads(n >= ThreadedLength ? Threads : 1);
        try
        {
            // From wisdom first (a measured plan, when the machine has one), so that it is known which
            // lengths run measured plans; FFTW_ESTIMATE would take the same plan from wisdom silently.
            var (forward, inverse) = PlanFromWisdom(n, buffers, flags);
            if (forward != 0 || wisdomOnly) return (forward, inverse, forward != 0);
            return (_library.PlanR2C(n, buffers.Real, buffers.Complex, flags), _library.PlanC2R(n, buffers.Complex, buffers.Real, flags), false);
        }
        finally
        {
            _library.PlanWithThreads(1);
        }
    }

    // Both plans from wisdom only, or (0, 0) when wisdom lacks either.
    private (nint Forward, nint Inverse) PlanFromWisdom(int n, AlignedBuffers buffers, uint flags)
    {
        nint forward = _library.PlanR2C(n, buffers.Real, buffers.Complex, flags | FftwWisdomOnly);
        if (forward == 0) return (0, 0);
        nint inverse = _library.PlanC2R(n, buffers.Complex, buffers.Real, flags | FftwWisdomOnly);
        if (inverse != 0) return (forward, inverse);
        _library.DestroyPlan(forward);
        return (0, 0);
    }

    /// <summary>
    /// Makes (or finds) the plans for real transforms of length <paramref name="n"/> now, rather than at
    /// the first transform; with measured plans this is where the time goes and the wisdom file is written.
    /// </summary>
    /// <param name="n">The transform length (at least 1).</param>
    /// <returns>True when the plans came from wisdom (or were made before), false when they were planned now.</returns>
    /// <exception cref="ArgumentOutOfRangeException">When <paramref name="n"/> is below 1.</exception>
    internal bool Prepare(int n)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        bool known;
        lock (PlannerLock) known = _plans.ContainsKey(n);
        PlanFor(n, throwOnExportFailure: true);
        lock (PlannerLock) return known || _fromWisdom.Contains(n);
    }

    public void Forward(ReadOnlySpan<double> x, Span<Complex> spectrum)
    {
        int n = x.Length;
        Checks.RealTransformBuffers(n, spectrum.Length);
        var plan = PlanFor(n);
        fixed (double* input = x)
        fixed (Complex* output = spectrum)
        {
            // An out-of-place r2c leaves its input intact, so the caller's memory can be used directly
            // when it has the plan's alignment (FFTW compares addresses mod 16) and does not overlap.
            if (IsAligned(input) && IsAligned(output) && !x.Overlaps(MemoryMarshal.Cast<Complex, double>(spectrum)))
            {
                _library.ExecuteR2C(plan.Forward, input, output);
                return;
            }
        }
        var buffers = AlignedBuffers.Get(n);
        x.CopyTo(new Span<double>(buffers.Real, n));
        fixed (Complex* output = spectrum)
        {
            // Only the input was misaligned: transform the aligned copy straight into the caller's spectrum.
            if (IsAligned(output))
            {
                _library.ExecuteR2C(plan.Forward, buffers.Real, output);
                return;
            }
        }
        _library.ExecuteR2C(plan.Forward, buffers.Real, buffers.Complex);
        new ReadOnlySpan<Complex>(buffers.Complex, n / 2 + 1).CopyTo(spectrum);
    }

    public void InverseOverwriting(Span<Complex> spectrum, Span<double> x) => InverseOverwriting(spectrum, x, 1.0 / x.Length);

    /// <inheritdoc />
    public bool HasUnnormalisedInverse => true;

    /// <inheritdoc />
    public void InverseUnnormalisedOverwriting(Span<Complex> spectrum, Span<double> x) => InverseOverwriting(spectrum, x, 1.0);

    // c2r, then the result times scale (1 skips that pass: FFTW's c2r is unnormalised).
    private void InverseOverwriting(Span<Complex> spectrum, Span<double> x, double scale)
    {
        int n = x.Length;
        Checks.RealTransformBuffers(n, spectrum.Length);
        fixed (Complex* input = spectrum)
        fixed (double* output = x)
        {
            // The caller gave up its spectrum, so c2r may run on it in place of a copy.
            if (IsAligned(input) && !x.Overlaps(MemoryMarshal.Cast<Complex, double>(spectrum)))
            {
                var plan = PlanFor(n);
                if (IsAligned(output))
                {
                    _library.ExecuteC2R(plan.Inverse, input, output);
                    if (scale != 1.0) VectorOps.Scale(scale, output, n);
                    return;
                }
                // A misaligned destination (half of all managed arrays) costs one (scaled) copy, not two copies.
                var buffers = AlignedBuffers.Get(n);
                _library.ExecuteC2R(plan.Inverse, input, buffers.Real);
                ScaledCopy(scale, new ReadOnlySpan<double>(buffers.Real, n), x);
                return;
            }
        }
        Inverse(spectrum, x, scale);
    }

    private static void ScaledCopy(double scale, ReadOnlySpan<double> source, Span<double> destination)
    {
        if (scale == 1.0)
        {
            source.CopyTo(destination);
            return;
        }
        var lanes = MemoryMarshal.Cast<double, System.Numerics.Vector<double>>(source);
        var target = MemoryMarshal.Cast<double, System.Numerics.Vector<double>>(destination);
        for (int i = 0; i < lanes.Length; i++) target[i] = lanes[i] * scale;
        for (int i = lanes.Length * System.Numerics.Vector<double>.Count; i < source.Length; i++) destination[i] = source[i] * scale;
    }

    public void Inverse(ReadOnlySpan<Complex> spectrum, Span<double> x) => Inverse(spectrum, x, 1.0 / x.Length);

    private void Inverse(ReadOnlySpan<Complex> spectrum, Span<double> x, double scale)
    {
        int n = x.Length;
        Checks.RealTransformBuffers(n, spectrum.Length);
        var plan = PlanFor(n);
        var buffers = AlignedBuffers.Get(n);
        // c2r overwrites its input: always transform a copy.
        spectrum[..(n / 2 + 1)].CopyTo(new Span<Complex>(buffers.Complex, n / 2 + 1));
        fixed (double* output = x)
        {
            if (IsAligned(output))
            {
                _library.ExecuteC2R(plan.Inverse, buffers.Complex, output);
                if (scale != 1.0) VectorOps.Scale(scale, output, n);
                return;
            }
        }
        _library.ExecuteC2R(plan.Inverse, buffers.Complex, buffers.Real);
        ScaledCopy(scale, new ReadOnlySpan<double>(buffers.Real, n), x);
    }

    private static bool IsAligned(void* pointer) => ((nint)pointer & 15) == 0;

    // A transform's own planning leaves a failed wisdom write as a note (Describe() shows it); Prepare,
    // an explicit request to measure and keep plans, throws.
    private (nint Forward, nint Inverse) PlanFor(int n, bool throwOnExportFailure = false)
    {
        lock (PlannerLock)
        {
            if (_plans.TryGetValue(n, out var known)) return known;
        }
        var wisdom = _library.ReadWisdom(); // outside the lock: a slow file must not stall every FFT in the process
        lock (PlannerLock)
        {
            if (_plans.TryGetValue(n, out var plan)) return plan;
            _library.ImportWisdom(wisdom);
            var (forward, inverse, fromWisdom) = MakePlans(n, Measure ? FftwMeasure : FftwEstimate, wisdomOnly: false);
            if (forward == 0 || inverse == 0)
                throw new InvalidOperationException($"FFTW could not plan a real transform of length {n}.");
            if (fromWisdom) _fromWisdom.Add(n);
            else if (Measure) _library.ExportWisdom(throwOnExportFailure);
            plan = (forward, inverse);
            _plans[n] = plan;
            return plan;
        }
    }

    /// <summary>Per-thread aligned scratch: n reals and n/2+1 complex values, grown on demand.</summary>
    private sealed class AlignedBuffers
    {
        [ThreadStatic] private static AlignedBuffers? s_current;

        private int _capacity = -1;

        public double* Real { get; private set; }

        public Complex* Complex { get; private set; }

        public static AlignedBuffers Get(int n)
        {
            var buffers = s_current ??= new AlignedBuffers();
            if (n > buffers._capacity) buffers.Grow(n);
            return buffers;
        }

        private void Grow(int n)
        {
            Free();
            Real = (double*)NativeMemory.AlignedAlloc((nuint)Math.Max(n, 1) * sizeof(double), Alignment);
            Complex = (Complex*)NativeMemory.AlignedAlloc((nuint)(n / 2 + 1) * (nuint)sizeof(Complex), Alignment);
            _capacity = n;
        }

        private void Free()
        {
            if (Real != null) NativeMemory.AlignedFree(Real);
            if (Complex != null) NativeMemory.AlignedFree(Complex);
            Real = null;
            Complex = null;
        }

        ~AlignedBuffers() => Free();
    }
}
