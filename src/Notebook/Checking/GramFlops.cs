namespace Differentials.Notebook;

/// <summary>
/// Floating-point operation counts of the Gram matrix Y = XᵀX (X of m rows, n columns) and of its backward pass
/// X̄ = X(Ȳ + Ȳᵀ), at two flops (a multiply and an add) per term of an inner product, as notebook 10 uses them.
/// The tests count both passes loop by loop against these formulas.
/// </summary>
public static class GramFlops
{
    /// <summary>Forward: one triangle of XᵀX, n(n+1)/2 inner products of length m: mn(n+1) flops.</summary>
    /// <param name="rows">m, at least 1.</param>
    /// <param name="cols">n, at least 1.</param>
    /// <returns>The count.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A size is below 1.</exception>
    public static long Forward(int rows, int cols)
    {
        Check(rows, cols);
        return checked((long)rows * cols * (cols + 1));
    }

    /// <summary>Backward: X·S with S = Ȳ + Ȳᵀ (n×n), mn inner products of length n: 2mn² flops.</summary>
    /// <param name="rows">m, at least 1.</param>
    /// <param name="cols">n, at least 1.</param>
    /// <returns>The count.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A size is below 1.</exception>
    public static long Backward(int rows, int cols)
    {
        Check(rows, cols);
        return checked(2L * rows * cols * cols);
    }

    /// <summary>Backward ÷ forward, 2n/(n+1): independent of m, and below 2.</summary>
    /// <param name="rows">m, at least 1.</param>
    /// <param name="cols">n, at least 1.</param>
    /// <returns>The ratio.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A size is below 1.</exception>
    public static double Ratio(int rows, int cols) => (double)Backward(rows, cols) / Forward(rows, cols);

    private static void Check(int rows, int cols)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rows, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(cols, 1);
    }
}
