using Complex = System.Numerics.Complex;
using MathNet.Numerics.IntegralTransforms;
using MathNet.Numerics.LinearAlgebra;

namespace Differentials.Notebook;

/// <summary>
/// The discrete Fourier transform of a real vector with MathNet's conventions, for notebook 11's checks of
/// normalisation constants. Called from here, the notebook's own compilation never resolves MathNet's
/// overloads on System.Numerics.Complex, which MathNet references in an older version (CS1701 in Jupyter).
/// </summary>
public static class Dft
{
    /// <summary>The forward transform v̂ of a real vector, with the scaling <paramref name="options"/> selects.</summary>
    /// <param name="v">The vector.</param>
    /// <param name="options">
    /// <see cref="FourierOptions.Matlab"/>: v̂ₗ = Σₖ vₖ e^(−2πikℓ/n), 1/n on the inverse;
    /// <see cref="FourierOptions.Default"/>: 1/√n both ways.
    /// </param>
    /// <returns>A new array of n complex coefficients.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="v"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="v"/> is empty.</exception>
    public static Complex[] Forward(Vector<double> v, FourierOptions options)
    {
        ArgumentNullException.ThrowIfNull(v);
        if (v.Count == 0)
            throw new ArgumentException("The DFT of an empty vector is not defined; v has length 0.", nameof(v));
        var c = new Complex[v.Count];
        for (int k = 0; k < c.Length; k++) c[k] = new Complex(v[k], 0);
        Fourier.Forward(c, options);   // in place
        return c;
    }
}
