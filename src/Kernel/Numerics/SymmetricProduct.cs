namespace Differentials.Numerics;

/// <summary>
/// The Gram matrix C = AᵀA by symmetry: only the block upper triangle is computed with the packed
/// product (column block J needs rows 0..end(J) only), then mirrored. About half the work of a full product.
/// </summary>
internal static unsafe class SymmetricProduct
{
    // A multiple of every micro-tile's rows and columns (24, 8, 6, 4).
    private const int BlockWidth = 192;

    /// <summary>Writes C (cols×cols, leading dimension cols) = AᵀA for A (rows×cols, leading dimension rows).</summary>
    public static void Gram(SimdLevel level, int threads, double* a, int rows, int cols, double* c)
    {
        if (cols == 0) return;
        int lda = Math.Max(rows, 1);
        if (cols < 2 * BlockWidth)
        {
            PackedGemm.Run(level, threads, true, false, cols, cols, rows, 1.0, a, lda, a, lda, 0.0, c, cols);
            return;
        }
        for (int j0 = 0; j0 < cols; j0 += BlockWidth)
        {
            int width = Math.Min(BlockWidth, cols - j0);
            int height = j0 + width;
            PackedGemm.Run(level, threads, true, false, height, width, rows, 1.0, a, lda, a + (long)j0 * lda, lda, 0.0, c + (long)j0 * cols, cols);
        }
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
