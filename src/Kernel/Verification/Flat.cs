using System.Runtime.CompilerServices;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Double;

namespace Differentials.Verification;

/// <summary>
/// Flattening of the values rules take and return (a matrix column-major, a vector, a scalar, or a tuple of
/// them, parts one after another) to plain arrays and back, so that one generic check can run the vector tools
/// on any rule. ⟨a, b⟩ of two flattened values is the rule's inner product: Frobenius for matrices.
/// </summary>
internal static class Flat
{
    /// <summary>The entries of <paramref name="value"/>, flattened.</summary>
    public static double[] Of(object? value) => value switch
    {
        Matrix<double> m => m.ToColumnMajorArray(),
        Vector<double> v => v.ToArray(),
        double d => [d],
        ITuple t => Parts(t).SelectMany(Of).ToArray(),
        null => throw new ArgumentException("A rule returned null."),
        _ => throw new ArgumentException($"Values of type {value.GetType().Name} cannot be flattened."),
    };

    /// <summary>A value shaped like <paramref name="template"/> holding <paramref name="data"/>.</summary>
    public static T Like<T>(T template, ReadOnlySpan<double> data)
    {
        int offset = 0;
        object result = Build(template!, data, ref offset);
        if (offset != data.Length)
            throw new ArgumentException($"{data.Length} values cannot fill a value of {offset} entries.", nameof(data));
        return (T)result;
    }

    /// <summary>The parts of a tuple, or the value itself.</summary>
    public static object[] Parts(object value) =>
        value is ITuple t ? Enumerable.Range(0, t.Length).Select(i => t[i]!).ToArray() : [value];

    /// <summary>The value with part <paramref name="index"/> replaced (the value itself when it is not a tuple).</summary>
    public static T WithPart<T>(T value, int index, object part)
    {
        object[] parts = Parts(value!);
        if (parts.Length == 1) return (T)part;
        parts[index] = part;
        return (T)Activator.CreateInstance(value!.GetType(), parts)!;
    }

    /// <summary>The part with one more row (a matrix) or one more entry (a vector); null for a scalar.</summary>
    public static object? Misshapen(object part, Random random) => part switch
    {
        Matrix<double> m => RandomMatrices.Gaussian(m.RowCount + 1, m.ColumnCount, random),
        Vector<double> v => RandomMatrices.GaussianVector(v.Count + 1, random),
        _ => null,
    };

    /// <summary>The part with no entries (0 rows, length 0); null for a scalar.</summary>
    public static object? Empty(object part) => part switch
    {
        Matrix<double> m => new DenseMatrix(0, m.ColumnCount),
        Vector<double> => new DenseVector(0),
        _ => null,
    };

    /// <summary>The storage arrays of a value's dense parts, to detect results that alias inputs.</summary>
    public static IEnumerable<double[]> Storage(object? value) => value switch
    {
        DenseMatrix m => [m.Values],
        DenseVector v => [v.Values],
        ITuple t => Parts(t).SelectMany(Storage),
        _ => [],
    };

    /// <summary>Overwrites every entry of a value's dense parts with <paramref name="fill"/> (to prove a result is not shared).</summary>
    public static void Scribble(object? value, double fill)
    {
        foreach (double[] storage in Storage(value)) storage.AsSpan().Fill(fill);
    }

    private static object Build(object template, ReadOnlySpan<double> data, ref int offset)
    {
        switch (template)
        {
            case Matrix<double> m:
            {
                int count = m.RowCount * m.ColumnCount;
                var result = DenseMatrix.OfColumnMajor(m.RowCount, m.ColumnCount, data.Slice(offset, count).ToArray());
                offset += count;
                return result;
            }
            case Vector<double> v:
            {
                var result = DenseVector.OfArray(data.Slice(offset, v.Count).ToArray());
                offset += v.Count;
                return result;
            }
            case double:
                return data[offset++];
            case ITuple t:
            {
                var parts = new object[t.Length];
                for (int i = 0; i < t.Length; i++) parts[i] = Build(t[i]!, data, ref offset);
                return Activator.CreateInstance(template.GetType(), parts)!;
            }
            default:
                throw new ArgumentException($"Values of type {template.GetType().Name} cannot be rebuilt.");
        }
    }
}
