using MathNet.Numerics.Providers.LinearAlgebra;

namespace Differentials.Numerics;

/// <summary>
/// Reference backend: MathNet.Numerics' managed provider. Correct everywhere, slow for large n;
/// kept as the baseline the fast backends are tested and benchmarked against.
/// </summary>
internal sealed class MathNetLinearAlgebra : ILinearAlgebra
{
    public string Name => "managed-mathnet";

    public void Multiply(ReadOnlySpan<double> a, bool transposeA, ReadOnlySpan<double> b, bool transposeB,
                         Span<double> c, int m, int n, int k)
    {
        Checks.ProductBuffers(a.Length, b.Length, c.Length, m, n, k);
        if (m == 0 || n == 0) return;
        if (k == 0)
        {
            c[..(m * n)].Clear();
            return;
        }
        var result = new double[m * n];
        LinearAlgebraControl.Provider.MatrixMultiplyWithUpdate(
            transposeA ? Transpose.Transpose : Transpose.DontTranspose,
            transposeB ? Transpose.Transpose : Transpose.DontTranspose,
            1.0, a.ToArray(), transposeA ? k : m, transposeA ? m : k,
            b.ToArray(), transposeB ? n : k, transposeB ? k : n, 0.0, result);
        result.CopyTo(c);
    }

    public int LuFactor(Span<double> a, int n, Span<int> pivots)
    {
        Checks.SquareBuffer(a.Length, n, nameof(a));
        Checks.PivotBuffer(pivots.Length, n);
        if (n == 0) return -1;
        var data = a.ToArray();
        var ipiv = new int[n];
        LinearAlgebraControl.Provider.LUFactor(data, n, ipiv);
        data.CopyTo(a);
        ipiv.CopyTo(pivots);
        for (int i = 0; i < n; i++)
        {
            if (data[i * n + i] == 0.0) return i;
        }
        return -1;
    }

    public void LuInvert(ReadOnlySpan<double> lu, ReadOnlySpan<int> pivots, int n, Span<double> inverse)
    {
        Checks.SquareBuffer(lu.Length, n, nameof(lu));
        Checks.PivotBuffer(pivots.Length, n);
        Checks.SquareBuffer(inverse.Length, n, nameof(inverse));
        if (n == 0) return;
        var data = lu.ToArray();
        LinearAlgebraControl.Provider.LUInverseFactored(data, n, pivots.ToArray());
        data.CopyTo(inverse);
    }
}
