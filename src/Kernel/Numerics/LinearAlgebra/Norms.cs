using System.Runtime.InteropServices;

namespace Differentials.Numerics;

/// <summary>Norms and finiteness of column-major storage, shared by the factorisations and the operators.</summary>
internal static class Norms
{
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

    /// <summary>The induced 1-norm: the largest absolute column sum of a rows×columns column-major matrix.</summary>
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

    /// <summary>
    /// The 1-norm and the largest magnitude of a rows×columns column-major matrix in one vectorised pass
    /// (NaN in, NaN or ∞ out: callers test the results for finiteness).
    /// </summary>
    public static (double OneNorm, double MaxAbs) OneNormAndMaxAbs(ReadOnlySpan<double> values, int rows, int columns)
    {
        int width = System.Numerics.Vector<double>.Count;
        var largest = System.Numerics.Vector<double>.Zero;
        double best = 0, largestTail = 0;
        for (int j = 0; j < columns; j++)
        {
            var column = values.Slice(j * rows, rows);
            var lanes = MemoryMarshal.Cast<double, System.Numerics.Vector<double>>(column);
            var sums = System.Numerics.Vector<double>.Zero;
            foreach (var lane in lanes)
            {
                var magnitude = System.Numerics.Vector.Abs(lane);
                sums += magnitude;
                largest = System.Numerics.Vector.Max(largest, magnitude);
            }
            double sum = System.Numerics.Vector.Sum(sums);
            for (int i = lanes.Length * width; i < rows; i++)
            {
                double magnitude = Math.Abs(column[i]);
                sum += magnitude;
                largestTail = Math.Max(largestTail, magnitude);
            }
            // Math.Max keeps NaN, so a NaN column sum survives to the caller's finiteness test.
            best = Math.Max(best, sum);
        }
        double max = largestTail;
        for (int i = 0; i < width; i++) max = Math.Max(max, largest[i]);
        return (best, max);
    }

    /// <summary>
    /// ‖X − Xᵀ‖_F² and ‖X‖_F² of the n×n column-major X in one pass, by 64×64 tile pairs: each entry below the
    /// diagonal is read with its mirror, and the mirror's tile (strided reads) stays in cache, where a plain
    /// row-by-column loop misses on every strided read at large n.
    /// </summary>
    public static (double AsymmetrySquared, double NormSquared) Asymmetry(ReadOnlySpan<double> values, int n)
    {
        const int tile = 64;
        double asymmetry = 0, norm = 0;
        for (int j = 0; j < n; j++) norm += values[j + j * n] * values[j + j * n];
        for (int jb = 0; jb < n; jb += tile)
        {
            int jEnd = Math.Min(jb + tile, n);
            for (int ib = jb; ib < n; ib += tile)
            {
                int iEnd = Math.Min(ib + tile, n);
                for (int j = jb; j < jEnd; j++)
                {
                    for (int i = Math.Max(ib, j + 1); i < iEnd; i++)
                    {
                        double a = values[i + j * n], b = values[j + i * n], d = a - b;
                        asymmetry += 2 * d * d;
                        norm += a * a + b * b;
                    }
                }
            }
        }
        return (asymmetry, norm);
    }

    /// <summary>The largest magnitude in <paramref name="values"/> (0 when empty; NaN when one is NaN).</summary>
    public static double MaxAbs(ReadOnlySpan<double> values)
    {
        var lanes = MemoryMarshal.Cast<double, System.Numerics.Vector<double>>(values);
        var largest = System.Numerics.Vector<double>.Zero;
        foreach (var lane in lanes) largest = System.Numerics.Vector.Max(largest, System.Numerics.Vector.Abs(lane));
        double max = 0;
        for (int i = 0; i < System.Numerics.Vector<double>.Count; i++) max = Math.Max(max, largest[i]);
        for (int i = lanes.Length * System.Numerics.Vector<double>.Count; i < values.Length; i++) max = Math.Max(max, Math.Abs(values[i]));
        return max;
    }
}
