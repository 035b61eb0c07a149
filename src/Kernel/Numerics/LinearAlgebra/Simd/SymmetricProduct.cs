namespace Differentials.Numerics;

/// <summary>
/// The Gram matrix C = AᵀA by symmetry: only the micro-tiles that reach the upper triangle are computed
/// by the packed product, then the strict upper triangle is mirrored down, so the result is exactly
/// symmetric. About half the work of a full product. The tiles share one packing of A, rather than one packed
/// product per column block, which would repack all of A for every block.
/// </summary>
internal static unsafe class SymmetricProduct
{
    /// <summary>Writes C (cols×cols, leading dimension cols) = AᵀA for A (rows×cols, leading dimension rows).</summary>
    public static void Gram(SimdLevel level, int threads, double* a, int rows, int cols, double* c)
    {
        if (cols == 0) return;
        int lda = Math.Max(rows, 1);
        // One packed pass over the upper triangle: A and B are packed once per cache block, as in a full product.
        PackedGemm.RunUpperGram(level, threads, a, lda, rows, cols, c, cols);
        // Mirror the strict upper triangle into the lower one, by tiles so both sides stay in cache.
        const int tile = 64;
        for (int jb = 0; jb < cols; jb += tile)
        {
            for (int ib = jb; ib < cols; ib += tile)
            {
                int jEnd = Math.Min(jb + tile, cols), iEnd = Math.Min(ib + tile, cols);
                for (int j = jb; j < jEnd; j++)
                {
                    double* column = c + (long)j * cols;
                    for (int i = Math.Max(ib, j + 1); i < iEnd; i++) column[i] = c[j + (long)i * cols];
                }
            }
        }
    }
}
