using Differentials.Numerics;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Double;

namespace Differentials;

/// <summary>
/// The Gram matrix Y = XᵀX of an m×n matrix X (Y is n×n), with its differential dY = dXᵀX + XᵀdX and
/// its adjoint X̄ = X(Ȳ + Ȳᵀ). Inputs holding NaN or ±∞ are rejected, by the span form too, and so are results
/// that overflow the double range.
/// </summary>
public static class Gram
{
    /// <summary>Computes Y = XᵀX.</summary>
    /// <param name="x">An m×n finite matrix, m, n ≥ 1.</param>
    /// <returns>The n×n matrix XᵀX.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="x"/> is empty or contains NaN or infinity, n² exceeds the elements one array can hold, or XᵀX overflows.</exception>
    public static Matrix<double> Forward(Matrix<double> x) => GramRule.Instance.Forward(x);

    /// <summary>
    /// Writes Y = XᵀX for an m×n matrix stored column-major, without MathNet objects (the allocation-free form
    /// for benchmarks and hot loops). Same checks as <see cref="Forward(Matrix{double})"/>, NaN included. It cannot
    /// run in place: the product reads X while it writes Y.
    /// </summary>
    /// <param name="x">X, column-major, length m·n.</param>
    /// <param name="rows">m ≥ 1.</param>
    /// <param name="columns">n ≥ 1.</param>
    /// <param name="destination">Receives XᵀX column-major; length n²; must not overlap <paramref name="x"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is below 1.</exception>
    /// <exception cref="ArgumentException">A length does not match, <paramref name="x"/> contains NaN or infinity, or <paramref name="destination"/> overlaps <paramref name="x"/>.</exception>
    public static void Forward(ReadOnlySpan<double> x, int rows, int columns, Span<double> destination)
    {
        Checks.AtLeastOne(rows, nameof(rows));
        Checks.AtLeastOne(columns, nameof(columns));
        if (x.Length != (long)rows * columns || destination.Length != (long)columns * columns)
        {
            throw new ArgumentException(
                $"For x of shape {Checks.Shape(rows, columns)}, x needs length {(long)rows * columns} and destination {(long)columns * columns}, but they have {x.Length} and {destination.Length}.",
                nameof(destination));
        }
        Checks.NoOverlap(x, nameof(x), destination, nameof(destination));
        Checks.Finite(x, nameof(x), rows, columns);
        Backend.LinearAlgebra.Gram(x, rows, columns, destination);
        Checks.Result(destination, "Gram.Forward");
    }

    /// <summary>The differential dY = df(X; dX) = dXᵀX + XᵀdX (the second term is the transpose of the first).</summary>
    /// <param name="x">The m×n point X.</param>
    /// <param name="dx">The m×n perturbation dX.</param>
    /// <returns>The n×n matrix dXᵀX + XᵀdX.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">An argument is empty or not finite, the shapes differ, or the result overflows.</exception>
    public static Matrix<double> Differential(Matrix<double> x, Matrix<double> dx) => GramRule.Instance.Differential(x, dx);

    /// <summary>The adjoint X̄ = X(Ȳ + Ȳᵀ): the gradient with respect to X given Ȳ = ∇_Y E.</summary>
    /// <param name="x">The m×n point X.</param>
    /// <param name="yBar">The n×n output gradient Ȳ (need not be symmetric).</param>
    /// <returns>The m×n matrix X(Ȳ + Ȳᵀ).</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">An argument is empty or not finite, <paramref name="yBar"/> is not n×n, or the result overflows.</exception>
    public static Matrix<double> Backward(Matrix<double> x, Matrix<double> yBar) => GramRule.Instance.Backward(x, yBar);

    /// <summary>Computes XᵀX once and returns it with closures for dY and X̄ at X (which read a private copy of X).</summary>
    /// <param name="x">An m×n finite matrix.</param>
    /// <returns>The value XᵀX with its differential and adjoint at X.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="x"/> is empty or contains NaN or infinity, or XᵀX overflows.</exception>
    public static Linearization<Matrix<double>, Matrix<double>> Linearize(Matrix<double> x) => GramRule.Instance.Linearize(x);
}

/// <summary>The rule: Y = XᵀX, dY = dXᵀX + XᵀdX, X̄ = X(Ȳ + Ȳᵀ), side by side.</summary>
internal sealed class GramRule : Rule<Matrix<double>, Matrix<double>>
{
    public static readonly GramRule Instance = new();

    public override string Name => "Gram";

    public override void CheckPoint(Matrix<double> x)
    {
        Checks.NonEmptyFinite(x, "x");
        Checks.Elements(x.ColumnCount, x.ColumnCount, "The Gram matrix XᵀX", "x");
    }

    public override void CheckTangent(Matrix<double> x, Matrix<double> dx) => Checks.LikeX(dx, "dx", x);

    public override void CheckCotangent(Matrix<double> x, Matrix<double> yBar) =>
        Checks.Like(yBar, "yBar", x.ColumnCount, x.ColumnCount, "the shape of Y = xᵀx for x", x.RowCount, x.ColumnCount);

    public override RulePoint<Matrix<double>, Matrix<double>> At(Matrix<double> x, bool retained)
    {
        Matrix<double> xs = retained ? DenseColumnMajor.Copy(x) : x; // a retained point must not see later changes to x
        return new(
            () => DenseColumnMajor.Gram(xs),                                     // XᵀX
            dx => DenseColumnMajor.MultiplyTransposedSymmetrized(xs, dx),        // XᵀdX + dXᵀX
            yBar => DenseColumnMajor.MultiplyBySymmetricSum(xs, yBar));          // X(Ȳ + Ȳᵀ)
    }
}
