using Differentials.Numerics;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Double;

namespace Differentials;

/// <summary>
/// The matrix exponential Y = exp(X) = Σₖ Xᵏ/k! with its differential, the Fréchet derivative
/// dY = L(X, dX) = ∫₀¹ e^{sX} dX e^{(1−s)X} ds (which is exp(X) dX only when X and dX commute), and its adjoint
/// X̄ = L(Xᵀ, Ȳ) = L(X, Ȳᵀ)ᵀ, from ⟨Ȳ, L(X, E)⟩ = ⟨L(Xᵀ, Ȳ), E⟩.
/// <para>
/// Algorithm: scaling and squaring with Padé approximants of degree 3, 5, 7, 9 or 13 chosen by ‖X‖₁ (Higham 2005),
/// and for the derivative Al-Mohy and Higham's 2009 differentiation of that same algorithm, which reuses the
/// forward's powers of 2⁻ˢX and its one LU factorisation; see <c>PadeExponential</c> for why this beats the
/// block-triangular identity exp([[X, E], [0, X]]) = [[exp X, L(X, E)], [0, exp X]] (about 8× the forward's work).
/// </para>
/// <para>Inputs holding NaN or ±∞ are rejected, and so is ‖X‖₁ ≥ 1/ε ≈ 4.5·10¹⁵, where exp has no correct digit
/// (its relative condition number is at least ‖X‖). A result that overflows the double range (exp(X) for ‖X‖ of
/// several hundred, say) is refused with an <see cref="ArgumentException"/> naming the operation, never returned
/// as NaN or ∞.</para>
/// </summary>
public static class MatrixExponential
{
    /// <summary>Computes exp(X) by scaling and squaring with a Padé approximant (Higham 2005).</summary>
    /// <param name="x">A square, finite matrix with ‖X‖₁ below 1/ε.</param>
    /// <returns>exp(X), as a new dense matrix.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="x"/> is empty, not square, contains NaN or infinity, has ‖X‖₁ ≥ 1/ε, or exp(X) overflows.</exception>
    public static Matrix<double> Forward(Matrix<double> x) => MatrixExponentialRule.Instance.Forward(x);

    /// <summary>The differential dY = L(X, dX), the Fréchet derivative of exp at X in direction dX (Al-Mohy and Higham 2009).</summary>
    /// <param name="x">The point X: square, finite, ‖X‖₁ below 1/ε.</param>
    /// <param name="dx">The perturbation dX, the same shape as <paramref name="x"/>.</param>
    /// <returns>L(X, dX).</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">An argument is empty or not finite, <paramref name="x"/> is not square or too large, the shapes differ, or the result overflows.</exception>
    public static Matrix<double> Differential(Matrix<double> x, Matrix<double> dx) => MatrixExponentialRule.Instance.Differential(x, dx);

    /// <summary>The adjoint X̄ = L(Xᵀ, Ȳ): the gradient with respect to X given Ȳ = ∇_Y E.</summary>
    /// <param name="x">The point X: square, finite, ‖X‖₁ below 1/ε.</param>
    /// <param name="yBar">The output gradient Ȳ, the same shape as <paramref name="x"/>.</param>
    /// <returns>L(Xᵀ, Ȳ), computed as L(X, Ȳᵀ)ᵀ from X's own Padé terms.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">An argument is empty or not finite, <paramref name="x"/> is not square or too large, the shapes differ, or the result overflows.</exception>
    public static Matrix<double> Backward(Matrix<double> x, Matrix<double> yBar) => MatrixExponentialRule.Instance.Backward(x, yBar);

    /// <summary>
    /// Computes exp(X) once and returns it with closures dX ↦ L(X, dX) and Ȳ ↦ L(Xᵀ, Ȳ) that reuse the scaled powers,
    /// the LU factorisation of V − U and the squares R_k, so each costs less than a fresh <see cref="Differential"/>
    /// or <see cref="Backward"/>.
    /// </summary>
    /// <param name="x">The point X: square, finite, ‖X‖₁ below 1/ε.</param>
    /// <returns>The value exp(X) with its differential and adjoint at X.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="x"/> is empty, not square, contains NaN or infinity, has ‖X‖₁ ≥ 1/ε, or exp(X) overflows.</exception>
    public static Linearization<Matrix<double>, Matrix<double>> Linearize(Matrix<double> x) => MatrixExponentialRule.Instance.Linearize(x);
}

/// <summary>The rule: exp(X), L(X, dX) and L(Xᵀ, Ȳ) side by side, all reading one <see cref="PadeExponential"/>.</summary>
internal sealed class MatrixExponentialRule : Rule<Matrix<double>, Matrix<double>>
{
    public static readonly MatrixExponentialRule Instance = new();

    public override string Name => "MatrixExponential";

    public override void CheckPoint(Matrix<double> x)
    {
        Checks.SquareFinite(x, "x");
        // The scratch is a handful of n×n arrays, each the size of x itself; checked here so a future span form inherits it.
        Checks.Elements(x.RowCount, x.ColumnCount, "exp(x)", "x");
    }

    public override void CheckTangent(Matrix<double> x, Matrix<double> dx) => Checks.LikeX(dx, "dx", x);

    public override void CheckCotangent(Matrix<double> x, Matrix<double> yBar) =>
        Checks.Like(yBar, "yBar", x.RowCount, x.ColumnCount, "the shape of Y = exp(x),", x.RowCount, x.ColumnCount);

    public override RulePoint<Matrix<double>, Matrix<double>> At(Matrix<double> x, bool retained)
    {
        int n = x.RowCount;
        if (!retained)
        {
            // One closure runs, once, now: compute only what it needs (the forward alone uses the larger θ_m and keeps no squares).
            return new(
                () => Wrap(n, PadeExponential.Compute(DenseColumnMajor.Values(x), n, forDerivative: false, "x").Value),
                dx => Apply(PadeExponential.Compute(DenseColumnMajor.Values(x), n, forDerivative: true, "x"), dx, adjoint: false),
                yBar => Apply(PadeExponential.Compute(DenseColumnMajor.Values(x), n, forDerivative: true, "x"), yBar, adjoint: true));
        }
        // Compute copies x into its scaled A, so later changes to x do not reach the closures.
        var point = PadeExponential.Compute(DenseColumnMajor.Values(x), n, forDerivative: true, "x");
        return new(
            () => Wrap(n, (double[])point.Value.Clone()),
            dx => Apply(point, dx, adjoint: false),
            yBar => Apply(point, yBar, adjoint: true));
    }

    private static DenseMatrix Wrap(int n, double[] values) => new(n, n, values);

    private static DenseMatrix Apply(PadeExponential point, Matrix<double> direction, bool adjoint)
    {
        int n = direction.RowCount;
        var result = DenseColumnMajor.UnwrittenMatrix(n, n);
        if (adjoint) point.FrechetAdjoint(DenseColumnMajor.Values(direction), result.Values);
        else point.Frechet(DenseColumnMajor.Values(direction), result.Values);
        return result;
    }
}
