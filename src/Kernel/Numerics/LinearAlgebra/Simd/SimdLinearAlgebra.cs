namespace Differentials.Numerics;

/// <summary>
/// Fast managed linear algebra: a packed, register-blocked matrix product on <c>Vector512</c>
/// (or <c>Vector256</c>, or scalar loops when the wider vectors are not accelerated), split over a
/// few threads, and a recursive blocked LU with partial pivoting whose work is done by that product.
/// Results agree with <see cref="MathNetLinearAlgebra"/> to rounding.
/// </summary>
internal sealed unsafe class SimdLinearAlgebra : ILinearAlgebra
{
    /// <summary>Uses the widest accelerated vectors and up to two threads (the machine's core count, capped).</summary>
    public SimdLinearAlgebra() : this(SimdLevels.Best, DefaultThreads) { }

    /// <summary>Uses the given vector level and thread count (tests pin the fallbacks with this).</summary>
    public SimdLinearAlgebra(SimdLevel level, int threads)
    {
        if (!SimdLevels.IsSupported(level))
            throw new ArgumentException($"SIMD level {level} is not accelerated on this machine (best: {SimdLevels.Best}).", nameof(level));
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        Level = level;
        Threads = threads;
    }

    /// <summary>The default thread count: the processor count, at most 2 (the product saturates there).</summary>
    public static int DefaultThreads => Math.Clamp(Environment.ProcessorCount, 1, 2);

    /// <summary>The vector level in use.</summary>
    public SimdLevel Level { get; }

    /// <summary>How many threads the kernels split work over.</summary>
    public int Threads { get; }

    public string Name => $"simd-{SimdLevels.Label(Level)} ({Threads} thread{(Threads == 1 ? "" : "s")})";

    public void Multiply(ReadOnlySpan<double> a, bool transposeA, ReadOnlySpan<double> b, bool transposeB,
                         Span<double> c, int m, int n, int k)
    {
        Checks.ProductBuffers(a.Length, b.Length, c.Length, m, n, k);
        Gemm(1.0, a, transposeA, b, transposeB, c, m, n, k);
    }

    public void MultiplyNegated(ReadOnlySpan<double> a, bool transposeA, ReadOnlySpan<double> b, bool transposeB,
                                Span<double> c, int m, int n, int k)
    {
        Checks.ProductBuffers(a.Length, b.Length, c.Length, m, n, k);
        // alpha = −1 scales A as it is packed: exact, and no second pass over C.
        Gemm(-1.0, a, transposeA, b, transposeB, c, m, n, k);
    }

    public void MultiplyAdd(ReadOnlySpan<double> a, bool transposeA, ReadOnlySpan<double> b, bool transposeB,
                            Span<double> c, int m, int n, int k)
    {
        Checks.ProductBuffers(a.Length, b.Length, c.Length, m, n, k);
        Gemm(1.0, a, transposeA, b, transposeB, c, m, n, k, beta: 1.0);
    }

    private void Gemm(double alpha, ReadOnlySpan<double> a, bool transposeA, ReadOnlySpan<double> b, bool transposeB,
                      Span<double> c, int m, int n, int k, double beta = 0.0)
    {
        fixed (double* pa = a, pb = b, pc = c)
        {
            PackedGemm.Run(Level, Threads, transposeA, transposeB, m, n, k, alpha,
                           pa, transposeA ? Math.Max(k, 1) : Math.Max(m, 1),
                           pb, transposeB ? Math.Max(n, 1) : Math.Max(k, 1),
                           beta, pc, Math.Max(m, 1));
        }
    }

    public void MultiplyBySymmetricSum(ReadOnlySpan<double> a, ReadOnlySpan<double> b, Span<double> c, int m, int n)
    {
        Checks.ProductBuffers(a.Length, b.Length, c.Length, m, n, n);
        fixed (double* pa = a, pb = b, pc = c)
        {
            PackedGemm.Run(Level, Threads, false, false, m, n, n, 1.0, pa, Math.Max(m, 1), pb, Math.Max(n, 1),
                           0.0, pc, Math.Max(m, 1), addBTransposed: true);
        }
    }

    public void Gram(ReadOnlySpan<double> a, int rows, int cols, Span<double> c)
    {
        Checks.GramBuffers(a.Length, c.Length, rows, cols);
        fixed (double* pa = a, pc = c)
        {
            SymmetricProduct.Gram(Level, Threads, pa, rows, cols, pc);
        }
    }

    /// <summary>
    /// Below this many right-hand sides a solve substitutes column by column (<see cref="LuSubstitution"/>): the
    /// blocked solves pack the factors for products one or two columns wide, and the transposed one transposes
    /// them, O(n²) each before any work (a condition estimate's single-vector solves at order 256 cost 0.31 ms).
    /// </summary>
    private const int FewColumns = 4;

    public void LuSolve(ReadOnlySpan<double> lu, ReadOnlySpan<int> pivots, int n, Span<double> b, int columns)
    {
        Checks.LuSolveBuffers(lu.Length, pivots.Length, n, b.Length, columns);
        if (n == 0 || columns == 0) return;
        if (columns < FewColumns)
        {
            LuSubstitution.Solve(lu, pivots, n, b, columns);
            return;
        }
        fixed (double* pl = lu, pb = b)
        fixed (int* pp = pivots)
        {
            BlockedLu.SwapRows(pb, n, columns, pp, 0, n, Threads);
            TriangularSolve.LowerUnit(Level, Threads, pl, n, n, pb, n, columns);
            TriangularSolve.Upper(Level, Threads, pl, n, n, pb, n, columns);
        }
    }

    // PA = LU gives Aᵀ = UᵀLᵀP. With T = (the packed factors)ᵀ, T's lower triangle is Uᵀ (with U's diagonal) and
    // its strict upper triangle is Lᵀ (unit diagonal), so the same blocked solves as LuSolve run on T; the O(n²)
    // transpose is small beside the n²·columns of the solves, whose work lands in the packed product.
    public void LuSolveTransposed(ReadOnlySpan<double> lu, ReadOnlySpan<int> pivots, int n, Span<double> b, int columns)
    {
        Checks.LuSolveBuffers(lu.Length, pivots.Length, n, b.Length, columns);
        if (n == 0 || columns == 0) return;
        if (columns < FewColumns)
        {
            LuSubstitution.SolveTransposed(lu, pivots, n, b, columns);
            return;
        }
        var transposed = System.Buffers.ArrayPool<double>.Shared.Rent(n * n);
        try
        {
            VectorOps.Transpose(lu, transposed, n);
            fixed (double* pt = transposed, pb = b)
            fixed (int* pp = pivots)
            {
                TriangularSolve.Lower(Level, Threads, pt, n, n, pb, n, columns, unitDiagonal: false);
                TriangularSolve.Upper(Level, Threads, pt, n, n, pb, n, columns, unitDiagonal: true);
                BlockedLu.SwapRowsBack(pb, n, columns, pp, 0, n, Threads);
            }
        }
        finally
        {
            System.Buffers.ArrayPool<double>.Shared.Return(transposed);
        }
    }

    public void SubtractGramLower(ReadOnlySpan<double> a, int rows, int cols, Span<double> c, int ldc)
    {
        Checks.GramUpdateBuffers(a.Length, c.Length, rows, cols, ldc);
        fixed (double* pa = a, pc = c)
        {
            PackedGemm.RunLowerGramUpdate(Level, Threads, pa, Math.Max(rows, 1), rows, cols, pc, ldc);
        }
    }

    // Lᵀ is upper triangular: transposed into scratch, it is solved down contiguous columns like U in LuSolve.
    public void SolveLower(ReadOnlySpan<double> l, int n, bool transposeL, Span<double> b, int columns)
    {
        Checks.SquareBuffer(l.Length, n, nameof(l));
        Checks.RightHandSideBuffer(b.Length, n, columns);
        if (n == 0 || columns == 0) return;
        if (!transposeL)
        {
            fixed (double* pl = l, pb = b)
            {
                TriangularSolve.Lower(Level, Threads, pl, n, n, pb, n, columns, unitDiagonal: false);
            }
            return;
        }
        var transposed = System.Buffers.ArrayPool<double>.Shared.Rent(n * n);
        try
        {
            VectorOps.Transpose(l[..(n * n)], transposed, n);
            fixed (double* pt = transposed, pb = b)
            {
                TriangularSolve.Upper(Level, Threads, pt, n, n, pb, n, columns, unitDiagonal: false);
            }
        }
        finally
        {
            System.Buffers.ArrayPool<double>.Shared.Return(transposed);
        }
    }

    public int LuFactor(Span<double> a, int n, Span<int> pivots)
    {
        Checks.SquareBuffer(a.Length, n, nameof(a));
        Checks.PivotBuffer(pivots.Length, n);
        if (n == 0) return -1;
        fixed (double* pa = a)
        fixed (int* pp = pivots)
        {
            return BlockedLu.Factor(Level, Threads, pa, n, n, n, pp);
        }
    }

    public void LuInvert(ReadOnlySpan<double> lu, ReadOnlySpan<int> pivots, int n, Span<double> inverse)
    {
        Checks.SquareBuffer(lu.Length, n, nameof(lu));
        Checks.PivotBuffer(pivots.Length, n);
        Checks.SquareBuffer(inverse.Length, n, nameof(inverse));
        if (n == 0) return;
        fixed (double* pl = lu, pi = inverse)
        fixed (int* pp = pivots)
        {
            BlockedLu.Invert(Level, Threads, pl, pp, n, pi);
        }
    }
}
