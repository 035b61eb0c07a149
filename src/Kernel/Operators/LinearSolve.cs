using System.Runtime.CompilerServices;
using Differentials.Numerics;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Double;

namespace Differentials;

/// <summary>
/// The solution X = A⁻¹B of the linear system A·X = B (A square, B with as many rows as A has and any number
/// of columns), with its differential dX = A⁻¹(dB − dA·X) and its adjoint (Ā, B̄) = (−B̄·Xᵀ, A⁻ᵀX̄).
/// <para>
/// The differential comes from differentiating A·X = B: dA·X + A·dX = dB. The adjoint follows from
/// ⟨X̄, A⁻¹(dB − dA X)⟩ = ⟨A⁻ᵀX̄, dB⟩ − ⟨A⁻ᵀX̄·Xᵀ, dA⟩, so B̄ = A⁻ᵀX̄ and Ā = −B̄Xᵀ. A is factored once
/// (LU with partial pivoting); the value, the differential and the adjoint are each one solve with those
/// factors (with A, with A, with Aᵀ), never an explicit inverse, which would cost three times the work of
/// the factorisation and lose accuracy on ill-conditioned A.
/// </para>
/// <para>
/// Singularity: A is rejected when a pivot is exactly zero, and when it is numerically singular, meaning
/// κ₁(A)·ε ≥ 1 with κ₁ estimated from the factors (Hager and Higham's estimator, a few extra solves):
/// past that point the solution has no correct digit. Inputs holding NaN or ±∞ are rejected; a result
/// that overflows the double range is refused with an <see cref="ArgumentException"/> naming the operation.
/// </para>
/// </summary>
public static class LinearSolve
{
    /// <summary>Solves A·X = B by LU factorisation with partial pivoting.</summary>
    /// <param name="a">A: square (n×n), finite, non-singular.</param>
    /// <param name="b">B: n×k, finite.</param>
    /// <returns>X = A⁻¹B, n×k, a new dense matrix.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">An argument is empty or holds NaN or infinity, <paramref name="a"/> is not square, <paramref name="b"/>'s row count is not <paramref name="a"/>'s order, or X overflows.</exception>
    /// <exception cref="SingularMatrixException"><paramref name="a"/> is exactly or numerically singular (κ₁·ε ≥ 1).</exception>
    public static Matrix<double> Forward(Matrix<double> a, Matrix<double> b) => LinearSolveRule.Instance.Forward((a, b));

    /// <summary>The differential dX = A⁻¹(dB − dA·X), where X = A⁻¹B.</summary>
    /// <param name="a">A: square, finite, non-singular.</param>
    /// <param name="b">B: finite, with as many rows as <paramref name="a"/>.</param>
    /// <param name="da">The perturbation dA, the shape of <paramref name="a"/>.</param>
    /// <param name="db">The perturbation dB, the shape of <paramref name="b"/>.</param>
    /// <returns>dX, the shape of <paramref name="b"/>.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">An argument is empty or not finite, a shape does not fit, or the result overflows.</exception>
    /// <exception cref="SingularMatrixException"><paramref name="a"/> is exactly or numerically singular.</exception>
    public static Matrix<double> Differential(Matrix<double> a, Matrix<double> b, Matrix<double> da, Matrix<double> db) =>
        LinearSolveRule.Instance.Differential((a, b), (da, db));

    /// <summary>The adjoint (Ā, B̄) = (−B̄·Xᵀ, A⁻ᵀX̄): the gradients with respect to A and B given X̄ = ∇_X E.</summary>
    /// <param name="a">A: square, finite, non-singular.</param>
    /// <param name="b">B: finite, with as many rows as <paramref name="a"/>.</param>
    /// <param name="xBar">The output gradient X̄, the shape of X (that of <paramref name="b"/>).</param>
    /// <returns>Ā (the shape of <paramref name="a"/>) and B̄ (the shape of <paramref name="b"/>).</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">An argument is empty or not finite, a shape does not fit, or the result overflows.</exception>
    /// <exception cref="SingularMatrixException"><paramref name="a"/> is exactly or numerically singular.</exception>
    public static (Matrix<double> ABar, Matrix<double> BBar) Backward(Matrix<double> a, Matrix<double> b, Matrix<double> xBar) =>
        LinearSolveRule.Instance.Backward((a, b), xBar);

    /// <summary>
    /// Factors A once and returns X = A⁻¹B with closures (dA, dB) ↦ A⁻¹(dB − dA X) and X̄ ↦ (−A⁻ᵀX̄Xᵀ, A⁻ᵀX̄)
    /// that reuse the factors and X.
    /// </summary>
    /// <param name="a">A: square, finite, non-singular.</param>
    /// <param name="b">B: finite, with as many rows as <paramref name="a"/>.</param>
    /// <returns>The value X with its differential and adjoint at (A, B).</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">An argument is empty or not finite, a shape does not fit, or X overflows.</exception>
    /// <exception cref="SingularMatrixException"><paramref name="a"/> is exactly or numerically singular.</exception>
    public static Linearization<(Matrix<double> A, Matrix<double> B), Matrix<double>> Linearize(Matrix<double> a, Matrix<double> b) =>
        LinearSolveRule.Instance.Linearize((a, b));
}

/// <summary>The rule: A factored once, then X = A⁻¹B, dX = A⁻¹(dB − dA X) and (Ā, B̄) = (−B̄Xᵀ, A⁻ᵀX̄), one solve each.</summary>
internal sealed class LinearSolveRule : Rule<(Matrix<double> A, Matrix<double> B), Matrix<double>>
{
    public static readonly LinearSolveRule Instance = new();

    public override string Name => "LinearSolve";

    public override void CheckPoint((Matrix<double> A, Matrix<double> B) x)
    {
        Checks.SquareFinite(x.A, "a");
        Checks.NonEmptyFinite(x.B, "b");
        if (x.B.RowCount != x.A.RowCount) ThrowRowsDiffer(x.A, x.B);
        // The results are n×k (X, dX, B̄) and n×n (Ā): the shared size rule, checked in long before anything is allocated.
        Checks.Elements(x.A.RowCount, x.B.ColumnCount, "the solution X = a⁻¹b", "b");
    }

    public override void CheckTangent((Matrix<double> A, Matrix<double> B) x, (Matrix<double> A, Matrix<double> B) u)
    {
        Checks.Like(u.A, "da", x.A.RowCount, x.A.ColumnCount, "the shape of a,", x.A.RowCount, x.A.ColumnCount);
        Checks.Like(u.B, "db", x.B.RowCount, x.B.ColumnCount, "the shape of b,", x.B.RowCount, x.B.ColumnCount);
    }

    public override void CheckCotangent((Matrix<double> A, Matrix<double> B) x, Matrix<double> xBar) =>
        Checks.Like(xBar, "xBar", x.B.RowCount, x.B.ColumnCount, "the shape of X = a⁻¹b,", x.B.RowCount, x.B.ColumnCount);

    public override RulePoint<(Matrix<double> A, Matrix<double> B), Matrix<double>> At((Matrix<double> A, Matrix<double> B) x, bool retained)
    {
        int n = x.A.RowCount, k = x.B.ColumnCount;
        LuFactorization lu = Factor(x.A);           // private copies: later changes to A do not reach the closures
        DenseMatrix solution = DenseColumnMajor.Copy(x.B);
        Solve(lu, solution.Values, k, transposed: false);
        return new(
            () => retained ? DenseColumnMajor.Copy(solution) : solution,
            u =>
            {
                // dB − dA·X, then one solve with A.
                DenseMatrix r = DenseColumnMajor.MultiplyNegated(u.A, false, solution, false);
                double[] rv = r.Values, db = DenseColumnMajor.Values(u.B);
                for (int i = 0; i < rv.Length; i++) rv[i] += db[i];
                Solve(lu, rv, k, transposed: false);
                return r;
            },
            xBar =>
            {
                // B̄ = A⁻ᵀX̄ (one solve with Aᵀ from the same factors), Ā = −B̄Xᵀ.
                DenseMatrix bBar = DenseColumnMajor.Copy(xBar);
                Solve(lu, bBar.Values, k, transposed: true);
                DenseMatrix aBar = DenseColumnMajor.MultiplyNegated(bBar, false, solution, true);
                return (aBar, bBar);
            });
    }

    /// <summary>Factors A and applies the singularity policy: an exactly zero pivot, or κ₁·ε ≥ 1 by the estimate.</summary>
    internal static LuFactorization Factor(Matrix<double> a)
    {
        LuFactorization lu = LuFactorization.Factor(DenseColumnMajor.Values(a), a.RowCount, "a");
        lu.RequireWellConditioned();
        return lu;
    }

    /// <summary>One solve with A or Aᵀ in place; a solution beyond the double range is refused as every overflowing result is.</summary>
    private static void Solve(LuFactorization lu, Span<double> values, int columns, bool transposed)
    {
        try
        {
            if (transposed) lu.SolveTransposed(values, columns);
            else lu.Solve(values, columns);
        }
        catch (OverflowException e)
        {
            throw new ArgumentException("LinearSolve: " + e.Message, transposed ? "xBar" : "b", e);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowRowsDiffer(Matrix<double> a, Matrix<double> b) =>
        throw new ArgumentException(
            $"b must have as many rows as a has (a is {Checks.Shape(a)}, so b must be {a.RowCount}×k), but b is {Checks.Shape(b)}.", "b");
}
