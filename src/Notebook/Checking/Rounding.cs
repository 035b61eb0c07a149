using Differentials.Verification;
using MathNet.Numerics.LinearAlgebra;

namespace Differentials.Notebook;

/// <summary>
/// The rounding bounds the notebooks derive their tolerances from, in one place: γₖ for a sum of k
/// products, and the Frobenius inner product the adjoint checks pair matrices with.
/// </summary>
public static class Rounding
{
    /// <summary>
    /// γₖ = kε/(1 − kε), the classical bound on the relative rounding error of a sum of k products
    /// (Higham, Accuracy and Stability of Numerical Algorithms, §3.1).
    /// </summary>
    /// <param name="k">The number of products summed; 0 or more (every int then has kε &lt; 1).</param>
    /// <returns>γₖ.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="k"/> is negative.</exception>
    public static double Gamma(int k)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        double ke = k * Tolerances.Epsilon;
        return ke / (1 - ke);
    }

    /// <summary>The Frobenius inner product ⟨A, B⟩ = tr(AᵀB) = Σᵢⱼ AᵢⱼBᵢⱼ.</summary>
    /// <param name="a">A.</param>
    /// <param name="b">B, the same shape as A.</param>
    /// <returns>⟨A, B⟩.</returns>
    /// <exception cref="ArgumentNullException">A matrix is null.</exception>
    /// <exception cref="ArgumentException">The shapes differ.</exception>
    public static double Inner(Matrix<double> a, Matrix<double> b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.RowCount != b.RowCount || a.ColumnCount != b.ColumnCount)
            throw new ArgumentException(
                $"⟨A, B⟩ needs equal shapes; A is {a.RowCount}×{a.ColumnCount}, B is {b.RowCount}×{b.ColumnCount}.", nameof(b));
        double sum = 0;
        for (int j = 0; j < a.ColumnCount; j++)
            for (int i = 0; i < a.RowCount; i++)
                sum += a[i, j] * b[i, j];
        return sum;
    }
}
