using System.Buffers;

namespace Differentials.Numerics;

/// <summary>
/// Solves with a lower triangular n×n factor L (column-major, non-unit diagonal, the upper triangle never
/// read) against an n×r right-hand side B in place, by blocks of rows: substitute within one diagonal block,
/// then remove that block's contribution from the rest of B with one product through the given backend's
/// <see cref="ILinearAlgebra.Multiply"/>. This is the default <see cref="ILinearAlgebra.SolveLower"/>; the SIMD
/// backend and OpenBLAS have their own. The substitutions are O(n·block·r) of the n²r flops; the rest
/// runs at the active backend's product speed. The right-sided solves B·L⁻¹ and B·L⁻ᵀ are these applied to
/// Bᵀ, which the callers form (the Cholesky rule needs them only on square matrices, where the transpose is a
/// cheap pass).
/// </summary>
internal static class TriangularBlocked
{
    /// <summary>The row-block order; the same trade as <see cref="BlockedCholesky.DefaultBlockSize"/>.</summary>
    public const int DefaultBlockSize = 64;

    /// <summary>B ← L⁻¹B (forward substitution by blocks, top to bottom).</summary>
    /// <param name="la">The backend whose product removes each block's contribution.</param>
    /// <param name="l">L, n×n column-major; only its lower triangle is read.</param>
    /// <param name="n">The order of L, the rows of B.</param>
    /// <param name="b">B, n×r column-major; overwritten with L⁻¹B.</param>
    /// <param name="r">The columns of B.</param>
    /// <param name="blockSize">The block order (≥ 1).</param>
    public static void SolveLower(ILinearAlgebra la, ReadOnlySpan<double> l, int n, Span<double> b, int r, int blockSize = DefaultBlockSize)
    {
        Check(l, n, b, r, blockSize);
        double[] lp = ArrayPool<double>.Shared.Rent(Math.Max(1, blockSize * n));
        double[] bp = ArrayPool<double>.Shared.Rent(Math.Max(1, blockSize * r));
        double[] cp = ArrayPool<double>.Shared.Rent(Math.Max(1, n * r));
        try
        {
            for (int i0 = 0; i0 < n; i0 += blockSize)
            {
                int s = Math.Min(blockSize, n - i0), below = n - i0 - s;
                for (int j = 0; j < r; j++)
                {
                    var x = b.Slice(j * n + i0, s);
                    for (int c = 0; c < s; c++)
                    {
                        x[c] /= l[i0 + c + (i0 + c) * n];
                        double v = x[c];
                        if (v != 0) SpanOps.SubtractScaled(x[(c + 1)..], v, l.Slice(i0 + c + 1 + (i0 + c) * n, s - c - 1));
                    }
                }
                if (below == 0 || r == 0) continue;
                // B[below] −= L[below, block]·X[block]
                var a = lp.AsSpan(0, below * s);
                for (int c = 0; c < s; c++) l.Slice(i0 + s + (i0 + c) * n, below).CopyTo(a.Slice(c * below, below));
                var xb = bp.AsSpan(0, s * r);
                for (int j = 0; j < r; j++) b.Slice(j * n + i0, s).CopyTo(xb.Slice(j * s, s));
                var c2 = cp.AsSpan(0, below * r);
                la.Multiply(a, false, xb, false, c2, below, r, s);
                for (int j = 0; j < r; j++) SpanOps.Subtract(b.Slice(j * n + i0 + s, below), c2.Slice(j * below, below));
            }
        }
        finally
        {
            ArrayPool<double>.Shared.Return(lp);
            ArrayPool<double>.Shared.Return(bp);
            ArrayPool<double>.Shared.Return(cp);
        }
    }

    /// <summary>B ← L⁻ᵀB (back substitution with Lᵀ by blocks, bottom to top).</summary>
    /// <param name="la">The backend whose product removes each block's contribution.</param>
    /// <param name="l">L, n×n column-major; only its lower triangle is read.</param>
    /// <param name="n">The order of L, the rows of B.</param>
    /// <param name="b">B, n×r column-major; overwritten with L⁻ᵀB.</param>
    /// <param name="r">The columns of B.</param>
    /// <param name="blockSize">The block order (≥ 1).</param>
    public static void SolveLowerTransposed(ILinearAlgebra la, ReadOnlySpan<double> l, int n, Span<double> b, int r, int blockSize = DefaultBlockSize)
    {
        Check(l, n, b, r, blockSize);
        double[] lp = ArrayPool<double>.Shared.Rent(Math.Max(1, blockSize * n));
        double[] bp = ArrayPool<double>.Shared.Rent(Math.Max(1, blockSize * r));
        double[] cp = ArrayPool<double>.Shared.Rent(Math.Max(1, n * r));
        try
        {
            int blocks = (n + blockSize - 1) / blockSize;
            for (int blk = blocks - 1; blk >= 0; blk--)
            {
                int i0 = blk * blockSize, s = Math.Min(blockSize, n - i0);
                // Within the block, (Lᵀ)x = y from the bottom: x_c = (y_c − Σ_{p>c} l_pc x_p) / l_cc, a dot product down column c of L.
                for (int j = 0; j < r; j++)
                {
                    var x = b.Slice(j * n + i0, s);
                    for (int c = s - 1; c >= 0; c--)
                    {
                        var col = l.Slice(i0 + c + 1 + (i0 + c) * n, s - c - 1);
                        x[c] = (x[c] - SpanOps.Dot(col, x.Slice(c + 1, col.Length))) / l[i0 + c + (i0 + c) * n];
                    }
                }
                if (i0 == 0 || r == 0) continue;
                // B[above] −= L[block, above]ᵀ·X[block]
                var a = lp.AsSpan(0, s * i0);
                for (int c = 0; c < i0; c++) l.Slice(i0 + c * n, s).CopyTo(a.Slice(c * s, s));
                var xb = bp.AsSpan(0, s * r);
                for (int j = 0; j < r; j++) b.Slice(j * n + i0, s).CopyTo(xb.Slice(j * s, s));
                var c2 = cp.AsSpan(0, i0 * r);
                la.Multiply(a, true, xb, false, c2, i0, r, s);
                for (int j = 0; j < r; j++) SpanOps.Subtract(b.Slice(j * n, i0), c2.Slice(j * i0, i0));
            }
        }
        finally
        {
            ArrayPool<double>.Shared.Return(lp);
            ArrayPool<double>.Shared.Return(bp);
            ArrayPool<double>.Shared.Return(cp);
        }
    }

    private static void Check(ReadOnlySpan<double> l, int n, Span<double> b, int r, int blockSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        ArgumentOutOfRangeException.ThrowIfNegative(r);
        ArgumentOutOfRangeException.ThrowIfLessThan(blockSize, 1);
        if (l.Length < (long)n * n || b.Length < (long)n * r)
            throw new ArgumentException($"l must hold {n}×{n} and b {n}×{r} values, but their lengths are {l.Length} and {b.Length}.", nameof(b));
    }
}
