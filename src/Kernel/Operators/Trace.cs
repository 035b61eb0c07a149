using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Double;

namespace Differentials;

/// <summary>
/// The trace y = tr X = Σ Xᵢᵢ of a square matrix, a linear map: its differential is tr dX and its adjoint is
/// X̄ = ȳ·I (from ȳ·tr dX = ⟨ȳ I, dX⟩). Inputs holding NaN or ±∞ are rejected.
/// </summary>
public static class Trace
{
    /// <summary>Computes tr X.</summary>
    /// <param name="x">A square, finite matrix.</param>
    /// <returns>Σ Xᵢᵢ.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="x"/> is empty, not square, or contains NaN or infinity, or the sum overflows.</exception>
    public static double Forward(Matrix<double> x) => TraceRule.Instance.Forward(x);

    /// <summary>The differential d tr(X; dX) = tr dX.</summary>
    /// <param name="x">The point X: square, finite.</param>
    /// <param name="dx">The perturbation dX, the shape of <paramref name="x"/>.</param>
    /// <returns>tr dX.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">An argument is empty or not finite, <paramref name="x"/> is not square, or the shapes differ.</exception>
    public static double Differential(Matrix<double> x, Matrix<double> dx) => TraceRule.Instance.Differential(x, dx);

    /// <summary>The adjoint X̄ = ȳ·I: the gradient with respect to X given ȳ = ∂E/∂y.</summary>
    /// <param name="x">The point X: square, finite.</param>
    /// <param name="yBar">The output gradient ȳ, finite.</param>
    /// <returns>ȳ·I, the shape of <paramref name="x"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="x"/> is empty, not square or not finite, or <paramref name="yBar"/> is not finite.</exception>
    public static Matrix<double> Backward(Matrix<double> x, double yBar) => TraceRule.Instance.Backward(x, yBar);

    /// <summary>tr X with its differential and adjoint at X.</summary>
    /// <param name="x">A square, finite matrix.</param>
    /// <returns>The value with dX ↦ tr dX and ȳ ↦ ȳ·I.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="x"/> is empty, not square, or contains NaN or infinity.</exception>
    public static Linearization<Matrix<double>, double> Linearize(Matrix<double> x) => TraceRule.Instance.Linearize(x);
}

/// <summary>The rule: tr X, tr dX and ȳ·I side by side.</summary>
internal sealed class TraceRule : Rule<Matrix<double>, double>
{
    public static readonly TraceRule Instance = new();

    public override string Name => "Trace";

    public override void CheckPoint(Matrix<double> x) => Checks.SquareFinite(x, "x");

    public override void CheckTangent(Matrix<double> x, Matrix<double> dx) => Checks.LikeX(dx, "dx", x);

    public override void CheckCotangent(Matrix<double> x, double yBar) => Checks.Finite(yBar, "yBar");

    public override RulePoint<Matrix<double>, double> At(Matrix<double> x, bool retained)
    {
        int n = x.RowCount;
        double value = x.Trace(); // read now: a retained point must not see later changes to x
        return new(
            () => value,                                     // tr X
            dx => dx.Trace(),                                // tr dX
            yBar => DenseMatrix.CreateDiagonal(n, n, yBar)); // ȳ·I
    }
}
