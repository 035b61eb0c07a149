namespace Differentials.Numerics;

/// <summary>Argument checks shared by the linear algebra backends, with messages that name the shapes.</summary>
internal static class ShapeChecks
{
    /// <summary>Checks buffer lengths for c (m×n) = op(a) (m×k) · op(b) (k×n).</summary>
    public static void Multiply(int aLength, int bLength, int cLength, int m, int n, int k)
    {
        if (m < 0 || n < 0 || k < 0)
            throw new ArgumentOutOfRangeException(nameof(m), $"Dimensions must be non-negative, got m={m}, n={n}, k={k}.");
        if (aLength < (long)m * k)
            throw new ArgumentException($"a holds {aLength} values; op(a) is {m}×{k} and needs {(long)m * k}.", "a");
        if (bLength < (long)k * n)
            throw new ArgumentException($"b holds {bLength} values; op(b) is {k}×{n} and needs {(long)k * n}.", "b");
        if (cLength < (long)m * n)
            throw new ArgumentException($"c holds {cLength} values; the product is {m}×{n} and needs {(long)m * n}.", "c");
    }

    /// <summary>Checks that a buffer holds an n×n matrix.</summary>
    public static void Square(int length, int n, string name)
    {
        if (n < 0) throw new ArgumentOutOfRangeException(nameof(n), n, "n must be non-negative.");
        if (length < (long)n * n)
            throw new ArgumentException($"{name} holds {length} values; an {n}×{n} matrix needs {(long)n * n}.", name);
    }

    /// <summary>Checks that a pivot buffer holds n entries.</summary>
    public static void Pivots(int length, int n)
    {
        if (length < n)
            throw new ArgumentException($"pivots holds {length} entries; an {n}×{n} factorisation needs {n}.", "pivots");
    }

    /// <summary>Checks the buffers of a solve from LU factors: n×n factors, n pivots, an n×columns right-hand side.</summary>
    public static void LuSolve(int luLength, int pivotsLength, int n, int rightHandSideLength, int columns)
    {
        Square(luLength, n, "lu");
        Pivots(pivotsLength, n);
        RightHandSide(rightHandSideLength, n, columns);
    }

    /// <summary>Checks that a right-hand side buffer holds an n×columns matrix.</summary>
    public static void RightHandSide(int length, int n, int columns)
    {
        if (columns < 0) throw new ArgumentOutOfRangeException(nameof(columns), columns, "columns must be non-negative.");
        if (length < (long)n * columns)
            throw new ArgumentException($"b holds {length} values; an {n}×{columns} right-hand side needs {(long)n * columns}.", "b");
    }

    /// <summary>Checks buffer lengths for the Gram matrix c (cols×cols) of a (rows×cols).</summary>
    public static void Gram(int aLength, int cLength, int rows, int cols)
    {
        if (rows < 0 || cols < 0)
            throw new ArgumentOutOfRangeException(nameof(rows), $"Dimensions must be non-negative, got {rows}×{cols}.");
        if (aLength < (long)rows * cols)
            throw new ArgumentException($"a holds {aLength} values; a {rows}×{cols} matrix needs {(long)rows * cols}.", "a");
        if (cLength < (long)cols * cols)
            throw new ArgumentException($"c holds {cLength} values; the Gram matrix is {cols}×{cols} and needs {(long)cols * cols}.", "c");
    }
}
