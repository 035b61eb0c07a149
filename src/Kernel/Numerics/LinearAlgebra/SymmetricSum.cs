using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Differentials.Numerics;

/// <summary>The symmetric sum a + aᵀ of a square column-major matrix, the one step the Gram rules share.</summary>
internal static unsafe class SymmetricSum
{
    /// <summary>
    /// Writes s = a + aᵀ for an n×n column-major matrix. Each pair (i, j), (j, i) gets the same sum
    /// a_ij + a_ji, so s is exactly symmetric. With AVX-512, pairs of 8×8 blocks are summed through register
    /// transposes (each element read and written once); otherwise square tiles keep the transposed reads in cache.
    /// </summary>
    /// <exception cref="ArgumentException">A length is below n², or the two spans overlap.</exception>
    public static void Write(ReadOnlySpan<double> a, int n, Span<double> destination)
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

}
