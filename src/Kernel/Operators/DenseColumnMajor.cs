using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Differentials.Numerics;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Double;

namespace Differentials;

/// <summary>
/// Bridges MathNet matrices and the column-major backend: reads a matrix's storage without copying when
/// it is dense, and multiplies through <see cref="Backend.LinearAlgebra"/>.
/// </summary>
internal static class DenseColumnMajor
{
    /// <summary>The column-major values of <paramref name="m"/>; the dense storage itself when possible (read only!).</summary>
    public static double[] Values(Matrix<double> m) =>
        m is DenseMatrix dense ? dense.Values : DenseMatrix.OfMatrix(m).Values;

    /// <summary>The values of <paramref name="v"/>; the dense storage itself when possible (read only!).</summary>
    public static double[] Values(Vector<double> v) =>
        v is DenseVector dense ? dense.Values : v.ToArray();

    /// <summary>
    /// A dense vector of length <paramref name="n"/> whose storage is not zeroed, for a result whose every
    /// entry is written before anything reads it: zeroing 2 MB (n = 2^18) took 0.1 ms here, 5 % of a
    /// convolution, and is pure waste when the transform overwrites it all.
    /// </summary>
    public static DenseVector UnwrittenVector(int n) => new(GC.AllocateUninitializedArray<double>(n));

    /// <summary>
    /// An m×n dense matrix whose storage is not zeroed, for a result that a backend routine overwrites whole
    /// (every <see cref="Numerics.ILinearAlgebra"/> product and inverse overwrites its destination, which the
    /// backend tests check on NaN-filled storage): at n = 2048 zeroing is 32 MB, about 1.5 ms per result.
    /// </summary>
    public static DenseMatrix UnwrittenMatrix(int m, int n) => new(m, n, GC.AllocateUninitializedArray<double>(m * n));

    /// <summary>A fresh dense copy, safe to overwrite.</summary>
    public static DenseMatrix Copy(Matrix<double> m) => DenseMatrix.OfMatrix(m);

    /// <summary>Returns op(a)·op(b) where op(a) is m×k and op(b) is k×n.</summary>
    public static DenseMatrix Multiply(Matrix<double> a, bool transposeA, Matrix<double> b, bool transposeB) =>
        Product(a, transposeA, b, transposeB, negated: false);

    /// <summary>Returns −op(a)·op(b) where op(a) is m×k and op(b) is k×n, with the sign folded into the product.</summary>
    public static DenseMatrix MultiplyNegated(Matrix<double> a, bool transposeA, Matrix<double> b, bool transposeB) =>
        Product(a, transposeA, b, transposeB, negated: true);

    private static DenseMatrix Product(Matrix<double> a, bool transposeA, Matrix<double> b, bool transposeB, bool negated)
    {
        int m = transposeA ? a.ColumnCount : a.RowCount;
        int k = transposeA ? a.RowCount : a.ColumnCount;
        int n = transposeB ? b.RowCount : b.ColumnCount;
        var c = UnwrittenMatrix(m, n);
        if (negated)
            Backend.LinearAlgebra.MultiplyNegated(Values(a), transposeA, Values(b), transposeB, c.Values, m, n, k);
        else
            Backend.LinearAlgebra.Multiply(Values(a), transposeA, Values(b), transposeB, c.Values, m, n, k);
        return c;
    }

    /// <summary>Writes s = a + aᵀ for a square matrix.</summary>
    public static DenseMatrix SymmetricPart(Matrix<double> a)
    {
        int n = a.RowCount;
        var s = UnwrittenMatrix(n, n);
        SymmetricPart(Values(a), n, s.Values);
        return s;
    }

    /// <summary>
    /// Writes s = a + aᵀ for an n×n column-major matrix. Each pair (i, j), (j, i) gets the same sum
    /// a_ij + a_ji, so s is exactly symmetric. With AVX-512, pairs of 8×8 blocks are summed through register
    /// transposes (each element read and written once); otherwise square tiles keep the transposed reads in cache.
    /// </summary>
    /// <exception cref="ArgumentException">A length is below n², or the two spans overlap.</exception>
    public static unsafe void SymmetricPart(ReadOnlySpan<double> a, int n, Span<double> destination)
    {
        long size = (long)n * n;
        if (a.Length < size || destination.Length < size)
            throw new ArgumentException($"An {n}×{n} matrix needs {size} values; got {a.Length} and {destination.Length}.", nameof(destination));
        if (a.Overlaps(destination)) throw new ArgumentException("The symmetric part cannot be written over its input.", nameof(destination));
        int blocked = Avx512F.IsSupported ? n / 8 * 8 : 0;
        fixed (double* source = a, target = destination)
        {
            double* block = stackalloc double[64];
            for (int jb = 0; jb < blocked; jb += 8)
            {
                for (int ib = jb; ib < blocked; ib += 8)
                {
                    // Block (ib.., jb..) of s is a's block there plus the transpose of a's block (jb.., ib..);
                    // block (jb.., ib..) of s is the transpose of that sum.
                    RegisterTranspose.Block8x8(source + (long)ib * n + jb, n, 1.0, block, 8);
                    for (int p = 0; p < 8; p++)
                    {
                        long column = (long)(jb + p) * n + ib;
                        var sum = Vector512.Load(source + column) + Vector512.Load(block + 8 * p);
                        Vector512.Store(sum, target + column);
                    }
                    if (ib != jb) RegisterTranspose.Block8x8(target + (long)jb * n + ib, n, 1.0, target + (long)ib * n + jb, n);
                }
            }
            // The rest (all of it without AVX-512): rows or columns from `blocked` on, by tiles.
            const int tile = 32;
            for (int jb = 0; jb < n; jb += tile)
            {
                int jEnd = Math.Min(jb + tile, n);
                for (int ib = 0; ib < n; ib += tile)
                {
                    int iEnd = Math.Min(ib + tile, n);
                    if (iEnd <= blocked && jEnd <= blocked) continue;
                    for (int j = jb; j < jEnd; j++)
                    {
                        for (int i = ib; i < iEnd; i++)
                        {
                            if (i < blocked && j < blocked) continue;
                            target[(long)j * n + i] = source[(long)j * n + i] + source[(long)i * n + j];
                        }
                    }
                }
            }
        }
    }

    /// <summary>Whether every value is finite: v·0 is 0 for finite v and NaN for NaN or ±∞, and NaN sticks in a sum.</summary>
    public static bool AllFinite(ReadOnlySpan<double> values)
    {
        var lanes = MemoryMarshal.Cast<double, System.Numerics.Vector<double>>(values);
        var sum = System.Numerics.Vector<double>.Zero;
        foreach (var lane in lanes) sum += lane * System.Numerics.Vector<double>.Zero;
        double total = System.Numerics.Vector.Sum(sum);
        for (int i = lanes.Length * System.Numerics.Vector<double>.Count; i < values.Length; i++) total += values[i] * 0.0;
        return total == 0.0;
    }

    /// <summary>The induced 1-norm: the largest absolute column sum.</summary>
    public static double OneNorm(ReadOnlySpan<double> values, int rows, int columns)
    {
        double best = 0;
        for (int j = 0; j < columns; j++)
        {
            double sum = 0;
            foreach (double v in values.Slice(j * rows, rows)) sum += Math.Abs(v);
            best = Math.Max(best, sum);
        }
        return best;
    }
}
