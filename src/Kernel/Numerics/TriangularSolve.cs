namespace Differentials.Numerics;

/// <summary>
/// Triangular solves <c>T·X = B</c> in place (B becomes X) on column-major storage, by recursion:
/// halve the triangle, solve one half, update the other with a packed matrix product, solve it.
/// Almost all the work lands in <see cref="PackedGemm"/>; only small diagonal blocks use loops.
/// </summary>
internal static unsafe class TriangularSolve
{
    private const int BaseSize = 32;

    /// <summary>Solves L·X = B where L (s×s) is unit lower triangular; B is s×r.</summary>
    public static void LowerUnit(SimdLevel level, int threads, double* t, int ldt, int s, double* b, int ldb, int r)
    {
        if (s <= 0 || r <= 0) return;
        if (s <= BaseSize)
        {
            ForEachColumnBlock(threads, s, r, (j0, j1) =>
            {
                for (int j = j0; j < j1; j++)
                {
                    double* col = b + (long)j * ldb;
                    for (int p = 0; p < s - 1; p++)
                    {
                        double x = col[p];
                        if (x != 0.0) VectorOps.Axpy(-x, t + p + 1 + (long)p * ldt, col + p + 1, s - p - 1);
                    }
                }
            });
            return;
        }
        int s1 = s / 2, s2 = s - s1;
        LowerUnit(level, threads, t, ldt, s1, b, ldb, r);
        // B2 -= L21 · X1
        PackedGemm.Run(level, threads, false, false, s2, r, s1, -1.0, t + s1, ldt, b, ldb, 1.0, b + s1, ldb);
        LowerUnit(level, threads, t + s1 + (long)s1 * ldt, ldt, s2, b + s1, ldb, r);
    }

    /// <summary>Solves U·X = B where U (s×s) is upper triangular with its diagonal; B is s×r.</summary>
    public static void Upper(SimdLevel level, int threads, double* t, int ldt, int s, double* b, int ldb, int r)
    {
        if (s <= 0 || r <= 0) return;
        if (s <= BaseSize)
        {
            ForEachColumnBlock(threads, s, r, (j0, j1) =>
            {
                for (int j = j0; j < j1; j++)
                {
                    double* col = b + (long)j * ldb;
                    for (int p = s - 1; p >= 0; p--)
                    {
                        double x = col[p] / t[p + (long)p * ldt];
                        col[p] = x;
                        if (x != 0.0) VectorOps.Axpy(-x, t + (long)p * ldt, col, p);
                    }
                }
            });
            return;
        }
        int s1 = s / 2, s2 = s - s1;
        Upper(level, threads, t + s1 + (long)s1 * ldt, ldt, s2, b + s1, ldb, r);
        // B1 -= U12 · X2
        PackedGemm.Run(level, threads, false, false, s1, r, s2, -1.0, t + (long)s1 * ldt, ldt, b + s1, ldb, 1.0, b, ldb);
        Upper(level, threads, t, ldt, s1, b, ldb, r);
    }

    private delegate void ColumnRange(int start, int end);

    /// <summary>Runs the column loop on two threads when the work is large enough to pay for it.</summary>
    private static void ForEachColumnBlock(int threads, int s, int r, ColumnRange body)
    {
        if (threads > 1 && (long)s * s * r >= 64L * 64 * 64)
        {
            int half = r / 2;
            Parallel.For(0, 2, part => { if (part == 0) body(0, half); else body(half, r); });
        }
        else
        {
            body(0, r);
        }
    }
}
