using Differentials.Numerics;

namespace Differentials.Bench.Infrastructure;

/// <summary>
/// The numerical backends a benchmark can run on. "fast" is whatever the kernel selected at start-up
/// (from DIFFERENTIALS_LINALG / DIFFERENTIALS_FFT); "reference" is MathNet's managed code, the baseline.
/// Switching happens in-process through the internal <see cref="Backend"/> holder, so one run can
/// measure both without knowing the fast backends' class names.
/// </summary>
public sealed class BackendChoice
{
    private static readonly ILinearAlgebra StartupLinearAlgebra = Backend.LinearAlgebra;
    private static readonly IRealFft StartupFft = Backend.Fft;

    private readonly ILinearAlgebra _linearAlgebra;
    private readonly IRealFft _fft;

    private BackendChoice(string label, ILinearAlgebra linearAlgebra, IRealFft fft)
    {
        Label = label;
        _linearAlgebra = linearAlgebra;
        _fft = fft;
    }

    /// <summary>The backend the kernel chose at start-up.</summary>
    public static BackendChoice Fast { get; } = new("fast", StartupLinearAlgebra, StartupFft);

    /// <summary>MathNet's managed provider and FFT.</summary>
    public static BackendChoice Reference { get; } = new("reference", new MathNetLinearAlgebra(), new MathNetRealFft());

    /// <summary>True when the start-up backend is not simply the reference again (linear algebra).</summary>
    public static bool FastLinearAlgebraDiffers => StartupLinearAlgebra.Name != Reference._linearAlgebra.Name;

    /// <summary>True when the start-up FFT is not simply the reference again.</summary>
    public static bool FastFftDiffers => StartupFft.Name != Reference._fft.Name;

    /// <summary>"fast" or "reference".</summary>
    public string Label { get; }

    /// <summary>The linear algebra backend's own name, e.g. "managed-mathnet".</summary>
    public string LinearAlgebraName => _linearAlgebra.Name;

    /// <summary>The FFT backend's own name.</summary>
    public string FftName => _fft.Name;

    /// <summary>The linear algebra backend itself (for raw seam benchmarks).</summary>
    internal ILinearAlgebra LinearAlgebra => _linearAlgebra;

    /// <summary>The FFT backend itself (for raw seam benchmarks).</summary>
    internal IRealFft Fft => _fft;

    /// <summary>True when linear algebra runs on MathNet's managed code (slow: sizes are capped).</summary>
    public bool LinearAlgebraIsManagedMathNet => _linearAlgebra.Name == Reference._linearAlgebra.Name;

    /// <summary>True when FFTs run on MathNet's managed code.</summary>
    public bool FftIsManagedMathNet => _fft.Name == Reference._fft.Name;

    /// <summary>Makes this choice the one the kernel's operators call.</summary>
    public void Activate()
    {
        Backend.LinearAlgebra = _linearAlgebra;
        Backend.Fft = _fft;
    }

    /// <summary>The choices worth running for a linear-algebra suite: fast always, reference when it differs and allowed.</summary>
    public static IEnumerable<BackendChoice> ForLinearAlgebra(bool includeReference)
    {
        yield return Fast;
        if (includeReference && FastLinearAlgebraDiffers) yield return Reference;
    }

    /// <summary>The choices worth running for an FFT suite.</summary>
    public static IEnumerable<BackendChoice> ForFft(bool includeReference)
    {
        yield return Fast;
        if (includeReference && FastFftDiffers) yield return Reference;
    }

    /// <inheritdoc />
    public override string ToString() => Label;
}
