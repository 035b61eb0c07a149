namespace Differentials.Numerics;

/// <summary>Argument checks shared by the real FFT backends.</summary>
internal static class FftChecks
{
    /// <summary>A forward transform needs n ≥ 1 samples and room for n/2+1 coefficients.</summary>
    public static void Forward(int n, int spectrumLength)
    {
        if (n < 1) throw new ArgumentException("The signal must hold at least one sample.", "x");
        if (spectrumLength < n / 2 + 1)
            throw new ArgumentException($"spectrum holds {spectrumLength} values; a real signal of length {n} has {n / 2 + 1} coefficients.", "spectrum");
    }

    /// <summary>An inverse transform to n ≥ 1 samples needs n/2+1 coefficients.</summary>
    public static void Inverse(int n, int spectrumLength)
    {
        if (n < 1) throw new ArgumentException("The output signal must hold at least one sample.", "x");
        if (spectrumLength < n / 2 + 1)
            throw new ArgumentException($"spectrum holds {spectrumLength} values; a real signal of length {n} needs {n / 2 + 1} coefficients.", "spectrum");
    }
}
