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
}
