using Differentials.Numerics;
using MathNet.Numerics.LinearAlgebra;

namespace Differentials;

/// <summary>
/// The log-determinant y = log|det X| of a square non-singular matrix, with its differential
/// d log|det X| = tr(X⁻¹dX) and its adjoint X̄ = ȳ·X⁻ᵀ, from ȳ·tr(X⁻¹dX) = ⟨ȳ·X⁻ᵀ, dX⟩.
/// <para>
/// The sign of det X does not enter: log|det X| = log(±det X), whose differential is d det / det in both cases,
/// so the gradient X⁻ᵀ holds for a negative determinant too; <see cref="SignAndLog"/> returns the sign apart,
/// as NumPy's slogdet does. The value is the sum of the logarithms of the LU pivots, finite for every
/// non-singular X however far det X lies outside the double range (a 1000×1000 matrix with entries of size 10).
/// </para>
/// <para>
/// Singularity: an X with an exactly zero LU pivot has log|det X| = −∞ and is rejected with a
/// <see cref="SingularMatrixException"/> by every method. The differential and the adjoint need X⁻¹, and also
/// reject a numerically singular X (κ₁·ε ≥ 1 with κ₁ computed from the inverse formed), where X⁻¹ has no
/// correct digit; <see cref="Linearize"/> forms X⁻¹ at once, so it rejects such an X at the call. Inputs
/// holding NaN or ±∞ are rejected.
/// </para>
/// </summary>
public static class LogDeterminant
{
    /// <summary>Computes log|det X| from an LU factorisation with partial pivoting.</summary>
    /// <param name="x">A square, finite, non-singular matrix.</param>
    /// <returns>log|det X|, the natural logarithm.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="x"/> is empty, not square, or contains NaN or infinity.</exception>
    /// <exception cref="SingularMatrixException">A pivot of <paramref name="x"/>'s LU factorisation is exactly zero.</exception>
    public static double Forward(Matrix<double> x) => LogDeterminantRule.Instance.Forward(x);

    /// <summary>The differential d log|det X| = tr(X⁻¹dX) = ⟨X⁻ᵀ, dX⟩.</summary>
    /// <param name="x">The point X: square, finite, non-singular.</param>
    /// <param name="dx">The perturbation dX, the shape of <paramref name="x"/>.</param>
    /// <returns>tr(X⁻¹dX).</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">An argument is empty or not finite, <paramref name="x"/> is not square, the shapes differ, or the result overflows.</exception>
    /// <exception cref="SingularMatrixException"><paramref name="x"/> is exactly or numerically singular (κ₁·ε ≥ 1).</exception>
    public static double Differential(Matrix<double> x, Matrix<double> dx) => LogDeterminantRule.Instance.Differential(x, dx);

    /// <summary>The adjoint X̄ = ȳ·X⁻ᵀ: the gradient with respect to X given ȳ = ∂E/∂y, whatever the sign of det X.</summary>
    /// <param name="x">The point X: square, finite, non-singular.</param>
    /// <param name="yBar">The output gradient ȳ, finite.</param>
    /// <returns>ȳ·X⁻ᵀ, the shape of <paramref name="x"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="x"/> is empty, not square or not finite, <paramref name="yBar"/> is not finite, or the result overflows.</exception>
    /// <exception cref="SingularMatrixException"><paramref name="x"/> is exactly or numerically singular (κ₁·ε ≥ 1).</exception>
    public static Matrix<double> Backward(Matrix<double> x, double yBar) => LogDeterminantRule.Instance.Backward(x, yBar);

    /// <summary>Factors and inverts X once and returns log|det X| with dX ↦ ⟨X⁻ᵀ, dX⟩ and ȳ ↦ ȳ·X⁻ᵀ.</summary>
    /// <param name="x">A square, finite, non-singular matrix.</param>
    /// <returns>The value with its differential and adjoint at X.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="x"/> is empty, not square, or contains NaN or infinity, or X⁻¹ overflows.</exception>
    /// <exception cref="SingularMatrixException"><paramref name="x"/> is exactly or numerically singular (κ₁·ε ≥ 1).</exception>
    public static Linearization<Matrix<double>, double> Linearize(Matrix<double> x) => LogDeterminantRule.Instance.Linearize(x);

    /// <summary>The sign of det X and log|det X|, as NumPy's slogdet: det X = Sign·exp(Log), both finite even when det X is not.</summary>
    /// <param name="x">A square, finite, non-singular matrix.</param>
    /// <returns>Sign, −1 or +1; Log, log|det X|.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="x"/> is empty, not square, or contains NaN or infinity.</exception>
    /// <exception cref="SingularMatrixException">A pivot of <paramref name="x"/>'s LU factorisation is exactly zero (det X = 0, log = −∞).</exception>
    public static (double Sign, double Log) SignAndLog(Matrix<double> x)
    {
        Checks.SquareFinite(x, "x");
        var (log, sign) = LogDeterminantRule.Factor(x, DenseColumnMajor.Values(x)).LogDeterminant();
        return (sign, log);
    }
}

/// <summary>The rule: log|det X| from the LU pivots, ⟨X⁻ᵀ, dX⟩ and ȳ·X⁻ᵀ, X⁻¹ formed from the same factors.</summary>
internal sealed class LogDeterminantRule : Rule<Matrix<double>, double>
{
    public static readonly LogDeterminantRule Instance = new();

    public override string Name => "LogDeterminant";

    public override void CheckPoint(Matrix<double> x) => Checks.SquareFinite(x, "x");

    public override void CheckTangent(Matrix<double> x, Matrix<double> dx) => Checks.LikeX(dx, "dx", x);

    public override void CheckCotangent(Matrix<double> x, double yBar) => Checks.Finite(yBar, "yBar");

    public override RulePoint<Matrix<double>, double> At(Matrix<double> x, bool retained)
    {
        int n = x.RowCount;
        LuFactorization lu = Factor(x, DenseColumnMajor.Values(x)); // the factors are private copies
        double value = lu.LogDeterminant().LogAbsDeterminant;
        double[]? gradient = null; // X⁻ᵀ, formed on first use (at once when retained, so Linearize refuses what its maps would)
        double[] Gradient() => gradient ??= InverseTransposed(lu, n);
        if (retained) Gradient();
        return new(
            () => value,
            dx => DeterminantRule.Inner(Gradient(), DenseColumnMajor.Values(dx)), // ⟨X⁻ᵀ, dX⟩ = tr(X⁻¹dX)
            yBar =>                                                                // ȳ·X⁻ᵀ, a fresh matrix each call
                DenseColumnMajor.Scaled(n, n, yBar, Gradient()));
    }

    /// <summary>Factors X and refuses an exactly zero pivot, where log|det X| = −∞.</summary>
    internal static LuFactorization Factor(Matrix<double> x, ReadOnlySpan<double> values)
    {
        int n = x.RowCount;
        LuFactorization lu = LuFactorization.Factor(values, n, "x");
        if (lu.IsExactlySingular)
        {
            throw new SingularMatrixException(FormattableString.Invariant(
                $"x ({n}×{n}) is singular: LU pivot {lu.ZeroPivot} is exactly zero, so det x = 0 and log|det x| = −∞."),
                "x", double.PositiveInfinity);
        }
        return lu;
    }

    /// <summary>X⁻ᵀ from the factors, under the inverse's policy (κ₁·ε ≥ 1 is singular; an overflowing inverse is refused).</summary>
    private static double[] InverseTransposed(LuFactorization lu, int n)
    {
        var inverse = new double[n * n];
        try
        {
            lu.Inverse(inverse);
        }
        catch (OverflowException e)
        {
            throw new ArgumentException("LogDeterminant: " + e.Message, "x", e);
        }
        for (int j = 0; j < n; j++)
            for (int i = j + 1; i < n; i++)
                (inverse[i + j * n], inverse[j + i * n]) = (inverse[j + i * n], inverse[i + j * n]);
        return inverse;
    }
}
