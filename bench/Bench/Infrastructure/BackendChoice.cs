using Differentials.Numerics;

namespace Differentials.Bench.Infrastructure;

/// <summary>
/// The numerical backends a benchmark can run on. "fast" is what the kernel selected at start-up
/// (from DIFFERENTIALS_LINALG / DIFFERENTIALS_FFT); "reference" is MathNet's managed code, the
/// baseline; the raw seam suites also run every other backend in the kernel's catalog. Switching happens
/// in-process through the internal <see cref="Backend"/> holder, so one run measures them all.
/// </summary>
public sealed class BackendChoice
{
    private static readonly ILinearAlgebra StartupLinearAlgebra = Backend.LinearAlgebra;
    private static readonly IRealFft StartupFft = Backend.Fft;

    private BackendChoice(string label, ILinearAlgebra linearAlgebra, IRealFft fft)
    {
        Label = label;
        LinearAlgebra = linearAlgebra;
        Fft = fft;
        LinearAlgebraFamily = CatalogName(BackendCatalog.LinearAlgebraNames, linearAlgebra.Name,
            n => BackendCatalog.TryLinearAlgebra(n, out _)?.Name);
        FftFamily = CatalogName(BackendCatalog.FftNames, fft.Name, n => BackendCatalog.TryFft(n, out _)?.Name);
    }

    /// <summary>The catalog name (DIFFERENTIALS_LINALG value) of the linear algebra, e.g. "simd".</summary>
    public string LinearAlgebraFamily { get; }

    /// <summary>The catalog name (DIFFERENTIALS_FFT value) of the FFT, e.g. "fftw".</summary>
    public string FftFamily { get; }

    /// <summary>The first catalog name whose backend has this display name (so "simd" before "simd-avx2").</summary>
    private static string CatalogName(string[] names, string backendName, Func<string, string?> nameOf) =>
        names.FirstOrDefault(n => nameOf(n) == backendName) ?? backendName.Split(' ')[0];

    /// <summary>The backend the kernel chose at start-up.</summary>
    public static BackendChoice Fast { get; } = new("fast", StartupLinearAlgebra, StartupFft);

    /// <summary>MathNet's managed provider and FFT.</summary>
    public static BackendChoice Reference { get; } = new("reference", new MathNetLinearAlgebra(), new MathNetRealFft());

    /// <summary>"fast", "reference", or a backend family for the alternatives.</summary>
    public string Label { get; }

    /// <summary>The linear algebra backend's own name, e.g. "managed-mathnet".</summary>
    public string LinearAlgebraName => LinearAlgebra.Name;

    /// <summary>The FFT backend's own name.</summary>
    public string FftName => Fft.Name;

    /// <summary>The linear algebra backend itself (for raw seam benchmarks).</summary>
    internal ILinearAlgebra LinearAlgebra { get; }

    /// <summary>The FFT backend itself (for raw seam benchmarks).</summary>
    internal IRealFft Fft { get; }

    /// <summary>True when linear algebra runs on MathNet's managed code (slow: sizes are capped).</summary>
    public bool LinearAlgebraIsManagedMathNet => LinearAlgebra is MathNetLinearAlgebra;

    /// <summary>True when FFTs run on MathNet's managed code.</summary>
    public bool FftIsManagedMathNet => Fft is MathNetRealFft;

    /// <summary>True when FFTs run on FFTW with measured plans ("fftw-measure").</summary>
    public bool FftMeasures => Fft is FftwRealFft { Measure: true };

    /// <summary>
    /// Makes this choice the one the kernel's operators call. Every suite runs in one process, and FFTW
    /// keeps what measured plans learnt as process-wide wisdom, which plans made later with FFTW_ESTIMATE
    /// would silently reuse: for any other FFT backend that wisdom is forgotten first, so the default
    /// "fftw" backend is measured as it runs on its own.
    /// </summary>
    public void Activate()
    {
        if (!FftMeasures && RawFftw.IsAvailable) RawFftw.ForgetWisdom();
        Backend.LinearAlgebra = LinearAlgebra;
        Backend.Fft = Fft;
    }

    /// <summary>Fast always; the reference too when it differs and <paramref name="includeReference"/>.</summary>
    public static IEnumerable<BackendChoice> ForLinearAlgebra(bool includeReference)
    {
        yield return Fast;
        if (includeReference && !Fast.LinearAlgebraIsManagedMathNet) yield return Reference;
    }

    /// <summary>
    /// Fast always; the reference too when it differs and <paramref name="includeReference"/>; FFTW with
    /// measured plans too when <paramref name="includeMeasured"/>, FFTW loads and fast is not already that.
    /// </summary>
    public static IEnumerable<BackendChoice> ForFft(bool includeReference, bool includeMeasured = false)
    {
        yield return Fast;
        if (includeReference && !Fast.FftIsManagedMathNet) yield return Reference;
        if (includeMeasured && !Fast.FftMeasures && MeasuredFftw.Value is { } measured) yield return measured;
    }

    private static readonly Lazy<BackendChoice?> MeasuredFftw = new(() =>
        FftwRealFft.TryGet(measure: true, out var fft, out _) ? new BackendChoice("fftw-measure", StartupLinearAlgebra, fft!) : null);

    /// <summary>
    /// Fast, reference, and every other linear algebra backend the kernel's catalog can start here
    /// (raw seam suites), each under its catalog name, with whether it is
    /// too slow for large sizes (MathNet's managed code and the scalar fallback).
    /// </summary>
    public static IEnumerable<(BackendChoice Choice, bool Slow)> AllLinearAlgebra()
    {
        yield return (Fast, Fast.LinearAlgebraIsManagedMathNet);
        var seen = new HashSet<string> { Fast.LinearAlgebraName };
        foreach (string name in BackendCatalog.LinearAlgebraNames)
        {
            var backend = BackendCatalog.TryLinearAlgebra(name, out string reason);
            if (backend is null)
            {
                Console.WriteLine($"bench: linear algebra '{name}' unavailable here ({reason}); skipped.");
                continue;
            }
            if (!seen.Add(backend.Name)) continue;
            bool slow = backend is MathNetLinearAlgebra || name.EndsWith("scalar", StringComparison.Ordinal);
            yield return (backend is MathNetLinearAlgebra ? Reference : new BackendChoice(name, backend, StartupFft), slow);
        }
    }

    /// <summary>Fast, reference, and every other FFT backend the kernel's catalog can start here.</summary>
    public static IEnumerable<BackendChoice> AllFft()
    {
        yield return Fast;
        var seen = new HashSet<string> { Fast.FftName };
        foreach (string name in BackendCatalog.FftNames)
        {
            var backend = BackendCatalog.TryFft(name, out string reason);
            if (backend is null)
            {
                Console.WriteLine($"bench: FFT '{name}' unavailable here ({reason}); skipped.");
                continue;
            }
            if (!seen.Add(backend.Name)) continue;
            yield return backend is MathNetRealFft ? Reference : new BackendChoice(name, StartupLinearAlgebra, backend);
        }
    }

    /// <inheritdoc />
    public override string ToString() => Label;
}
