using Differentials.Numerics;

namespace Differentials;

/// <summary>
/// Reports and chooses the numerical backends the kernel's operators run on. By default ("auto") linear
/// algebra uses the managed SIMD kernels, except for the routines that OpenBLAS (or Accelerate on macOS), when
/// it is installed and passes a self-check, was timed faster at on this machine (timed once, about a tenth of a
/// second, and kept in <c>~/.cache/differentials/linalg-timings.tsv</c>, or the file <c>DIFFERENTIALS_LINALG_TIMINGS</c>
/// names, "none" for none); FFTs use FFTW when <c>libfftw3.so.3</c> loads, else a managed FFT. The environment
/// variables <c>DIFFERENTIALS_LINALG</c> (auto, simd, openblas, mathnet, simd-avx2, simd-v128, simd-scalar) and <c>DIFFERENTIALS_FFT</c> (fftw, fftw-measure, managed, mathnet) override that at
/// startup; <see cref="UseLinearAlgebra"/> and <see cref="UseFft"/> change it at run time.
/// </summary>
public static class NumericBackend
{
    /// <summary>The names <see cref="UseLinearAlgebra"/> accepts (available or not).</summary>
    public static IReadOnlyList<string> LinearAlgebraNames => BackendCatalog.LinearAlgebraNames;

    /// <summary>The names <see cref="UseFft"/> accepts (available or not).</summary>
    public static IReadOnlyList<string> FftNames => BackendCatalog.FftNames;

    /// <summary>The linear algebra backend names that can run on this machine.</summary>
    public static IReadOnlyList<string> AvailableLinearAlgebra =>
        [.. BackendCatalog.LinearAlgebraNames.Where(name => BackendCatalog.TryLinearAlgebra(name, out _) != null)];

    /// <summary>The FFT backend names that can run on this machine.</summary>
    public static IReadOnlyList<string> AvailableFft =>
        [.. BackendCatalog.FftNames.Where(name => BackendCatalog.TryFft(name, out _) != null)];

    /// <summary>The linear algebra in use, as a report name such as "simd-avx512 (2 threads)".</summary>
    public static string LinearAlgebra => Backend.LinearAlgebra.Name;

    /// <summary>The FFT in use, as a report name such as "fftw 3.3.10".</summary>
    public static string Fft => Backend.Fft.Name;

    /// <summary>Switches the linear algebra backend for every operator.</summary>
    /// <param name="name">One of <see cref="LinearAlgebraNames"/> (case-insensitive).</param>
    /// <exception cref="ArgumentNullException">When <paramref name="name"/> is null.</exception>
    /// <exception cref="ArgumentException">When the name is unknown (the message lists the valid ones) or the backend cannot run here (the message says why).</exception>
    public static void UseLinearAlgebra(string name)
    {
        Backend.LinearAlgebra = BackendCatalog.TryLinearAlgebra(name, out string reason)
            ?? throw new ArgumentException($"Linear algebra backend \"{name}\" is unavailable: {reason}.", nameof(name));
    }

    /// <summary>Switches the FFT backend for every operator.</summary>
    /// <param name="name">One of <see cref="FftNames"/> (case-insensitive).</param>
    /// <exception cref="ArgumentNullException">When <paramref name="name"/> is null.</exception>
    /// <exception cref="ArgumentException">When the name is unknown (the message lists the valid ones) or the backend cannot run here (the message says why).</exception>
    public static void UseFft(string name)
    {
        Backend.Fft = BackendCatalog.TryFft(name, out string reason)
            ?? throw new ArgumentException($"FFT backend \"{name}\" is unavailable: {reason}.", nameof(name));
    }

    /// <summary>Switches one or both backends; a null name leaves that backend as it is.</summary>
    /// <param name="linearAlgebra">One of <see cref="LinearAlgebraNames"/>, or null.</param>
    /// <param name="fft">One of <see cref="FftNames"/>, or null.</param>
    /// <exception cref="ArgumentException">When a name is unknown or its backend cannot run here; neither backend is changed then.</exception>
    public static void Use(string? linearAlgebra = null, string? fft = null)
    {
        ILinearAlgebra? la = null;
        IRealFft? transform = null;
        if (linearAlgebra != null)
        {
            la = BackendCatalog.TryLinearAlgebra(linearAlgebra, out string reason)
                ?? throw new ArgumentException($"Linear algebra backend \"{linearAlgebra}\" is unavailable: {reason}.", nameof(linearAlgebra));
        }
        if (fft != null)
        {
            transform = BackendCatalog.TryFft(fft, out string reason)
                ?? throw new ArgumentException($"FFT backend \"{fft}\" is unavailable: {reason}.", nameof(fft));
        }
        if (la != null) Backend.LinearAlgebra = la;
        if (transform != null) Backend.Fft = transform;
    }

    /// <summary>Returns both backends to the automatic choice (environment variables included).</summary>
    public static void Reset()
    {
        Backend.LinearAlgebra = BackendCatalog.DefaultLinearAlgebra(out _);
        Backend.Fft = BackendCatalog.DefaultFft(out _);
    }

    /// <summary>
    /// A one-line description of the backends in use and of those that cannot run here, e.g.
    /// "linear algebra: simd-avx512 (2 threads); FFT: fftw 3.3.10".
    /// </summary>
    /// <returns>The description.</returns>
    public static string Describe()
    {
        var text = $"linear algebra: {Backend.LinearAlgebra.Name}{ChoiceState(Backend.LinearAlgebra)}; FFT: {Backend.Fft.Name}{WisdomState(Backend.Fft)}";
        var absent = new List<string>();
        if (!FftwRealFft.TryGet(out _, out string fftwReason)) absent.Add($"FFTW: {fftwReason}");
        if (!OpenBlasLinearAlgebra.TryCreate(out _, out string blasReason)) absent.Add($"OpenBLAS: {blasReason}");
        if (absent.Count > 0) text += $" ({string.Join("; ", absent)})";
        if (Backend.StartupNote.Length > 0) text += $" [{Backend.StartupNote}]";
        return text;
    }

    // Why the automatic linear algebra runs what where: the timings it rests on, and where they are kept.
    private static string ChoiceState(ILinearAlgebra linearAlgebra)
    {
        if (linearAlgebra is not AutomaticLinearAlgebra automatic) return "";
        string note = automatic.Timings.Note.Length > 0 ? $"; {automatic.Timings.Note}" : "";
        return $" ({automatic.Explain()}{note})";
    }

    // Whether FFTW runs measured plans from a wisdom file: they change its speed, so a report says so.
    private static string WisdomState(IRealFft fft)
    {
        if (fft is not FftwRealFft { WisdomFile: { } file } fftw) return "";
        if (fftw.WisdomNote.Length > 0) return $" ({fftw.WisdomNote})";
        return File.Exists(file) ? $" (measured plans from {file} where it has them)" : $" (no measured plans yet: {file} does not exist)";
    }

    /// <summary>
    /// Measures FFTW plans (<c>FFTW_MEASURE</c>) for the transforms that circular convolutions of these
    /// lengths use, and keeps them as wisdom in the wisdom file (<c>DIFFERENTIALS_FFTW_WISDOM</c>, else
    /// <c>~/.cache/differentials/fftw.wisdom</c>), so that the default "fftw" backend runs the measured plans,
    /// faster than its estimated ones, in every later process at no planning cost, and in this one for
    /// lengths it has not transformed yet. Lengths measured before cost nothing; a new one can take from
    /// about a second to most of a minute (bench/README.md has the figures).
    /// </summary>
    /// <param name="convolutionLengths">Signal lengths, each at least 1 (a length with a large prime factor is measured at the padded transform length its convolution uses).</param>
    /// <returns>One entry per distinct transform length, in the order given.</returns>
    /// <exception cref="ArgumentNullException">When <paramref name="convolutionLengths"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">When a length is below 1.</exception>
    /// <exception cref="InvalidOperationException">When FFTW cannot be loaded here (the message says why), the named wisdom file cannot be read as wisdom, or it cannot be written.</exception>
    public static IReadOnlyList<FftPlanMeasurement> MeasureFftPlans(IEnumerable<int> convolutionLengths)
    {
        ArgumentNullException.ThrowIfNull(convolutionLengths);
        int[] lengths = [.. convolutionLengths];
        foreach (int n in lengths) ArgumentOutOfRangeException.ThrowIfLessThan(n, 1, nameof(convolutionLengths));
        if (!FftwRealFft.TryGet(measure: true, out var measured, out string reason))
            throw new InvalidOperationException($"FFTW plans cannot be measured: {reason}.");
        return MeasurePlans(measured!, lengths);
    }

    /// <summary>Measures the plans for <paramref name="lengths"/> with <paramref name="measured"/> (tests pass their own backend and wisdom file).</summary>
    internal static IReadOnlyList<FftPlanMeasurement> MeasurePlans(FftwRealFft measured, IEnumerable<int> lengths)
    {
        var results = new List<FftPlanMeasurement>();
        var seen = new HashSet<int>();
        foreach (int n in lengths)
        {
            int transform = SpectralConvolution.ChooseTransformLength(n);
            if (!seen.Add(transform)) continue;
            long started = System.Diagnostics.Stopwatch.GetTimestamp();
            bool known = measured.Prepare(transform);
            results.Add(new FftPlanMeasurement(n, transform, known, System.Diagnostics.Stopwatch.GetElapsedTime(started), measured.WisdomFile));
        }
        return results;
    }
}
