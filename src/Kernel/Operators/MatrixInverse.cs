using System.Globalization;
using Differentials.Numerics;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Double;

namespace Differentials;

/// <summary>
/// The matrix inverse Y = X⁻¹ with its differential dY = −Y dX Y and its adjoint X̄ = −Yᵀ Ȳ Yᵀ.
/// <para>
/// Singularity: X is rejected when a pivot of its partially pivoted LU factorisation is exactly zero,
/// and also when it is numerically singular, meaning κ₁(X)·ε ≥ 1 with κ₁ = ‖X‖₁‖Y‖₁ computed from the
/// inverse actually formed (ε = 2⁻⁵², the unit round-off doubled). Past that point the computed inverse
/// has no correct significant digit, so its differential and adjoint would be noise. A computed inverse
/// that overflows counts as κ₁ = ∞.
/// </para>
/// <para>Inputs holding NaN or ±∞ are rejected: LU would spread NaN silently and defeat the singularity test.
/// A differential or adjoint whose exact value overflows the double range is refused with an
/// <see cref="ArgumentException"/> that names the operation, never returned as NaN or ∞.</para>
/// </summary>
public static class MatrixInverse
{
    /// <summary>Computes Y = X⁻¹ by LU factorisation with partial pivoting.</summary>
    /// <param name="x">A square, finite, non-singular matrix.</param>
    /// <returns>The inverse X⁻¹, as a new dense matrix.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="x"/> is empty, not square, or contains NaN or infinity.</exception>
    /// <exception cref="SingularMatrixException"><paramref name="x"/> is exactly or numerically singular (κ₁·ε ≥ 1).</exception>
    public static Matrix<double> Forward(Matrix<double> x) => InverseRule.Instance.Forward(x);

    /// <summary>The differential dY = df(X; dX) = −Y dX Y, where Y = X⁻¹.</summary>
    /// <param name="x">The point X: square, finite, non-singular.</param>
    /// <param name="dx">The perturbation dX, the same shape as <paramref name="x"/>.</param>
    /// <returns>−Y dX Y.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">An argument is empty or not finite, <paramref name="x"/> is not square, the shapes differ, or the result overflows.</exception>
    /// <exception cref="SingularMatrixException"><paramref name="x"/> is exactly or numerically singular.</exception>
    public static Matrix<double> Differential(Matrix<double> x, Matrix<double> dx) => InverseRule.Instance.Differential(x, dx);

    /// <summary>The adjoint X̄ = −Yᵀ Ȳ Yᵀ, where Y = X⁻¹: the gradient with respect to X given Ȳ = ∇_Y E.</summary>
    /// <param name="x">The point X: square, finite, non-singular.</param>
    /// <param name="yBar">The output gradient Ȳ, the same shape as <paramref name="x"/>.</param>
    /// <returns>−Yᵀ Ȳ Yᵀ.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">An argument is empty or not finite, <paramref name="x"/> is not square, the shapes differ, or the result overflows.</exception>
    /// <exception cref="SingularMatrixException"><paramref name="x"/> is exactly or numerically singular.</exception>
    public static Matrix<double> Backward(Matrix<double> x, Matrix<double> yBar) => InverseRule.Instance.Backward(x, yBar);

    /// <summary>
    /// Inverts X once and returns Y = X⁻¹ with closures dX ↦ −Y dX Y and Ȳ ↦ −Yᵀ Ȳ Yᵀ that reuse Y.
    /// </summary>
    /// <param name="x">The point X: square, finite, non-singular.</param>
    /// <returns>The value Y with its differential and adjoint at X.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="x"/> is empty, not square, or contains NaN or infinity.</exception>
    /// <exception cref="SingularMatrixException"><paramref name="x"/> is exactly or numerically singular.</exception>
    public static Linearization<Matrix<double>, Matrix<double>> Linearize(Matrix<double> x) => InverseRule.Instance.Linearize(x);

    /// <summary>
    /// Writes Y = X⁻¹ for an n×n matrix stored column-major in <paramref name="x"/>, without MathNet objects:
    /// the allocation-light form for benchmarks and hot loops. Same checks as <see cref="Forward(Matrix{double})"/>.
    /// It cannot run in place: the condition check reads X after Y is written.
    /// </summary>
    /// <param name="x">The n×n matrix X, column-major, length n².</param>
    /// <param name="n">The order n ≥ 1.</param>
    /// <param name="destination">Receives X⁻¹ column-major; length n²; must not overlap <paramref name="x"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="n"/> is below 1.</exception>
    /// <exception cref="ArgumentException">A length is not n², <paramref name="x"/> contains NaN or infinity, or <paramref name="destination"/> overlaps <paramref name="x"/>.</exception>
    /// <exception cref="SingularMatrixException">X is exactly or numerically singular (κ₁·ε ≥ 1).</exception>
    public static void Forward(ReadOnlySpan<double> x, int n, Span<double> destination)
    {
        Checks.AtLeastOne(n, nameof(n));
        long length = (long)n * n;
        if (x.Length != length || destination.Length != length)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"x and destination must both have length n² = {length} for n = {n}, but have lengths {x.Length} and {destination.Length}."),
                nameof(destination));
        }
        Checks.NoOverlap(x, nameof(x), destination, nameof(destination));
        Checks.Finite(x, nameof(x), n, n);
        InverseRule.InvertInto(x, n, destination, nameof(x));
    }
}

/// <summary>The rule: checks once, then Y = X⁻¹ with dY = −Y dX Y and X̄ = −Yᵀ Ȳ Yᵀ side by side, both reading the one Y.</summary>
internal sealed class InverseRule : Rule<Matrix<double>, Matrix<double>>
{
    public static readonly InverseRule Instance = new();

    public override string Name => "MatrixInverse";

    public override void CheckPoint(Matrix<double> x) => Checks.SquareFinite(x, "x");

    public override void CheckTangent(Matrix<double> x, Matrix<double> dx) => Checks.LikeX(dx, "dx", x);

    public override void CheckCotangent(Matrix<double> x, Matrix<double> yBar) =>
        Checks.Like(yBar, "yBar", x.RowCount, x.ColumnCount, "the shape of Y = x⁻¹,", x.RowCount, x.ColumnCount);

    public override RulePoint<Matrix<double>, Matrix<double>> At(Matrix<double> x, bool retained)
    {
        DenseMatrix y = Invert(x, "x"); // Y is the rule's own; only the value handed out when retained is a copy
        return new(
            () => retained ? DenseMatrix.OfMatrix(y) : y,
            dx => DenseColumnMajor.MultiplyNegated(DenseColumnMajor.Multiply(y, false, dx, false), false, y, false), // −(Y dX) Y
            yBar => DenseColumnMajor.MultiplyNegated(DenseColumnMajor.Multiply(y, true, yBar, false), false, y, true)); // −(Yᵀ Ȳ) Yᵀ
    }

    /// <summary>Factors X once and writes its inverse; the factorisation object applies the whole singularity and overflow policy.</summary>
    internal static DenseMatrix Invert(Matrix<double> x, string paramName)
    {
        int n = x.RowCount;
        var y = DenseColumnMajor.UnwrittenMatrix(n, n);
        InvertInto(DenseColumnMajor.Values(x), n, y.Values, paramName);
        return y;
    }

    /// <summary>
    /// LU with partial pivoting (scaled by a power of two when the entries are extreme), rejection on an exactly zero
    /// pivot, inversion, rejection when κ₁·ε ≥ 1, and refusal (an <see cref="ArgumentException"/>, as every result
    /// that overflows) when X⁻¹ exceeds the double range.
    /// </summary>
    internal static void InvertInto(ReadOnlySpan<double> x, int n, Span<double> y, string paramName)
    {
        try
        {
            LuFactorization.Factor(x, n, paramName).Inverse(y);
        }
        catch (OverflowException e)
        {
            throw new ArgumentException("MatrixInverse: " + e.Message, paramName, e);
        }
    }
}
