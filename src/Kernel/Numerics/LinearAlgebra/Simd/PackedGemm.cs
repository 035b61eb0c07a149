using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Differentials.Numerics;

/// <summary>
/// Cache-blocked matrix product <c>C = alpha·op(A)·op(B) + beta·C</c> on column-major storage with
/// leading dimensions, in the style of BLIS/GotoBLAS: panels of op(B) (KC×NC) and op(A) (MC×KC) are
/// packed into contiguous micro-panels, and a register-blocked micro-kernel (MR×NR accumulators in
/// vector registers) sweeps them. Transposes and alpha are absorbed by the packing.
/// </summary>
internal static unsafe class PackedGemm
{
    // KC×NR of B stays in L1 while an MR×KC sliver of A streams from L2; the MC×KC block of A fits L2: both sized
    // per tile shape from this machine's caches (GemmBlocking). NC only bounds the packed B panel's memory.
    private const int NC = 3072;

    /// <summary>The cache blocks of each <see cref="SimdLevel"/>'s tile, from <see cref="CacheSizes.Machine"/>.</summary>
    public static IReadOnlyList<GemmBlocking> Blocks { get; } =
        [.. Enum.GetValues<SimdLevel>().OrderBy(l => (int)l).Select(l => GemmBlocking.For(CacheSizes.Machine, TileRows(l), TileColumns(l)))];

    /// <summary>Work below this many multiply-adds is not worth a second thread.</summary>
    private const long ParallelThreshold = 96L * 96 * 96;

    /// <summary>Register-tile rows for a level.</summary>
    public static int TileRows(SimdLevel level) => level switch
    {
        SimdLevel.Vector512 => 24,
        SimdLevel.Vector256 => 8,
        SimdLevel.Vector128 => 8,
        _ => 4,
    };

    /// <summary>Register-tile columns for a level.</summary>
    public static int TileColumns(SimdLevel level) => level switch
    {
        SimdLevel.Vector512 => 8,
        SimdLevel.Vector256 => 6,
        SimdLevel.Vector128 => 6,
        _ => 4,
    };

    /// <summary>
    /// <c>C = alpha·op(A)·op(B) + beta·C</c>, where op(A) is m×k and op(B) is k×n. <paramref name="beta"/>
    /// must be 0 (C is overwritten, its old contents ignored) or 1 (accumulate). With
    /// <paramref name="addBTransposed"/>, op(B) is B + Bᵀ (B square, not transposed): each pair is summed
    /// while B is packed, so the sum is never stored.
    /// </summary>
    public static void Run(SimdLevel level, int threads,
                           bool transA, bool transB, int m, int n, int k, double alpha,
                           double* a, int lda, double* b, int ldb, double beta, double* c, int ldc,
                           bool addBTransposed = false)
    {
        if (addBTransposed && (transB || n != k))
            throw new ArgumentException($"B + Bᵀ needs a square, untransposed B; got {k}×{n}, transposed: {transB}.", nameof(addBTransposed));
        if (m <= 0 || n <= 0) return;
        if (beta != 0.0 && beta != 1.0) throw new ArgumentOutOfRangeException(nameof(beta), beta, "beta must be 0 or 1.");
        if (k <= 0 || alpha == 0.0)
        {
            if (beta == 0.0)
            {
                for (int j = 0; j < n; j++) new Span<double>(c + (long)j * ldc, m).Clear();
            }
            return;
        }

        int mr = TileRows(level), nr = TileColumns(level);
        if (threads > 1 && (long)m * n * k >= ParallelThreshold)
        {
            // Split the larger dimension of C in two, on tile boundaries: each half is an independent product.
            bool splitColumns = n >= m;
            int extent = splitColumns ? n : m;
            int unit = splitColumns ? nr : mr;
            int half = (extent / 2 + unit - 1) / unit * unit;
            if (half > 0 && half < extent)
            {
                nint ap = (nint)a, bp = (nint)b, cp = (nint)c;
                Parallel.For(0, 2, part =>
                {
                    int start = part == 0 ? 0 : half;
                    int count = part == 0 ? half : extent - half;
                    double* pa = (double*)ap, pb = (double*)bp, pc = (double*)cp;
                    if (splitColumns)
                    {
                        double* bPart = transB ? pb + start : pb + (long)start * ldb;
                        // Bᵀ's columns start..start+count are B's rows there.
                        double* bTransposedPart = addBTransposed ? pb + start : null;
                        RunSerial(level, transA, transB, m, count, k, alpha, pa, lda, bPart, ldb, beta, pc + (long)start * ldc, ldc,
                                  bTransposed: bTransposedPart);
                    }
                    else
                    {
                        double* aPart = transA ? pa + (long)start * lda : pa + start;
                        RunSerial(level, transA, transB, count, n, k, alpha, aPart, lda, pb, ldb, beta, pc + start, ldc,
                                  bTransposed: addBTransposed ? pb : null);
                    }
                });
                return;
            }
        }
        RunSerial(level, transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc, bTransposed: addBTransposed ? b : null);
    }

    /// <summary>
    /// The upper triangle (diagonal included) of C = AᵀA for A rows×cols (leading dimension lda), C cols×cols
    /// (leading dimension ldc): micro-tiles wholly below the diagonal are skipped, so about half the work of a
    /// full product, with A and B packed once per block as in <see cref="Run"/>. Entries below the diagonal
    /// in tiles that straddle it are written too; the strict lower triangle is otherwise left untouched.
    /// </summary>
    public static void RunUpperGram(SimdLevel level, int threads, double* a, int lda, int rows, int cols, double* c, int ldc)
    {
        if (cols <= 0) return;
        if (rows <= 0)
        {
            for (int j = 0; j < cols; j++) new Span<double>(c + (long)j * ldc, cols).Clear();
            return;
        }
        int nr = TileColumns(level);
        // Column j of the upper triangle holds j + 1 entries: the first cols/√2 columns carry half the work.
        int split = (int)(cols / Math.Sqrt(2.0) + nr - 1) / nr * nr;
        if (threads > 1 && (long)cols * cols * rows / 2 >= ParallelThreshold && split > 0 && split < cols)
        {
            nint ap = (nint)a, cp = (nint)c;
            Parallel.For(0, 2, part =>
            {
                int start = part == 0 ? 0 : split;
                int count = part == 0 ? split : cols - split;
                double* pa = (double*)ap, pc = (double*)cp;
                // Rows 0..start+count of C: the rest of these columns lies below the diagonal.
                RunSerial(level, true, false, start + count, count, rows, 1.0, pa, lda, pa + (long)start * lda, lda, 0.0,
                          pc + (long)start * ldc, ldc, upperFrom: start);
            });
            return;
        }
        RunSerial(level, true, false, cols, cols, rows, 1.0, a, lda, a, lda, 0.0, c, ldc, upperFrom: 0);
    }

    /// <summary>
    /// The lower triangle (diagonal included) of the cols×cols block C (leading dimension ldc) less AᵀA, in place,
    /// for A rows×cols (leading dimension lda): micro-tiles wholly above the diagonal are skipped, about half a
    /// full product's work, with −1 absorbed by the packing. Tiles that straddle the diagonal update their
    /// entries above it too. Two threads split the columns where each side carries half the work.
    /// </summary>
    public static void RunLowerGramUpdate(SimdLevel level, int threads, double* a, int lda, int rows, int cols, double* c, int ldc)
    {
        if (cols <= 0 || rows <= 0) return;
        int nr = TileColumns(level);
        // Column j of the lower triangle holds cols − j entries: the first cols·(1 − 1/√2) columns carry half the work.
        int split = (int)(cols * (1 - 1 / Math.Sqrt(2.0)) + nr - 1) / nr * nr;
        if (threads > 1 && (long)cols * cols * rows / 2 >= ParallelThreshold && split > 0 && split < cols)
        {
            nint ap = (nint)a, cp = (nint)c;
            Parallel.For(0, 2, part =>
            {
                double* pa = (double*)ap, pc = (double*)cp;
                // Part 0: columns 0..split, every row from the top; part 1: the square block from (split, split) on.
                int start = part == 0 ? 0 : split;
                int count = part == 0 ? split : cols - split;
                RunSerial(level, true, false, cols - start, count, rows, -1.0, pa + (long)start * lda, lda, pa + (long)start * lda, lda, 1.0,
                          pc + start + (long)start * ldc, ldc, lower: true);
            });
            return;
        }
        RunSerial(level, true, false, cols, cols, rows, -1.0, a, lda, a, lda, 1.0, c, ldc, lower: true);
    }

    // upperFrom: −1 for a full product; otherwise C is a block of a symmetric result whose local column 0 is
    // global column upperFrom, and tiles whose first row lies below their last column's diagonal are skipped.
    // lower: C's local row and column 0 are the same global index, and tiles wholly above the diagonal are skipped.
    // bTransposed: null, or where op(B)'s second term starts (element (p, j) at bTransposed[j + p·ldb]).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void RunSerial(SimdLevel level, bool transA, bool transB, int m, int n, int k, double alpha,
                                  double* a, int lda, double* b, int ldb, double beta, double* c, int ldc, int upperFrom = -1,
                                  double* bTransposed = null, bool lower = false)
    {
        int mr = TileRows(level), nr = TileColumns(level);
        var blocking = Blocks[(int)level];
        int kcBlock = blocking.Kc, mcBlock = blocking.Mc;
        int ncMax = Math.Min(NC, RoundUp(n, nr));
        int kcMax = Math.Min(kcBlock, k);
        int mcMax = Math.Min(mcBlock, RoundUp(m, mr));
        double* packedB = Workspace.B((long)kcMax * ncMax);
        double* packedA = Workspace.A((long)kcMax * mcMax);
        double* edge = stackalloc double[24 * 8];

        for (int jc = 0; jc < n; jc += NC)
        {
            int nc = Math.Min(NC, n - jc);
            for (int pc = 0; pc < k; pc += kcBlock)
            {
                int kc = Math.Min(kcBlock, k - pc);
                bool accumulate = pc > 0 || beta != 0.0;
                PackB(transB, b, ldb, pc, jc, kc, nc, packedB, nr);
                if (bTransposed != null) AddTransposedToPackedB(bTransposed, ldb, pc, jc, kc, nc, packedB, nr);
                bool upper = upperFrom >= 0;
                // The last global column of this block bounds the rows that reach the upper triangle.
                int rowLimit = upper ? Math.Min(m, upperFrom + jc + nc) : m;
                for (int ic = 0; ic < rowLimit; ic += mcBlock)
                {
                    int mc = Math.Min(mcBlock, rowLimit - ic);
                    PackA(transA, a, lda, ic, pc, mc, kc, alpha, packedA, mr);
                    for (int jr = 0; jr < nc; jr += nr)
                    {
                        int cols = Math.Min(nr, nc - jr);
                        double* bPanel = packedB + (long)jr * kc;
                        // Rows at or past the end of this tile column's diagonal are all below it.
                        int tileRowLimit = upper ? Math.Min(mc, upperFrom + jc + jr + cols - ic) : mc;
                        // Lower: tiles whose last row is above this tile column's first column hold nothing below the diagonal.
                        int tileRowStart = lower ? Math.Max(0, (jc + jr - ic) / mr * mr) : 0;
                        for (int ir = tileRowStart; ir < tileRowLimit; ir += mr)
                        {
                            int rows = Math.Min(mr, mc - ir);
                            double* aPanel = packedA + (long)ir * kc;
                            double* cTile = c + (ic + ir) + (long)(jc + jr) * ldc;
                            if (rows == mr && cols == nr)
                            {
                                Kernel(level, kc, aPanel, bPanel, cTile, ldc, accumulate);
                            }
                            else
                            {
                                // Partial tile: run the full kernel into a scratch tile, then copy the valid part.
                                Kernel(level, kc, aPanel, bPanel, edge, mr, false);
                                for (int j = 0; j < cols; j++)
                                {
                                    double* dst = cTile + (long)j * ldc;
                                    double* src = edge + j * mr;
                                    if (accumulate) for (int i = 0; i < rows; i++) dst[i] += src[i];
                                    else for (int i = 0; i < rows; i++) dst[i] = src[i];
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    private static int RoundUp(int value, int unit) => (value + unit - 1) / unit * unit;

    /// <summary>Packs op(A)[i0.., p0..] (mc×kc) times alpha into MR-row micro-panels, zero-padded.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void PackA(bool transA, double* a, int lda, int i0, int p0, int mc, int kc, double alpha,
                              double* dst, int mr)
    {
        for (int ir = 0; ir < mc; ir += mr)
        {
            int rows = Math.Min(mr, mc - ir);
            double* panel = dst + (long)ir * kc;
            if (!transA)
            {
                for (int p = 0; p < kc; p++)
                {
                    double* src = a + (i0 + ir) + (long)(p0 + p) * lda;
                    double* d = panel + p * mr;
                    int r = 0;
                    if (Vector512.IsHardwareAccelerated)
                    {
                        var va = Vector512.Create(alpha);
                        for (; r + 8 <= rows; r += 8) Vector512.Store(Vector512.Load(src + r) * va, d + r);
                    }
                    for (; r < rows; r++) d[r] = alpha * src[r];
                    for (; r < mr; r++) d[r] = 0.0;
                }
            }
            else
            {
                // op(A)(i, p) = a[p + i·lda]: each row of op(A) is contiguous in memory. Whole groups of 8 rows
                // are transposed 8×8 at a time in registers; strided scalar stores cost ~9 cycles an element.
                int r0 = 0;
                if (Avx512F.IsSupported && mr % 8 == 0)
                {
                    int kc8 = kc & ~7;
                    for (; r0 + 8 <= rows; r0 += 8)
                    {
                        double* src = a + p0 + (long)(i0 + ir + r0) * lda;
                        for (int p = 0; p < kc8; p += 8) RegisterTranspose.Block8x8(src + p, lda, alpha, panel + p * mr + r0, mr);
                        for (int r = r0; r < r0 + 8; r++)
                        {
                            double* row = a + p0 + (long)(i0 + ir + r) * lda;
                            for (int p = kc8; p < kc; p++) panel[p * mr + r] = alpha * row[p];
                        }
                    }
                }
                for (int r = r0; r < rows; r++)
                {
                    double* src = a + p0 + (long)(i0 + ir + r) * lda;
                    for (int p = 0; p < kc; p++) panel[p * mr + r] = alpha * src[p];
                }
                for (int r = rows; r < mr; r++)
                {
                    for (int p = 0; p < kc; p++) panel[p * mr + r] = 0.0;
                }
            }
        }
    }

    /// <summary>Packs op(B)[p0.., j0..] (kc×nc) into NR-column micro-panels, zero-padded.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void PackB(bool transB, double* b, int ldb, int p0, int j0, int kc, int nc, double* dst, int nr)
    {
        for (int jr = 0; jr < nc; jr += nr)
        {
            int cols = Math.Min(nr, nc - jr);
            double* panel = dst + (long)jr * kc;
            if (!transB)
            {
                int col0 = 0;
                if (Avx512F.IsSupported && nr == 8 && cols == 8)
                {
                    // A full panel of 8 columns: transpose 8×8 blocks in registers instead of strided scalar stores.
                    int kc8 = kc & ~7;
                    double* src = b + p0 + (long)(j0 + jr) * ldb;
                    for (int p = 0; p < kc8; p += 8) RegisterTranspose.Block8x8(src + p, ldb, 1.0, panel + p * nr, nr);
                    for (int col = 0; col < 8; col++)
                    {
                        double* column = src + (long)col * ldb;
                        for (int p = kc8; p < kc; p++) panel[p * nr + col] = column[p];
                    }
                    col0 = 8;
                }
                for (int col = col0; col < cols; col++)
                {
                    double* src = b + p0 + (long)(j0 + jr + col) * ldb;
                    for (int p = 0; p < kc; p++) panel[p * nr + col] = src[p];
                }
                for (int col = cols; col < nr; col++)
                {
                    for (int p = 0; p < kc; p++) panel[p * nr + col] = 0.0;
                }
            }
            else
            {
                // op(B)(p, j) = b[j + p·ldb]: each row of op(B) is contiguous in memory.
                for (int p = 0; p < kc; p++)
                {
                    double* src = b + (j0 + jr) + (long)(p0 + p) * ldb;
                    double* d = panel + p * nr;
                    int col = 0;
                    for (; col < cols; col++) d[col] = src[col];
                    for (; col < nr; col++) d[col] = 0.0;
                }
            }
        }
    }

    /// <summary>Adds Bᵀ[p0.., j0..] (kc×nc, element (p, j) at b[j + p·ldb]) to B's packed panels, after
    /// <see cref="PackB"/>: each entry becomes b_pj + b_jp, the same sum however the pair is ordered.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void AddTransposedToPackedB(double* b, int ldb, int p0, int j0, int kc, int nc, double* dst, int nr)
    {
        for (int p = 0; p < kc; p++)
        {
            // Row p0 + p of Bᵀ's block is B's column p0 + p: read it once, in order, and add it across the panels.
            double* src = b + j0 + (long)(p0 + p) * ldb;
            for (int jr = 0; jr < nc; jr += nr)
            {
                int cols = Math.Min(nr, nc - jr);
                double* d = dst + (long)jr * kc + (long)p * nr;
                double* s = src + jr;
                int col = 0;
                if (Vector512.IsHardwareAccelerated)
                {
                    for (; col + 8 <= cols; col += 8) Vector512.Store(Vector512.Load(d + col) + Vector512.Load(s + col), d + col);
                }
                if (Vector256.IsHardwareAccelerated)
                {
                    for (; col + 4 <= cols; col += 4) Vector256.Store(Vector256.Load(d + col) + Vector256.Load(s + col), d + col);
                }
                for (; col < cols; col++) d[col] += s[col];
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Kernel(SimdLevel level, int kc, double* a, double* b, double* c, int ldc, bool accumulate)
    {
        switch (level)
        {
            case SimdLevel.Vector512: MicroKernels.Kernel24x8(kc, a, b, c, ldc, accumulate); break;
            case SimdLevel.Vector256: MicroKernels.Kernel8x6(kc, a, b, c, ldc, accumulate); break;
            case SimdLevel.Vector128: MicroKernels.Kernel8x6V128(kc, a, b, c, ldc, accumulate); break;
            default: MicroKernels.Kernel4x4(kc, a, b, c, ldc, accumulate); break;
        }
    }

    /// <summary>Per-thread packing buffers, 64-byte aligned, grown on demand and kept for reuse.</summary>
    private static class Workspace
    {
        [ThreadStatic] private static Buffer? s_a;
        [ThreadStatic] private static Buffer? s_b;

        public static double* A(long length) => (s_a ??= new Buffer()).Get(length);

        public static double* B(long length) => (s_b ??= new Buffer()).Get(length);

        private sealed class Buffer
        {
            private double* _data;
            private long _length;

            public double* Get(long length)
            {
                if (length > _length)
                {
                    if (_data != null) NativeMemory.AlignedFree(_data);
                    _data = (double*)NativeMemory.AlignedAlloc((nuint)(length * sizeof(double)), 64);
                    _length = length;
                }
                return _data;
            }

            ~Buffer()
            {
                if (_data != null) NativeMemory.AlignedFree(_data);
            }
        }
    }
}
