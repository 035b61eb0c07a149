using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

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
    public static void LowerUnit(SimdLevel level, int threads, double* t, int ldt, int s, double* b, int ldb, int r) =>
        Lower(level, threads, t, ldt, s, b, ldb, r, unitDiagonal: true);

    /// <summary>Solves L·X = B where L (s×s) is lower triangular, with its diagonal or (when
    /// <paramref name="unitDiagonal"/>) with ones there, whatever is stored; B is s×r.</summary>
    public static void Lower(SimdLevel level, int threads, double* t, int ldt, int s, double* b, int ldb, int r, bool unitDiagonal)
    {
        if (s <= 0 || r <= 0) return;
        if (s <= BaseSize)
        {
            ForEachColumnBlock(threads, s, r, (j0, j1) => BaseLower(level, t, ldt, s, b, ldb, j0, j1, unitDiagonal));
            return;
        }
        int s1 = s / 2, s2 = s - s1;
        Lower(level, threads, t, ldt, s1, b, ldb, r, unitDiagonal);
        // B2 -= L21 · X1
        PackedGemm.Run(level, threads, false, false, s2, r, s1, -1.0, t + s1, ldt, b, ldb, 1.0, b + s1, ldb);
        Lower(level, threads, t + s1 + (long)s1 * ldt, ldt, s2, b + s1, ldb, r, unitDiagonal);
    }

    /// <summary>
    /// Writes Y = L⁻¹ (n×n, zeros above the diagonal included) for a unit lower triangular L, by
    /// recursion: Y11 = L11⁻¹, Y22 = L22⁻¹, Y21 = −L22⁻¹·(L21·Y11). About n³/2 flops, nearly all in
    /// large products, against n³ for a substitution on the identity.
    /// </summary>
    public static void InvertLowerUnit(SimdLevel level, int threads, double* l, int ldl, int n, double* y, int ldy)
    {
        if (n <= 0) return;
        if (n <= BaseSize)
        {
            for (int j = 0; j < n; j++)
            {
                double* col = y + (long)j * ldy;
                new Span<double>(col, n).Clear();
                col[j] = 1.0;
            }
            LowerUnit(level, 1, l, ldl, n, y, ldy, n);
            return;
        }
        int n1 = n / 2, n2 = n - n1;
        InvertLowerUnit(level, threads, l, ldl, n1, y, ldy);
        InvertLowerUnit(level, threads, l + n1 + (long)n1 * ldl, ldl, n2, y + n1 + (long)n1 * ldy, ldy);
        for (int j = n1; j < n; j++) new Span<double>(y + (long)j * ldy, n1).Clear();
        double* y21 = y + n1;
        PackedGemm.Run(level, threads, false, false, n2, n1, n1, -1.0, l + n1, ldl, y, ldy, 0.0, y21, ldy);
        LowerUnit(level, threads, l + n1 + (long)n1 * ldl, ldl, n2, y21, ldy, n1);
    }

    /// <summary>Solves U·X = B where U (s×s) is upper triangular with its diagonal; B is s×r.</summary>
    public static void Upper(SimdLevel level, int threads, double* t, int ldt, int s, double* b, int ldb, int r) =>
        Upper(level, threads, t, ldt, s, b, ldb, r, unitDiagonal: false);

    /// <summary>Solves U·X = B where U (s×s) is upper triangular, with its diagonal or (when
    /// <paramref name="unitDiagonal"/>) with ones there, whatever is stored; B is s×r.</summary>
    public static void Upper(SimdLevel level, int threads, double* t, int ldt, int s, double* b, int ldb, int r, bool unitDiagonal)
    {
        if (s <= 0 || r <= 0) return;
        if (s <= BaseSize)
        {
            ForEachColumnBlock(threads, s, r, (j0, j1) => BaseUpper(level, t, ldt, s, b, ldb, j0, j1, unitDiagonal));
            return;
        }
        int s1 = s / 2, s2 = s - s1;
        Upper(level, threads, t + s1 + (long)s1 * ldt, ldt, s2, b + s1, ldb, r, unitDiagonal);
        // B1 -= U12 · X2
        PackedGemm.Run(level, threads, false, false, s1, r, s2, -1.0, t + (long)s1 * ldt, ldt, b + s1, ldb, 1.0, b, ldb);
        Upper(level, threads, t, ldt, s1, b, ldb, r, unitDiagonal);
    }

    /// <summary>
    /// Forward substitution on columns [j0, j1) of a small block. Eight columns at a time are turned
    /// into an s×8 row-major tile so that each row is one 512-bit vector and every update is one FMA.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void BaseLower(SimdLevel level, double* t, int ldt, int s, double* b, int ldb, int j0, int j1, bool unit)
    {
        int j = j0;
        if (level == SimdLevel.Vector512)
        {
            double* tile = stackalloc double[BaseSize * 8];
            for (; j + 8 <= j1; j += 8)
            {
                GatherTile(b + (long)j * ldb, ldb, s, tile);
                for (int p = 0; p < s; p++)
                {
                    double* tcol = t + (long)p * ldt;
                    var x = Vector512.Load(tile + p * 8);
                    if (!unit)
                    {
                        x /= Vector512.Create(tcol[p]);
                        Vector512.Store(x, tile + p * 8);
                    }
                    for (int i = p + 1; i < s; i++)
                        Vector512.Store(Vector512.FusedMultiplyAdd(Vector512.Create(-tcol[i]), x, Vector512.Load(tile + i * 8)), tile + i * 8);
                }
                ScatterTile(tile, s, b + (long)j * ldb, ldb);
            }
        }
        for (; j < j1; j++)
        {
            double* col = b + (long)j * ldb;
            for (int p = 0; p < s; p++)
            {
                double x = unit ? col[p] : col[p] / t[p + (long)p * ldt];
                col[p] = x;
                if (x != 0.0 && p < s - 1) VectorOps.Axpy(-x, t + p + 1 + (long)p * ldt, col + p + 1, s - p - 1);
            }
        }
    }

    /// <summary>Back substitution on columns [j0, j1) of a small block, eight columns per vector tile.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void BaseUpper(SimdLevel level, double* t, int ldt, int s, double* b, int ldb, int j0, int j1, bool unit)
    {
        int j = j0;
        if (level == SimdLevel.Vector512)
        {
            double* tile = stackalloc double[BaseSize * 8];
            for (; j + 8 <= j1; j += 8)
            {
                GatherTile(b + (long)j * ldb, ldb, s, tile);
                for (int p = s - 1; p >= 0; p--)
                {
                    double* tcol = t + (long)p * ldt;
                    var x = Vector512.Load(tile + p * 8);
                    if (!unit)
                    {
                        x /= Vector512.Create(tcol[p]);
                        Vector512.Store(x, tile + p * 8);
                    }
                    for (int i = 0; i < p; i++)
                        Vector512.Store(Vector512.FusedMultiplyAdd(Vector512.Create(-tcol[i]), x, Vector512.Load(tile + i * 8)), tile + i * 8);
                }
                ScatterTile(tile, s, b + (long)j * ldb, ldb);
            }
        }
        for (; j < j1; j++)
        {
            double* col = b + (long)j * ldb;
            for (int p = s - 1; p >= 0; p--)
            {
                double x = unit ? col[p] : col[p] / t[p + (long)p * ldt];
                col[p] = x;
                if (x != 0.0) VectorOps.Axpy(-x, t + (long)p * ldt, col, p);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void GatherTile(double* b, int ldb, int s, double* tile)
    {
        for (int c = 0; c < 8; c++)
        {
            double* col = b + (long)c * ldb;
            for (int i = 0; i < s; i++) tile[i * 8 + c] = col[i];
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ScatterTile(double* tile, int s, double* b, int ldb)
    {
        for (int c = 0; c < 8; c++)
        {
            double* col = b + (long)c * ldb;
            for (int i = 0; i < s; i++) col[i] = tile[i * 8 + c];
        }
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
