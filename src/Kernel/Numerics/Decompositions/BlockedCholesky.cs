using System.Buffers;
using System.Numerics;
using System.Runtime.InteropServices;

namespace Differentials.Numerics;

/// <summary>
/// The Cholesky factorisation X = LLᵀ of a symmetric positive definite matrix, right-looking by blocks:
/// factor a diagonal block with the unblocked kernel, solve the panel below it against that block's
/// transpose (<see cref="ILinearAlgebra.SolveLower"/> on the panel's transpose), then subtract the panel's
/// outer product from the trailing matrix in place through the seam's <see cref="ILinearAlgebra.SubtractGramLower"/>. Almost all of
/// the n³/3 flops land in those two, so the factorisation runs at the speed of whichever backend is active.
/// </summary>
internal static class BlockedCholesky
{
    /// <summary>
    /// The block order: large enough that the trailing products dominate the work, small enough that the
    /// unblocked kernel and the panel solve (which are O(n²·block)) stay a modest share of it.
    /// </summary>
    public const int DefaultBlockSize = 64;

    /// <summary>
    /// Overwrites the n×n column-major <paramref name="a"/> with L: the lower triangle is read as the
    /// matrix's lower triangle (the upper is never read) and replaced by L, and the upper triangle is zeroed.
    /// </summary>
    /// <param name="a">n×n, column-major; X's lower triangle on entry, L on return.</param>
    /// <param name="n">The order.</param>
    /// <param name="pivot">When the factorisation fails, the failing pivot's value (≤ 0 or NaN); otherwise 0.</param>
    /// <param name="blockSize">The block order (≥ 1); tests pass small ones to cross block boundaries.</param>
    /// <returns>−1 on success, else the 0-based index of the first pivot that is not positive (a is then partly overwritten).</returns>
    public static int Factor(Span<double> a, int n, out double pivot, int blockSize = DefaultBlockSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        ArgumentOutOfRangeException.ThrowIfLessThan(blockSize, 1);
        if (a.Length < (long)n * n) throw new ArgumentException($"a has length {a.Length} but an {n}×{n} matrix needs {(long)n * n}.", nameof(a));
        pivot = 0;
        int failed = -1;
        int rest = Math.Max(0, n - blockSize);
        double[] panel = rest > 0 ? ArrayPool<double>.Shared.Rent(blockSize * rest) : [];
        double[] diagonal = rest > 0 ? ArrayPool<double>.Shared.Rent(blockSize * blockSize) : [];
        try
        {
            for (int k = 0; k < n; k += blockSize)
            {
                int b = Math.Min(blockSize, n - k), m = n - k - b;
                failed = FactorUnblocked(a, n, k, b, out pivot);
                if (failed >= 0) return k + failed;
                if (m == 0) break;
                // Pᵀ packed (b×m) is A21ᵀ; L11·Y = Pᵀ makes Y = (A21·L11⁻ᵀ)ᵀ = L21ᵀ, whose Gram matrix YᵀY is the
                // panel's outer product L21·L21ᵀ.
                var p = panel.AsSpan(0, b * m);
                // Column by column of A21, so the reads run down contiguous memory and the writes stay in the small panel.
                for (int c = 0; c < b; c++)
                {
                    var column = a.Slice(k + b + (k + c) * n, m);
                    for (int i = 0; i < m; i++) p[c + i * b] = column[i];
                }
                var l11 = diagonal.AsSpan(0, b * b);
                for (int c = 0; c < b; c++) a.Slice(k + c + (k + c) * n, b - c).CopyTo(l11.Slice(c + c * b, b - c));
                Backend.LinearAlgebra.SolveLower(l11, b, false, p, m);
                for (int c = 0; c < b; c++)
                {
                    var column = a.Slice(k + b + (k + c) * n, m);
                    for (int i = 0; i < m; i++) column[i] = p[c + i * b];
                }
                Backend.LinearAlgebra.SubtractGramLower(p, b, m, a[(k + b + (k + b) * n)..], n);
            }
        }
        finally
        {
            if (rest > 0)
            {
                ArrayPool<double>.Shared.Return(panel);
                ArrayPool<double>.Shared.Return(diagonal);
            }
        }
        for (int j = 1; j < n; j++) a.Slice(j * n, j).Clear();
        return -1;
    }

    /// <summary>
    /// The unblocked right-looking kernel on the b×b diagonal block at (k, k) of a matrix with leading
    /// dimension <paramref name="lda"/>: each step takes a square root, scales the column below it, and
    /// subtracts its outer product from the columns to its right, all along contiguous columns.
    /// Reads and writes only the block's lower triangle.
    /// </summary>
    /// <returns>−1, or the block-relative index of the first pivot that is not positive.</returns>
    public static int FactorUnblocked(Span<double> a, int lda, int k, int b, out double pivot)
    {
        pivot = 0;
        for (int j = 0; j < b; j++)
        {
            int jj = k + j + (k + j) * lda;
            double d = a[jj];
            if (!(d > 0)) { pivot = d; return j; }
            double r = Math.Sqrt(d);
            a[jj] = r;
            var below = a.Slice(jj + 1, b - j - 1);
            SpanOps.Scale(below, 1.0 / r);
            for (int c = j + 1; c < b; c++)
            {
                double f = a[k + c + (k + j) * lda];
                if (f != 0) SpanOps.SubtractScaled(a.Slice(k + c + (k + c) * lda, b - c), f, a.Slice(k + c + (k + j) * lda, b - c));
            }
        }
        return -1;
    }
}

/// <summary>The three vector loops the factorisation and the triangular solves run along contiguous columns, in SIMD registers.</summary>
internal static class SpanOps
{
    /// <summary>y ← y − x, elementwise (lengths equal).</summary>
    public static void Subtract(Span<double> y, ReadOnlySpan<double> x)
    {
        int i = 0, w = Vector<double>.Count;
        var vy = MemoryMarshal.Cast<double, Vector<double>>(y);
        var vx = MemoryMarshal.Cast<double, Vector<double>>(x[..y.Length]);
        for (int v = 0; v < vy.Length; v++) vy[v] -= vx[v];
        i = vy.Length * w;
        for (; i < y.Length; i++) y[i] -= x[i];
    }

    /// <summary>y ← y − f·x, elementwise (lengths equal).</summary>
    public static void SubtractScaled(Span<double> y, double f, ReadOnlySpan<double> x)
    {
        int w = Vector<double>.Count;
        var vy = MemoryMarshal.Cast<double, Vector<double>>(y);
        var vx = MemoryMarshal.Cast<double, Vector<double>>(x[..y.Length]);
        var vf = new Vector<double>(f);
        for (int v = 0; v < vy.Length; v++) vy[v] -= vf * vx[v];
        for (int i = vy.Length * w; i < y.Length; i++) y[i] -= f * x[i];
    }

    /// <summary>Σ a_i b_i (lengths equal), in SIMD lanes then the tail.</summary>
    public static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        var va = MemoryMarshal.Cast<double, Vector<double>>(a);
        var vb = MemoryMarshal.Cast<double, Vector<double>>(b[..a.Length]);
        var acc = Vector<double>.Zero;
        for (int v = 0; v < va.Length; v++) acc += va[v] * vb[v];
        double sum = Vector.Sum(acc);
        for (int i = va.Length * Vector<double>.Count; i < a.Length; i++) sum += a[i] * b[i];
        return sum;
    }

    /// <summary>x ← s·x.</summary>
    public static void Scale(Span<double> x, double s)
    {
        var vx = MemoryMarshal.Cast<double, Vector<double>>(x);
        var vs = new Vector<double>(s);
        for (int v = 0; v < vx.Length; v++) vx[v] *= vs;
        for (int i = vx.Length * Vector<double>.Count; i < x.Length; i++) x[i] *= s;
    }
}
