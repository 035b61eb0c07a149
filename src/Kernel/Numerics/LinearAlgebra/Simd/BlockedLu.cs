using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Differentials.Numerics;

/// <summary>
/// LU factorisation with partial pivoting (P·A = L·U, as LAPACK's getrf) and the inverse built on it,
/// on column-major storage. The factorisation recurses on column halves (Toledo's recursive LU):
/// factor the left half, apply its row swaps and a triangular solve to the right half, update the
/// trailing block with one matrix product, factor it. Narrow panels use an unblocked loop.
/// </summary>
internal static unsafe class BlockedLu
{
    private const int PanelWidth = 16;

    /// <summary>
    /// Factors the m×n (m ≥ n) matrix at <paramref name="a"/> in place. <c>ipiv[i]</c> is the row
    /// (relative to the first row) swapped with row i at step i. Returns the first column whose pivot
    /// is exactly zero, or -1. A zero pivot column is left unscaled and the factorisation continues.
    /// </summary>
    public static int Factor(SimdLevel level, int threads, double* a, int lda, int m, int n, int* ipiv)
    {
        if (n <= PanelWidth) return FactorPanel(a, lda, m, n, ipiv);

        int n1 = n / 2, n2 = n - n1;
        int info = Factor(level, threads, a, lda, m, n1, ipiv);
        double* right = a + (long)n1 * lda;
        SwapRows(right, lda, n2, ipiv, 0, n1, threads);
        // A12 = L11⁻¹·A12, then A22 -= A21·A12.
        TriangularSolve.LowerUnit(level, threads, a, lda, n1, right, lda, n2);
        PackedGemm.Run(level, threads, false, false, m - n1, n2, n1, -1.0, a + n1, lda, right, lda, 1.0, right + n1, lda);

        int info2 = Factor(level, threads, right + n1, lda, m - n1, n2, ipiv + n1);
        for (int i = n1; i < n; i++) ipiv[i] += n1;
        SwapRows(a, lda, n1, ipiv, n1, n, threads);
        if (info < 0 && info2 >= 0) info = info2 + n1;
        return info;
    }

    /// <summary>Unblocked right-looking LU of a narrow m×n panel.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int FactorPanel(double* a, int lda, int m, int n, int* ipiv)
    {
        int info = -1;
        for (int j = 0; j < n; j++)
        {
            double* col = a + (long)j * lda;
            int p = j + VectorOps.ArgMaxAbs(col + j, m - j);
            ipiv[j] = p;
            if (col[p] != 0.0)
            {
                if (p != j)
                {
                    for (int c = 0; c < n; c++)
                    {
                        double* cc = a + (long)c * lda;
                        (cc[j], cc[p]) = (cc[p], cc[j]);
                    }
                }
                VectorOps.Scale(1.0 / col[j], col + j + 1, m - j - 1);
            }
            else if (info < 0)
            {
                info = j;
            }
            for (int c = j + 1; c < n; c++)
            {
                double* cc = a + (long)c * lda;
                double u = cc[j];
                if (u != 0.0) VectorOps.Axpy(-u, col + j + 1, cc + j + 1, m - j - 1);
            }
        }
        return info;
    }

    /// <summary>Undoes <see cref="SwapRows"/>: the same interchanges of rows i and ipiv[i], applied for i from
    /// <paramref name="to"/> − 1 down to <paramref name="from"/> (the order Pᵀ needs), on columns [0, cols).</summary>
    public static void SwapRowsBack(double* a, int lda, int cols, int* ipiv, int from, int to, int threads) =>
        Interchange(a, lda, cols, ipiv, from, to, threads, backwards: true);

    /// <summary>Applies the swaps ipiv[from..to) (row i ↔ row ipiv[i], in order) to <paramref name="cols"/> columns.</summary>
    public static void SwapRows(double* a, int lda, int cols, int* ipiv, int from, int to, int threads) =>
        Interchange(a, lda, cols, ipiv, from, to, threads, backwards: false);

    private static void Interchange(double* a, int lda, int cols, int* ipiv, int from, int to, int threads, bool backwards)
    {
        if (cols <= 0 || from >= to) return;
        nint ap = (nint)a, pp = (nint)ipiv;
        void Range(int c0, int c1)
        {
            double* b = (double*)ap;
            int* piv = (int*)pp;
            for (int c = c0; c < c1; c++)
            {
                double* col = b + (long)c * lda;
                for (int k = 0; k < to - from; k++)
                {
                    int i = backwards ? to - 1 - k : from + k;
                    int p = piv[i];
                    if (p != i) (col[i], col[p]) = (col[p], col[i]);
                }
            }
        }
        if (threads > 1 && (long)cols * (to - from) >= 1 << 16)
        {
            int half = cols / 2;
            Parallel.For(0, 2, part => { if (part == 0) Range(0, half); else Range(half, cols); });
        }
        else
        {
            Range(0, cols);
        }
    }

    /// <summary>
    /// Writes A⁻¹ = U⁻¹·L⁻¹·P from the factors of <see cref="Factor"/> (n×n, leading dimension n):
    /// L⁻¹ by recursive triangular inversion, then back substitution with U on it (column halves on
    /// separate threads), then the column swaps of P in reverse order.
    /// </summary>
    public static void Invert(SimdLevel level, int threads, double* lu, int* ipiv, int n, double* inv)
    {
        nint luP = (nint)lu, invP = (nint)inv;
        TriangularSolve.InvertLowerUnit(level, threads, lu, n, n, inv, n);
        // The back substitution has no structure to exploit: one wide column block per thread packs U least often.
        int parts = n >= 128 ? threads : 1;
        int half = (n + parts - 1) / parts;
        RunBlocks(parts, parts, part =>
        {
            double* u = (double*)luP, x = (double*)invP;
            int c0 = Math.Min(n, part * half);
            int width = Math.Min(half, n - c0);
            TriangularSolve.Upper(level, 1, u, n, n, x + (long)c0 * n, n, width);
        });

        for (int i = n - 1; i >= 0; i--)
        {
            int p = ipiv[i];
            if (p != i) SwapColumns(inv + (long)i * n, inv + (long)p * n, n);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void SwapColumns(double* x, double* y, int n)
    {
        int i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            for (; i + 8 <= n; i += 8)
            {
                var t = Vector512.Load(x + i);
                Vector512.Store(Vector512.Load(y + i), x + i);
                Vector512.Store(t, y + i);
            }
        }
        for (; i < n; i++) (x[i], y[i]) = (y[i], x[i]);
    }

    /// <summary>Runs blocks 0..count-1 on up to <paramref name="threads"/> workers, handing out blocks in order.</summary>
    private static void RunBlocks(int threads, int count, Action<int> body)
    {
        if (threads <= 1 || count <= 1)
        {
            for (int i = 0; i < count; i++) body(i);
            return;
        }
        int next = -1;
        Parallel.For(0, Math.Min(threads, count), _ =>
        {
            int block;
            while ((block = Interlocked.Increment(ref next)) < count) body(block);
        });
    }
}
