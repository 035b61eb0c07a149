namespace Differentials.Numerics;

/// <summary>
/// The dense linear algebra the operators need, on column-major storage (MathNet's layout).
/// This is the seam behind which a faster backend can replace the reference one without the
/// operators changing.
/// </summary>
internal interface ILinearAlgebra
{
    /// <summary>A short name for reports, e.g. "managed-mathnet".</summary>
    string Name { get; }

    /// <summary>
    /// Computes <c>c = op(a) · op(b)</c>, where <c>op(a)</c> is m×k and <c>op(b)</c> is k×n.
    /// Every matrix is column-major and tightly packed: <c>a</c> is m×k (or k×m when
    /// <paramref name="transposeA"/>), <c>b</c> is k×n (or n×k), <c>c</c> is m×n and is overwritten.
    /// </summary>
    void Multiply(ReadOnlySpan<double> a, bool transposeA, ReadOnlySpan<double> b, bool transposeB,
                  Span<double> c, int m, int n, int k);

    /// <summary>
    /// Overwrites the n×n column-major matrix <paramref name="a"/> with its LU factors (partial
    /// pivoting, unit lower triangle implied). <c>pivots[i]</c> is the row swapped with row i at step i.
    /// Returns the index of the first pivot that is exactly zero, or -1 when there is none.
    /// </summary>
    int LuFactor(Span<double> a, int n, Span<int> pivots);

    /// <summary>Writes the inverse of the matrix whose LU factors <see cref="LuFactor"/> produced.</summary>
    void LuInvert(ReadOnlySpan<double> lu, ReadOnlySpan<int> pivots, int n, Span<double> inverse);
}
