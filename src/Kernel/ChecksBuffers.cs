using System.Globalization;
using System.Runtime.CompilerServices;

namespace Differentials;

// The buffers handed to the numerical backends (products, factorisations, transforms): the same module and
// policy as the rest of Checks, for column-major spans whose shape travels beside them as integers. A
// dimension may be 0 here (a backend is asked for an empty product), but never negative.
internal static partial class Checks
{
    /// <summary>Checks buffer lengths for c (m×n) = op(a) (m×k) · op(b) (k×n).</summary>
    /// <param name="aLength">Length of a.</param>
    /// <param name="bLength">Length of b.</param>
    /// <param name="cLength">Length of c.</param>
    /// <param name="m">Rows of the product.</param>
    /// <param name="n">Columns of the product.</param>
    /// <param name="k">The inner dimension.</param>
    public static void ProductBuffers(int aLength, int bLength, int cLength, int m, int n, int k)
    {
        if ((m | n | k) < 0) ThrowNegativeDimensions("m", $"m={m}, n={n}, k={k}");
        if (aLength < (long)m * k) ThrowShortBuffer("a", aLength, $"op(a) ({Shape(m, k)})", (long)m * k);
        if (bLength < (long)k * n) ThrowShortBuffer("b", bLength, $"op(b) ({Shape(k, n)})", (long)k * n);
        if (cLength < (long)m * n) ThrowShortBuffer("c", cLength, $"the product ({Shape(m, n)})", (long)m * n);
    }

    /// <summary>Checks that a buffer holds an n×n matrix.</summary>
    /// <param name="length">The buffer's length.</param>
    /// <param name="n">The order.</param>
    /// <param name="name">The buffer's parameter name.</param>
    public static void SquareBuffer(int length, int n, string name)
    {
        if (n < 0) ThrowNegativeDimensions("n", $"n={n}");
        if (length < (long)n * n) ThrowShortBuffer(name, length, $"a {Shape(n, n)} matrix", (long)n * n);
    }

    /// <summary>Checks that a pivot buffer holds n entries.</summary>
    /// <param name="length">The pivot buffer's length.</param>
    /// <param name="n">The order of the factorisation.</param>
    public static void PivotBuffer(int length, int n)
    {
        if (length < n) ThrowShortBuffer("pivots", length, $"a {Shape(n, n)} factorisation", n, "entries");
    }

    /// <summary>Checks that a right-hand side buffer holds an n×columns matrix.</summary>
    /// <param name="length">The buffer's length.</param>
    /// <param name="n">Rows of the system.</param>
    /// <param name="columns">Right-hand sides.</param>
    public static void RightHandSideBuffer(int length, int n, int columns)
    {
        if (columns < 0) ThrowNegativeDimensions("columns", $"columns={columns}");
        if (length < (long)n * columns) ThrowShortBuffer("b", length, $"a {Shape(n, columns)} right-hand side", (long)n * columns);
    }

    /// <summary>Checks the buffers of a solve from LU factors: n×n factors, n pivots, an n×columns right-hand side.</summary>
    /// <param name="luLength">Length of the factors.</param>
    /// <param name="pivotsLength">Length of the pivots.</param>
    /// <param name="n">The order.</param>
    /// <param name="rightHandSideLength">Length of the right-hand side.</param>
    /// <param name="columns">Right-hand sides.</param>
    public static void LuSolveBuffers(int luLength, int pivotsLength, int n, int rightHandSideLength, int columns)
    {
        SquareBuffer(luLength, n, "lu");
        PivotBuffer(pivotsLength, n);
        RightHandSideBuffer(rightHandSideLength, n, columns);
    }

    /// <summary>Checks buffer lengths for the Gram matrix c (cols×cols) of a (rows×cols).</summary>
    /// <param name="aLength">Length of a.</param>
    /// <param name="cLength">Length of c.</param>
    /// <param name="rows">Rows of a.</param>
    /// <param name="cols">Columns of a.</param>
    public static void GramBuffers(int aLength, int cLength, int rows, int cols)
    {
        if ((rows | cols) < 0) ThrowNegativeDimensions("rows", $"{Shape(rows, cols)}");
        if (aLength < (long)rows * cols) ThrowShortBuffer("a", aLength, $"a {Shape(rows, cols)} matrix", (long)rows * cols);
        if (cLength < (long)cols * cols) ThrowShortBuffer("c", cLength, $"the Gram matrix ({Shape(cols, cols)})", (long)cols * cols);
    }

    /// <summary>Checks the buffers of a lower-triangle Gram update: a is rows×cols, c a cols×cols block of leading dimension ldc ≥ cols.</summary>
    /// <param name="aLength">Length of a.</param>
    /// <param name="cLength">Length of c.</param>
    /// <param name="rows">Rows of a.</param>
    /// <param name="cols">Columns of a, the order of the block.</param>
    /// <param name="ldc">The block's leading dimension.</param>
    public static void GramUpdateBuffers(int aLength, int cLength, int rows, int cols, int ldc)
    {
        if ((rows | cols) < 0) ThrowNegativeDimensions("rows", $"{Shape(rows, cols)}");
        if (ldc < Math.Max(cols, 1)) throw new ArgumentOutOfRangeException(nameof(ldc), ldc, $"The leading dimension must be at least the block's order {cols}.");
        if (aLength < (long)rows * cols) ThrowShortBuffer("a", aLength, $"a {Shape(rows, cols)} matrix", (long)rows * cols);
        long needed = cols == 0 ? 0 : (long)(cols - 1) * ldc + cols;
        if (cLength < needed) ThrowShortBuffer("c", cLength, $"a {Shape(cols, cols)} block with leading dimension {ldc}", needed);
    }

    /// <summary>A real transform of n ≥ 1 samples, either way, has n/2 + 1 coefficients: the spectrum buffer needs room for them.</summary>
    /// <param name="n">The signal's length.</param>
    /// <param name="spectrumLength">The spectrum buffer's length.</param>
    public static void RealTransformBuffers(int n, int spectrumLength)
    {
        if (n < 1) ThrowBelowOne(n, "x");
        if (spectrumLength < n / 2 + 1) ThrowShortBuffer("spectrum", spectrumLength, $"a real signal of length {n}", n / 2 + 1, "coefficients");
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowNegativeDimensions(string name, string dimensions) =>
        throw new ArgumentOutOfRangeException(name, $"Dimensions must be non-negative, got {dimensions}.");

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowShortBuffer(string name, int length, string needed, long required, string unit = "values") =>
        throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
            $"{name} holds {length} {unit}; {needed} needs {required}."), name);
}
