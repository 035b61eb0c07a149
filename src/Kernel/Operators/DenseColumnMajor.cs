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

    /// <summary>A fresh dense copy, safe to overwrite.</summary>
    public static DenseMatrix Copy(Matrix<double> m) => DenseMatrix.OfMatrix(m);

    /// <summary>Returns op(a)·op(b) where op(a) is m×k and op(b) is k×n.</summary>
    public static DenseMatrix Multiply(Matrix<double> a, bool transposeA, Matrix<double> b, bool transposeB)
    {
        int m = transposeA ? a.ColumnCount : a.RowCount;
        int k = transposeA ? a.RowCount : a.ColumnCount;
        int n = transposeB ? b.RowCount : b.ColumnCount;
        var c = new DenseMatrix(m, n);
        Backend.LinearAlgebra.Multiply(Values(a), transposeA, Values(b), transposeB, c.Values, m, n, k);
        return c;
    }

    /// <summary>Writes s = a + aᵀ for a square matrix.</summary>
    public static DenseMatrix SymmetricPart(Matrix<double> a)
    {
        int n = a.RowCount;
        double[] v = Values(a);
        var s = new DenseMatrix(n, n);
        double[] sv = s.Values;
        for (int j = 0; j < n; j++)
        {
            for (int i = 0; i < n; i++)
            {
                sv[j * n + i] = v[j * n + i] + v[i * n + j];
            }
        }
        return s;
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
