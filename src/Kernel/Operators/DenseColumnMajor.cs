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
    /// entry is written before anything reads it: zeroing is a pass over memory that a transform
    /// overwriting it all makes pure waste.
    /// </summary>
    public static DenseVector UnwrittenVector(int n) => new(GC.AllocateUninitializedArray<double>(n));

    /// <summary>
    /// An m×n dense matrix whose storage is not zeroed, for a result that a backend routine overwrites whole
    /// (every <see cref="Numerics.ILinearAlgebra"/> product and inverse overwrites its destination, which the
    /// backend tests check on NaN-filled storage): zeroing n² values first would be a wasted pass per result.
    /// </summary>
    public static DenseMatrix UnwrittenMatrix(int m, int n) => new(m, n, GC.AllocateUninitializedArray<double>(m * n));

    /// <summary>A fresh m×n matrix holding alpha·values (column-major), written in one vectorised pass.</summary>
    public static DenseMatrix Scaled(int m, int n, double alpha, double[] values)
    {
        var result = UnwrittenMatrix(m, n);
        VectorOps.ScaleInto(alpha, values.AsSpan(0, m * n), result.Values);
        return result;
    }

    /// <summary>A fresh dense copy, safe to overwrite: for dense storage one copy into an array that is not zeroed first.</summary>
    public static DenseMatrix Copy(Matrix<double> m)
    {
        if (m is not DenseMatrix dense) return DenseMatrix.OfMatrix(m);
        var copy = UnwrittenMatrix(m.RowCount, m.ColumnCount);
        dense.Values.AsSpan(0, m.RowCount * m.ColumnCount).CopyTo(copy.Values);
        return copy;
    }

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

    /// <summary>Writes s = a + aᵀ for an n×n column-major matrix (see <see cref="SymmetricSum.Write"/>).</summary>
    /// <exception cref="ArgumentException">A length is below n², or the two spans overlap.</exception>
    public static void SymmetricPart(ReadOnlySpan<double> a, int n, Span<double> destination) =>
        SymmetricSum.Write(a, n, destination);

    /// <summary>Whether every value is finite (see <see cref="Norms.AllFinite"/>).</summary>
    public static bool AllFinite(ReadOnlySpan<double> values) => Norms.AllFinite(values);

    /// <summary>The induced 1-norm: the largest absolute column sum.</summary>
    public static double OneNorm(ReadOnlySpan<double> values, int rows, int columns) => Norms.OneNorm(values, rows, columns);

    /// <summary>Returns the Gram matrix xᵀx (n×n for x m×n), by the backend's symmetric product (about half the work of a full one).</summary>
    public static DenseMatrix Gram(Matrix<double> x)
    {
        int m = x.RowCount, n = x.ColumnCount;
        var c = UnwrittenMatrix(n, n);
        Backend.LinearAlgebra.Gram(Values(x), m, n, c.Values);
        return c;
    }

    /// <summary>Returns aᵀb + bᵀa (n×n, exactly symmetric) for a and b both m×n: the Gram differential.</summary>
    public static DenseMatrix MultiplyTransposedSymmetrized(Matrix<double> a, Matrix<double> b)
    {
        int m = a.RowCount, n = a.ColumnCount;
        var c = UnwrittenMatrix(n, n);
        Backend.LinearAlgebra.MultiplyTransposedSymmetrized(Values(a), Values(b), c.Values, m, n);
        return c;
    }

    /// <summary>Returns a·(b + bᵀ) (m×n) for a m×n and b n×n: the Gram pullback's product.</summary>
    public static DenseMatrix MultiplyBySymmetricSum(Matrix<double> a, Matrix<double> b)
    {
        int m = a.RowCount, n = a.ColumnCount;
        var c = UnwrittenMatrix(m, n);
        Backend.LinearAlgebra.MultiplyBySymmetricSum(Values(a), Values(b), c.Values, m, n);
        return c;
    }
}
