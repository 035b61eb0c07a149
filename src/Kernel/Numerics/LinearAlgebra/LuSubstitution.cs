namespace Differentials.Numerics;

/// <summary>
/// Solves with LU factors one right-hand side at a time, every inner loop a vectorised dot product or axpy down
/// a contiguous column of the factors: the default <see cref="ILinearAlgebra.LuSolve"/> and
/// <see cref="ILinearAlgebra.LuSolveTransposed"/>, and the SIMD backend's path for a few columns, where its
/// blocked solves would pack whole factors (or transpose them) for a product one column wide. O(n²) per column.
/// </summary>
internal static class LuSubstitution
{
    /// <summary>b ← A⁻¹b for PA = LU: the swaps, then L (unit diagonal) forward by axpys, then U backward by axpys.</summary>
    public static void Solve(ReadOnlySpan<double> lu, ReadOnlySpan<int> pivots, int n, Span<double> b, int columns)
    {
        for (int j = 0; j < columns; j++)
        {
            var x = b.Slice(j * n, n);
            for (int i = 0; i < n; i++)
            {
                int p = pivots[i];
                if (p != i) (x[i], x[p]) = (x[p], x[i]);
            }
            for (int col = 0; col < n - 1; col++)
            {
                double v = x[col];
                if (v != 0.0) SpanOps.SubtractScaled(x[(col + 1)..], v, lu.Slice(col + 1 + col * n, n - col - 1));
            }
            for (int col = n - 1; col >= 0; col--)
            {
                x[col] /= lu[col + col * n];
                double v = x[col];
                if (v != 0.0 && col > 0) SpanOps.SubtractScaled(x[..col], v, lu.Slice(col * n, col));
            }
        }
    }

    /// <summary>b ← A⁻ᵀb for PA = LU (Aᵀ = UᵀLᵀP): Uᵀ forward and Lᵀ backward by dot products down columns, then the swaps undone in reverse.</summary>
    public static void SolveTransposed(ReadOnlySpan<double> lu, ReadOnlySpan<int> pivots, int n, Span<double> b, int columns)
    {
        for (int j = 0; j < columns; j++)
        {
            var x = b.Slice(j * n, n);
            for (int i = 0; i < n; i++) x[i] = (x[i] - SpanOps.Dot(lu.Slice(i * n, i), x[..i])) / lu[i + i * n];
            for (int i = n - 2; i >= 0; i--) x[i] -= SpanOps.Dot(lu.Slice(i * n + i + 1, n - i - 1), x[(i + 1)..]);
            for (int i = n - 1; i >= 0; i--)
            {
                int p = pivots[i];
                if (p != i) (x[i], x[p]) = (x[p], x[i]);
            }
        }
    }
}
