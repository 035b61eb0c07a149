using System.Buffers;
using Differentials.Numerics;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Double;

namespace Differentials;

/// <summary>
/// The Gram matrix Y = XᵀX of an m×n matrix X (Y is n×n), with its differential dY = dXᵀX + XᵀdX and
/// its adjoint X̄ = X(Ȳ + Ȳᵀ). Inputs holding NaN or ±∞ are rejected.
/// </summary>
public static class Gram
{
    /// <summary>Computes Y = XᵀX.</summary>
    /// <param name="x">An m×n finite matrix, m, n ≥ 1.</param>
    /// <returns>The n×n matrix XᵀX.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="x"/> is empty or contains NaN or infinity.</exception>
    public static Matrix<double> Forward(Matrix<double> x)
    {
        Guard.NonEmptyFinite(x, nameof(x));
        return DenseColumnMajor.Multiply(x, true, x, false);
    }

    /// <summary>
    /// Writes Y = XᵀX for an m×n matrix stored column-major, without MathNet objects (the allocation-free form
    /// for benchmarks and hot loops). Unlike <see cref="Forward(Matrix{double})"/> it does not scan for NaN.
    /// </summary>
    /// <param name="x">X, column-major, length m·n.</param>
    /// <param name="rows">m ≥ 1.</param>
    /// <param name="columns">n ≥ 1.</param>
    /// <param name="destination">Receives XᵀX column-major; length n²; must not overlap <paramref name="x"/>.</param>
    /// <exception cref="ArgumentException">A dimension is below 1 or a length does not match.</exception>
    public static void Forward(ReadOnlySpan<double> x, int rows, int columns, Span<double> destination)
    {
        if (rows < 1 || columns < 1 || x.Length != rows * columns || destination.Length != columns * columns)
        {
            throw new ArgumentException(
                $"For x of shape {Guard.Shape(rows, columns)} (both at least 1), x needs length {(long)rows * columns} and destination {(long)columns * columns}, but they have {x.Length} and {destination.Length}.",
                nameof(destination));
        }
        Backend.LinearAlgebra.Multiply(x, true, x, false, destination, columns, columns, rows);
    }

    /// <summary>The differential dY = df(X; dX) = dXᵀX + XᵀdX (the second term is the transpose of the first).</summary>
    /// <param name="x">The m×n point X.</param>
    /// <param name="dx">The m×n perturbation dX.</param>
    /// <returns>The n×n matrix dXᵀX + XᵀdX.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">An argument is empty or not finite, or the shapes differ.</exception>
    public static Matrix<double> Differential(Matrix<double> x, Matrix<double> dx)
    {
        Guard.NonEmptyFinite(x, nameof(x));
        Guard.NonEmptyFinite(dx, nameof(dx));
        Guard.HasShape(dx, nameof(dx), x.RowCount, x.ColumnCount, $"the shape of x, {Guard.Shape(x)}");
        return DifferentialAt(x, dx);
    }

    /// <summary>The adjoint X̄ = X(Ȳ + Ȳᵀ): the gradient with respect to X given Ȳ = ∇_Y E.</summary>
    /// <param name="x">The m×n point X.</param>
    /// <param name="yBar">The n×n output gradient Ȳ (need not be symmetric).</param>
    /// <returns>The m×n matrix X(Ȳ + Ȳᵀ).</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">An argument is empty or not finite, or <paramref name="yBar"/> is not n×n.</exception>
    public static Matrix<double> Backward(Matrix<double> x, Matrix<double> yBar)
    {
        Guard.NonEmptyFinite(x, nameof(x));
        Guard.NonEmptyFinite(yBar, nameof(yBar));
        Guard.HasShape(yBar, nameof(yBar), x.ColumnCount, x.ColumnCount, $"the shape of Y = xᵀx for x {Guard.Shape(x)}");
        return BackwardAt(x, yBar);
    }

    /// <summary>Computes XᵀX once and returns it with closures for dY and X̄ at X.</summary>
    /// <param name="x">An m×n finite matrix.</param>
    /// <returns>The value XᵀX with its differential and adjoint at X.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="x"/> is empty or contains NaN or infinity.</exception>
    public static Linearization<Matrix<double>, Matrix<double>> Linearize(Matrix<double> x)
    {
        Guard.NonEmptyFinite(x, nameof(x));
        DenseMatrix xd = DenseColumnMajor.Copy(x); // a private copy: later changes to x must not leak in
        string shape = Guard.Shape(xd);
        return new Linearization<Matrix<double>, Matrix<double>>(
            DenseColumnMajor.Multiply(xd, true, xd, false),
            dx =>
            {
                Guard.NonEmptyFinite(dx, nameof(dx));
                Guard.HasShape(dx, nameof(dx), xd.RowCount, xd.ColumnCount, $"the shape of x, {shape}");
                return DifferentialAt(xd, dx);
            },
            yBar =>
            {
                Guard.NonEmptyFinite(yBar, nameof(yBar));
                Guard.HasShape(yBar, nameof(yBar), xd.ColumnCount, xd.ColumnCount, $"the shape of Y = xᵀx for x {shape}");
                return BackwardAt(xd, yBar);
            });
    }

    internal static DenseMatrix DifferentialAt(Matrix<double> x, Matrix<double> dx)
    {
        // XᵀdX once, into pooled scratch (a fresh large array costs page faults on every call); dXᵀX is its transpose.
        int m = x.RowCount, n = x.ColumnCount;
        double[] product = ArrayPool<double>.Shared.Rent(n * n);
        try
        {
            Backend.LinearAlgebra.Multiply(DenseColumnMajor.Values(x), true, DenseColumnMajor.Values(dx), false,
                                           product.AsSpan(0, n * n), n, n, m);
            var result = DenseColumnMajor.UnwrittenMatrix(n, n);
            DenseColumnMajor.SymmetricPart(product.AsSpan(0, n * n), n, result.Values);
            return result;
        }
        finally
        {
            ArrayPool<double>.Shared.Return(product);
        }
    }

    internal static DenseMatrix BackwardAt(Matrix<double> x, Matrix<double> yBar)
    {
        // X·(Ȳ + Ȳᵀ) as one product; the fast backend sums each pair of Ȳ while packing it.
        int m = x.RowCount, n = x.ColumnCount;
        var result = DenseColumnMajor.UnwrittenMatrix(m, n);
        Backend.LinearAlgebra.MultiplyBySymmetricSum(DenseColumnMajor.Values(x), DenseColumnMajor.Values(yBar),
                                                     result.Values, m, n);
        return result;
    }
}
