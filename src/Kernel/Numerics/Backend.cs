namespace Differentials.Numerics;

/// <summary>
/// Holds the numerical backend the operators call. Every operator reaches linear algebra and FFTs
/// only through <see cref="LinearAlgebra"/> and <see cref="Fft"/>.
/// </summary>
internal static class Backend
{
    /// <summary>The linear algebra in use.</summary>
    public static ILinearAlgebra LinearAlgebra { get; set; } = new MathNetLinearAlgebra();

    /// <summary>The real FFT in use.</summary>
    public static IRealFft Fft { get; set; } = new MathNetRealFft();
}
