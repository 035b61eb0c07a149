using Differentials.Numerics;

namespace Differentials;

/// <summary>Reports which numerical backend the kernel's operators run on.</summary>
public static class NumericBackend
{
    /// <summary>A one-line description, e.g. "linear algebra: managed-mathnet; FFT: managed-mathnet".</summary>
    public static string Describe() =>
        $"linear algebra: {Backend.LinearAlgebra.Name}; FFT: {Backend.Fft.Name}";
}
