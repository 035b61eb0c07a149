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
        if (SplitColumns(threads, s, r, (j0, j1) => Lower(level, 1, t, ldt, s, b + (long)j0 * ldb, ldb, j1 - j0, unitDiagonal))) return;
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
        if (SplitColumns(threads, s, r, (j0, j1) => Upper(level, 1, t, ldt, s, b + (long)j0 * ldb, ldb, j1 - j0, unitDiagonal))) return;
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
    /// Forward substitution on columns [j0, j1) of a small block. Eight columns at a time are turned into an
    /// s×8 row-major tile, so that each row of the tile is one 512-bit vector (two 256-bit, four 128-bit) and
    /// every update of a row is one fused multiply-add per vector; leftover columns are solved one by one.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void BaseLower(SimdLevel level, double* t, int ldt, int s, double* b, int ldb, int j0, int j1, bool unit)
    {
        int j = level switch
        {
            SimdLevel.Vector512 => Tiles<Row512>(t, ldt, s, b, ldb, j0, j1, unit, lower: true),
            SimdLevel.Vector256 => Tiles<Row256>(t, ldt, s, b, ldb, j0, j1, unit, lower: true),
            SimdLevel.Vector128 => Tiles<Row128>(t, ldt, s, b, ldb, j0, j1, unit, lower: true),
            _ => j0,
        };
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

    /// <summary>Back substitution on columns [j0, j1) of a small block, eight columns per tile as in <see cref="BaseLower"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void BaseUpper(SimdLevel level, double* t, int ldt, int s, double* b, int ldb, int j0, int j1, bool unit)
    {
        int j = level switch
        {
            SimdLevel.Vector512 => Tiles<Row512>(t, ldt, s, b, ldb, j0, j1, unit, lower: false),
            SimdLevel.Vector256 => Tiles<Row256>(t, ldt, s, b, ldb, j0, j1, unit, lower: false),
            SimdLevel.Vector128 => Tiles<Row128>(t, ldt, s, b, ldb, j0, j1, unit, lower: false),
            _ => j0,
        };
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

    /// <summary>Solves the whole tiles of eight columns in [j0, j1); returns the first column left over.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int Tiles<TRow>(double* t, int ldt, int s, double* b, int ldb, int j0, int j1, bool unit, bool lower)
        where TRow : struct, IRowOfEight<TRow>
    {
        double* tile = stackalloc double[BaseSize * 8];
        int j = j0;
        for (; j + 8 <= j1; j += 8)
        {
            GatherTile(b + (long)j * ldb, ldb, s, tile);
            for (int step = 0; step < s; step++)
            {
                int p = lower ? step : s - 1 - step;
                double* tcol = t + (long)p * ldt;
                var x = TRow.Load(tile + p * 8);
                if (!unit)
                {
                    x = x.Divide(tcol[p]);
                    x.Store(tile + p * 8);
                }
                // Lower: rows below p; upper: rows above it.
                int first = lower ? p + 1 : 0, last = lower ? s : p;
                for (int i = first; i < last; i++)
                    TRow.MultiplyAdd(-tcol[i], x, TRow.Load(tile + i * 8)).Store(tile + i * 8);
            }
            ScatterTile(tile, s, b + (long)j * ldb, ldb);
        }
        return j;
    }

    /// <summary>Eight doubles, one row of a tile, held in the vectors of one width.</summary>
    private interface IRowOfEight<TSelf> where TSelf : struct, IRowOfEight<TSelf>
    {
        static abstract TSelf Load(double* row);

        /// <summary>m·x + acc, one rounding per entry.</summary>
        static abstract TSelf MultiplyAdd(double m, TSelf x, TSelf acc);

        void Store(double* row);

        TSelf Divide(double d);
    }

    private readonly struct Row512(Vector512<double> v) : IRowOfEight<Row512>
    {
        public static Row512 Load(double* row) => new(Vector512.Load(row));

        public static Row512 MultiplyAdd(double m, Row512 x, Row512 acc) => new(Vector512.FusedMultiplyAdd(Vector512.Create(m), x.V, acc.V));

        public Vector512<double> V { get; } = v;

        public void Store(double* row) => Vector512.Store(V, row);

        public Row512 Divide(double d) => new(V / Vector512.Create(d));
    }

    private readonly struct Row256(Vector256<double> low, Vector256<double> high) : IRowOfEight<Row256>
    {
        public static Row256 Load(double* row) => new(Vector256.Load(row), Vector256.Load(row + 4));

        public static Row256 MultiplyAdd(double m, Row256 x, Row256 acc)
        {
            var vm = Vector256.Create(m);
            return new(Vector256.FusedMultiplyAdd(vm, x.Low, acc.Low), Vector256.FusedMultiplyAdd(vm, x.High, acc.High));
        }

        public Vector256<double> Low { get; } = low;

        public Vector256<double> High { get; } = high;

        public void Store(double* row)
        {
            Vector256.Store(Low, row);
            Vector256.Store(High, row + 4);
        }

        public Row256 Divide(double d)
        {
            var vd = Vector256.Create(d);
            return new(Low / vd, High / vd);
        }
    }

    private readonly struct Row128(Vector128<double> a, Vector128<double> b, Vector128<double> c, Vector128<double> d) : IRowOfEight<Row128>
    {
        public static Row128 Load(double* row) => new(Vector128.Load(row), Vector128.Load(row + 2), Vector128.Load(row + 4), Vector128.Load(row + 6));

        public static Row128 MultiplyAdd(double m, Row128 x, Row128 acc)
        {
            var vm = Vector128.Create(m);
            return new(Vector128.FusedMultiplyAdd(vm, x.A, acc.A), Vector128.FusedMultiplyAdd(vm, x.B, acc.B),
                       Vector128.FusedMultiplyAdd(vm, x.C, acc.C), Vector128.FusedMultiplyAdd(vm, x.D, acc.D));
        }

        public Vector128<double> A { get; } = a;

        public Vector128<double> B { get; } = b;

        public Vector128<double> C { get; } = c;

        public Vector128<double> D { get; } = d;

        public void Store(double* row)
        {
            Vector128.Store(A, row);
            Vector128.Store(B, row + 2);
            Vector128.Store(C, row + 4);
            Vector128.Store(D, row + 6);
        }

        public Row128 Divide(double d)
        {
            var vd = Vector128.Create(d);
            return new(A / vd, B / vd, C / vd, D / vd);
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

    /// <summary>
    /// With many right-hand sides, gives each thread its own columns for the whole solve: the columns are
    /// independent, so the threads never wait for each other, where threading each of the recursion's
    /// products and base blocks paid a fork and join a few dozen times per solve (at order 256 with 256
    /// columns that overhead was most of the time). The column split is a multiple of 8, the tile width.
    /// </summary>
    private static bool SplitColumns(int threads, int s, int r, ColumnRange body)
    {
        if (threads < 2 || r < 16 || (long)s * s * r < 64L * 64 * 64) return false;
        int half = (r / 2 + 7) & ~7;
        Parallel.For(0, 2, part => { if (part == 0) body(0, half); else body(half, r); });
        return true;
    }

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
