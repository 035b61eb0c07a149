using Differentials.Numerics;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Double;

namespace Differentials;

/// <summary>
/// The determinant y = det X of a square matrix, with its differential d det = tr(adj(X)·dX) (Jacobi's formula)
/// and its adjoint X̄ = ȳ·adj(X)ᵀ, from ȳ·tr(adj(X) dX) = ⟨ȳ·adj(X)ᵀ, dX⟩.
/// <para>
/// The gradient is the adjugate, not det(X)·X⁻ᵀ: the two agree for non-singular X, but only the adjugate is
/// defined, and nonzero, at a singular X of rank n−1 (at rank below n−1 it is zero). It is computed as
/// det(X)·X⁻ᵀ from the LU factors whenever X is not numerically singular (no zero pivot, κ₁·ε &lt; 1 by the
/// factors' estimate), where the two computed factors' errors cancel, and otherwise from the SVD, which has
/// no division by a singular value (see the adjugate helper).
/// So no X is refused as singular: an exactly singular X has det X = 0 and a finite gradient.
/// </para>
/// <para>
/// The value is the product of the LU pivots, with the exponent kept apart, so no intermediate overflows;
/// but a determinant whose magnitude exceeds the double range (a large matrix with entries of size 10, say)
/// is refused with an <see cref="ArgumentException"/> naming the operation, as every overflowing result is:
/// use <see cref="LogDeterminant"/> there. Inputs holding NaN or ±∞ are rejected.
/// </para>
/// </summary>
public static class Determinant
{
    /// <summary>Computes det X from an LU factorisation with partial pivoting.</summary>
    /// <param name="x">A square, finite matrix (singular is allowed: its determinant is 0).</param>
    /// <returns>det X.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="x"/> is empty, not square, or contains NaN or infinity, or |det X| exceeds the double range.</exception>
    public static double Forward(Matrix<double> x) => DeterminantRule.Instance.Forward(x);

    /// <summary>The differential d det(X; dX) = tr(adj(X)·dX) = ⟨adj(X)ᵀ, dX⟩ (Jacobi's formula).</summary>
    /// <param name="x">The point X: square, finite.</param>
    /// <param name="dx">The perturbation dX, the shape of <paramref name="x"/>.</param>
    /// <returns>tr(adj(X)·dX).</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">An argument is empty or not finite, <paramref name="x"/> is not square, the shapes differ, or the result overflows.</exception>
    public static double Differential(Matrix<double> x, Matrix<double> dx) => DeterminantRule.Instance.Differential(x, dx);

    /// <summary>The adjoint X̄ = ȳ·adj(X)ᵀ: the gradient with respect to X given ȳ = ∂E/∂y; ȳ·det(X)·X⁻ᵀ when X is non-singular.</summary>
    /// <param name="x">The point X: square, finite (singular is allowed).</param>
    /// <param name="yBar">The output gradient ȳ, finite.</param>
    /// <returns>ȳ·adj(X)ᵀ, the shape of <paramref name="x"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="x"/> is empty, not square or not finite, <paramref name="yBar"/> is not finite, or the result overflows.</exception>
    public static Matrix<double> Backward(Matrix<double> x, double yBar) => DeterminantRule.Instance.Backward(x, yBar);

    /// <summary>Factors X once and returns det X with dX ↦ ⟨adj(X)ᵀ, dX⟩ and ȳ ↦ ȳ·adj(X)ᵀ, the adjugate formed once, on first use.</summary>
    /// <param name="x">A square, finite matrix.</param>
    /// <returns>The value with its differential and adjoint at X.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="x"/> is empty, not square, or contains NaN or infinity, or |det X| exceeds the double range.</exception>
    public static Linearization<Matrix<double>, double> Linearize(Matrix<double> x) => DeterminantRule.Instance.Linearize(x);
}

/// <summary>The rule: det X from the LU pivots, ⟨adj(X)ᵀ, dX⟩ and ȳ·adj(X)ᵀ, the adjugate formed lazily once.</summary>
internal sealed class DeterminantRule : Rule<Matrix<double>, double>
{
    public static readonly DeterminantRule Instance = new();

    public override string Name => "Determinant";

    public override void CheckPoint(Matrix<double> x) => Checks.SquareFinite(x, "x");

    public override void CheckTangent(Matrix<double> x, Matrix<double> dx) => Checks.LikeX(dx, "dx", x);

    public override void CheckCotangent(Matrix<double> x, double yBar) => Checks.Finite(yBar, "yBar");

    public override RulePoint<Matrix<double>, double> At(Matrix<double> x, bool retained)
    {
        int n = x.RowCount;
        // A retained point keeps its own copy: the SVD path of the adjugate reads X itself, and X may change later.
        double[] values = retained ? (double[])DenseColumnMajor.Values(x).Clone() : DenseColumnMajor.Values(x);
        LuFactorization lu = LuFactorization.Factor(values, n, "x");
        double[]? gradient = null; // adj(X)ᵀ, formed on first use
        double[] Gradient() => gradient ??= Adjugate.Transposed(values, lu, out _);
        return new(
            () => Value(lu),
            dx => Inner(Gradient(), DenseColumnMajor.Values(dx)),  // ⟨adj(X)ᵀ, dX⟩
            yBar =>                                                 // ȳ·adj(X)ᵀ, a fresh matrix each call
                DenseColumnMajor.Scaled(n, n, yBar, Gradient()));
    }

    /// <summary>det X from the factors; a determinant beyond the double range is refused as every overflowing result is.</summary>
    private static double Value(LuFactorization lu)
    {
        try
        {
            return lu.Determinant();
        }
        catch (OverflowException e)
        {
            throw new ArgumentException("Determinant: " + e.Message + " Use LogDeterminant, which is finite for every non-singular x.", "x", e);
        }
    }

    /// <summary>Σ a_k b_k, the Frobenius inner product of two column-major matrices of one shape.</summary>
    internal static double Inner(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double sum = 0;
        for (int k = 0; k < a.Length; k++) sum += a[k] * b[k];
        return sum;
    }
}
