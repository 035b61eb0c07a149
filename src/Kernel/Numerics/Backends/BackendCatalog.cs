namespace Differentials.Numerics;

/// <summary>
/// The named backends, whether each can run here (and why not), and the automatic choice: for linear
/// algebra, <see cref="AutomaticLinearAlgebra"/> (the C# SIMD kernels, with the routines a native BLAS/LAPACK
/// was timed faster at handed to it) when OpenBLAS or Accelerate loads and passes its self-check, else the SIMD
/// kernels alone; FFTW (estimated plans) when <c>libfftw3.so.3</c> loads, else the managed FFT.
/// The environment variables <see cref="LinearAlgebraVariable"/> and <see cref="FftVariable"/>
/// override the automatic choice when they name an available backend.
/// </summary>
internal static class BackendCatalog
{
    /// <summary>Environment variable naming the linear algebra backend.</summary>
    public const string LinearAlgebraVariable = "DIFFERENTIALS_LINALG";

    /// <summary>Environment variable naming the FFT backend.</summary>
    public const string FftVariable = "DIFFERENTIALS_FFT";

    /// <summary>Every linear algebra backend name, best first.</summary>
    public static readonly string[] LinearAlgebraNames = ["auto", "simd", "openblas", "mathnet", "simd-avx2", "simd-v128", "simd-scalar"];

    /// <summary>Every FFT backend name, best first.</summary>
    public static readonly string[] FftNames = ["fftw", "fftw-measure", "managed", "mathnet"];

    private static readonly Lazy<ILinearAlgebra> Simd = new(() => new SimdLinearAlgebra());
    private static readonly Lazy<ManagedRealFft> Managed = new(() => new ManagedRealFft());
    private static readonly Lazy<ILinearAlgebra> Automatic = new(() =>
        OpenBlasLinearAlgebra.TryCreate(out var native, out _)
            ? new AutomaticLinearAlgebra(Simd.Value, native!, LinearAlgebraTimings.ForThisMachine(Simd.Value, native!,
                UserCacheFile.FromEnvironment(LinearAlgebraTimings.FileVariable, LinearAlgebraTimings.FileName)))
            : Simd.Value);

    /// <summary>Creates (or returns the shared instance of) a linear algebra backend, or null with the reason.</summary>
    /// <exception cref="ArgumentException">When <paramref name="name"/> is not one of <see cref="LinearAlgebraNames"/>.</exception>
    public static ILinearAlgebra? TryLinearAlgebra(string name, out string reason)
    {
        reason = "";
        switch (Normalize(name))
        {
            case "auto":
                return Automatic.Value;
            case "simd":
                return Simd.Value;
            case "openblas":
                return OpenBlasLinearAlgebra.TryCreate(out var openBlas, out reason) ? openBlas : null;
            case "mathnet":
                return new MathNetLinearAlgebra();
            case "simd-avx2":
                if (SimdLevels.IsSupported(SimdLevel.Vector256)) return new SimdLinearAlgebra(SimdLevel.Vector256, SimdLinearAlgebra.DefaultThreads);
                reason = "256-bit vectors with FMA are not accelerated on this processor";
                return null;
            case "simd-v128":
                if (SimdLevels.IsSupported(SimdLevel.Vector128)) return new SimdLinearAlgebra(SimdLevel.Vector128, SimdLinearAlgebra.DefaultThreads);
                reason = "128-bit vectors with FMA are not accelerated on this processor";
                return null;
            case "simd-scalar":
                return new SimdLinearAlgebra(SimdLevel.Scalar, SimdLinearAlgebra.DefaultThreads);
            default:
                throw Unknown("linear algebra", name, LinearAlgebraNames);
        }
    }

    /// <summary>Creates (or returns the shared instance of) an FFT backend, or null with the reason.</summary>
    /// <exception cref="ArgumentException">When <paramref name="name"/> is not one of <see cref="FftNames"/>.</exception>
    public static IRealFft? TryFft(string name, out string reason)
    {
        reason = "";
        switch (Normalize(name))
        {
            case "fftw":
                return FftwRealFft.TryGet(out var fftw, out reason) ? fftw : null;
            case "fftw-measure":
                return FftwRealFft.TryGet(measure: true, out var measured, out reason) ? measured : null;
            case "managed":
                return Managed.Value;
            case "mathnet":
                return new MathNetRealFft();
            default:
                throw Unknown("FFT", name, FftNames);
        }
    }

    /// <summary>The linear algebra backend chosen from the environment, or automatically; a note when the variable was ignored.</summary>
    public static ILinearAlgebra DefaultLinearAlgebra(out string note)
    {
        note = "";
        string? requested = Environment.GetEnvironmentVariable(LinearAlgebraVariable);
        if (!string.IsNullOrWhiteSpace(requested))
        {
            try
            {
                var chosen = TryLinearAlgebra(requested, out string reason);
                if (chosen != null) return chosen;
                note = $"{LinearAlgebraVariable}={requested} ignored: {reason}";
            }
            catch (ArgumentException e)
            {
                note = $"{LinearAlgebraVariable}={requested} ignored: {e.Message}";
            }
        }
        return Automatic.Value;
    }

    /// <summary>The FFT backend chosen from the environment, or automatically; a note when the variable was ignored.</summary>
    public static IRealFft DefaultFft(out string note)
    {
        note = "";
        string? requested = Environment.GetEnvironmentVariable(FftVariable);
        if (!string.IsNullOrWhiteSpace(requested))
        {
            try
            {
                var chosen = TryFft(requested, out string reason);
                if (chosen != null) return chosen;
                note = $"{FftVariable}={requested} ignored: {reason}";
            }
            catch (ArgumentException e)
            {
                note = $"{FftVariable}={requested} ignored: {e.Message}";
            }
        }
        return FftwRealFft.TryGet(out var fftw, out _) ? fftw! : Managed.Value;
    }

    private static string Normalize(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.Trim().ToLowerInvariant();
    }

    private static ArgumentException Unknown(string kind, string name, string[] valid) =>
        new($"Unknown {kind} backend \"{name}\"; valid names: {string.Join(", ", valid)}.", nameof(name));
}
