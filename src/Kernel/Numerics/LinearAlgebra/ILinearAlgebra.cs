using System.Buffers;

namespace Differentials.Numerics;

/// <summary>
/// The dense linear algebra the operators need, on column-major storage (MathNet's layout).
/// This is the seam behind which a faster backend can replace the reference one without the
/// operators changing.
/// </summary>
internal interface ILinearAlgebra
{
    /// <summary>A short name for reports, e.g. "managed-mathnet".</summary>
    string Name { get; }

    /// <summary>
    /// Computes <c>c = op(a) · op(b)</c>, where <c>op(a)</c> is m×k and <c>op(b)</c> is k×n.
    /// Every matrix is column-major and tightly packed: <c>a</c> is m×k (or k×m when
    /// <paramref name="transposeA"/>), <c>b</c> is k×n (or n×k), <c>c</c> is m×n and is overwritten.
    /// <c>c</c> must not overlap <c>a</c> or <c>b</c>; buffers may be longer than needed. Passing the
    /// same buffer as <c>a</c> and <c>b</c> with only <c>a</c> transposed is a Gram matrix (see <see cref="Gram"/>).
    /// Throws <see cref="ArgumentException"/> naming the shapes when a buffer is too short.
    /// </summary>
    void Multiply(ReadOnlySpan<double> a, bool transposeA, ReadOnlySpan<double> b, bool transposeB,
                  Span<double> c, int m, int n, int k);

    /// <summary>
    /// Overwrites the n×n column-major matrix <paramref name="a"/> with its LU factors (partial
    /// pivoting, unit lower triangle implied). <c>pivots[i]</c> is the row swapped with row i at step i.
    /// Returns the index of the first pivot that is exactly zero, or -1 when there is none.
    /// </summary>
    int LuFactor(Span<double> a, int n, Span<int> pivots);

    /// <summary>
    /// Writes the inverse of the matrix whose LU factors <see cref="LuFactor"/> produced into
    /// <paramref name="inverse"/> (n×n, must not overlap <paramref name="lu"/>). For a singular factorisation
    /// the entries are not finite: check the return value of <see cref="LuFactor"/> first.
    /// </summary>
    void LuInvert(ReadOnlySpan<double> lu, ReadOnlySpan<int> pivots, int n, Span<double> inverse);

    /// <summary>
    /// Computes <c>c = −op(a) · op(b)</c>, with the shapes and rules of <see cref="Multiply"/>: the inverse's
    /// differential and adjoint both end with a negated product. This default multiplies, then flips signs
    /// in a second pass; a backend with a scaling factor folds the sign into the product. Negation is exact,
    /// so both give the same values.
    /// </summary>
    /// <param name="a">op(a) is m×k.</param>
    /// <param name="transposeA">Whether op(a) is aᵀ.</param>
    /// <param name="b">op(b) is k×n.</param>
    /// <param name="transposeB">Whether op(b) is bᵀ.</param>
    /// <param name="c">m×n destination, overwritten; must not overlap a or b.</param>
    /// <param name="m">Rows of op(a) and c.</param>
    /// <param name="n">Columns of op(b) and c.</param>
    /// <param name="k">Columns of op(a), rows of op(b).</param>
    /// <exception cref="ArgumentException">A span is too short for its shape.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is negative.</exception>
    void MultiplyNegated(ReadOnlySpan<double> a, bool transposeA, ReadOnlySpan<double> b, bool transposeB,
                         Span<double> c, int m, int n, int k)
    {
        Multiply(a, transposeA, b, transposeB, c, m, n, k);
        var product = c[..(m * n)];
        for (int i = 0; i < product.Length; i++) product[i] = -product[i];
    }

    /// <summary>
    /// c ← c + op(a)·op(b), with the shapes and rules of <see cref="Multiply"/> (c is read, not overwritten): a sum
    /// of products a·b + c·d without a second result array and a pass to add it. This default multiplies into
    /// pooled scratch and adds; a backend whose product accumulates does it in one pass.
    /// </summary>
    /// <param name="a">op(a) is m×k.</param>
    /// <param name="transposeA">Whether op(a) is aᵀ.</param>
    /// <param name="b">op(b) is k×n.</param>
    /// <param name="transposeB">Whether op(b) is bᵀ.</param>
    /// <param name="c">m×n, accumulated into; must not overlap a or b.</param>
    /// <param name="m">Rows of op(a) and c.</param>
    /// <param name="n">Columns of op(b) and c.</param>
    /// <param name="k">Columns of op(a), rows of op(b).</param>
    /// <exception cref="ArgumentException">A span is too short for its shape.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is negative.</exception>
    void MultiplyAdd(ReadOnlySpan<double> a, bool transposeA, ReadOnlySpan<double> b, bool transposeB,
                     Span<double> c, int m, int n, int k)
    {
        Checks.ProductBuffers(a.Length, b.Length, c.Length, m, n, k);
        int size = m * n;
        double[] product = ArrayPool<double>.Shared.Rent(Math.Max(size, 1));
        try
        {
            Multiply(a, transposeA, b, transposeB, product.AsSpan(0, size), m, n, k);
            var sum = c[..size];
            for (int i = 0; i < size; i++) sum[i] += product[i];
        }
        finally
        {
            ArrayPool<double>.Shared.Return(product);
        }
    }

    /// <summary>
    /// c = a·(b + bᵀ) for a m×n and b n×n, column-major: the Gram pullback's product. This default forms
    /// b + bᵀ in pooled scratch and multiplies; a backend that packs its operands can sum each pair while
    /// packing instead. Either way each entry of b + bᵀ is the one rounded sum b_ij + b_ji.
    /// </summary>
    /// <param name="a">m×n.</param>
    /// <param name="b">n×n.</param>
    /// <param name="c">m×n destination, overwritten; must not overlap a or b.</param>
    /// <param name="m">Rows of a and c.</param>
    /// <param name="n">Columns of a and c; the order of b.</param>
    /// <exception cref="ArgumentException">A span is too short for its shape.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is negative.</exception>
    void MultiplyBySymmetricSum(ReadOnlySpan<double> a, ReadOnlySpan<double> b, Span<double> c, int m, int n)
    {
        Checks.ProductBuffers(a.Length, b.Length, c.Length, m, n, n);
        int size = n * n;
        double[] sum = ArrayPool<double>.Shared.Rent(size);
        try
        {
            SymmetricSum.Write(b[..size], n, sum.AsSpan(0, size));
            Multiply(a, false, sum.AsSpan(0, size), false, c, m, n, n);
        }
        finally
        {
            ArrayPool<double>.Shared.Return(sum);
        }
    }

    /// <summary>
    /// Writes the Gram matrix <c>c = aᵀ·a</c> (cols×cols, symmetric) of the column-major rows×cols
    /// matrix <paramref name="a"/>. Same result as <c>Multiply(a, true, a, false, c, cols, cols, rows)</c>,
    /// which backends may compute in about half the work by symmetry. The result is exactly symmetric.
    /// </summary>
    void Gram(ReadOnlySpan<double> a, int rows, int cols, Span<double> c)
    {
        Checks.GramBuffers(a.Length, c.Length, rows, cols);
        Multiply(a, true, a, false, c, cols, cols, rows);
        // A full product need not round (i, j) and (j, i) alike: copy the upper triangle down.
        for (int j = 0; j < cols; j++)
        {
            for (int i = j + 1; i < cols; i++) c[i + j * cols] = c[j + i * cols];
        }
    }

    /// <summary>
    /// The lower triangle (diagonal included) of the cols×cols block <paramref name="c"/> (column-major, leading
    /// dimension <paramref name="ldc"/>) less aᵀa, in place, for a rows×cols: the trailing update of a blocked
    /// Cholesky factorisation. Entries above the diagonal may change too (a backend that works by register tiles
    /// updates whole tiles that straddle it); callers must not rely on them. This default forms the Gram matrix
    /// in pooled scratch and subtracts its lower triangle: one more pass over the block than an in-place update.
    /// </summary>
    /// <param name="a">rows×cols.</param>
    /// <param name="rows">Rows of a: the rank of the update.</param>
    /// <param name="cols">Columns of a; the order of the block.</param>
    /// <param name="c">The block, updated in place.</param>
    /// <param name="ldc">The block's leading dimension (≥ cols).</param>
    /// <exception cref="ArgumentException">A span is too short for its shape.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is negative, or ldc is below cols.</exception>
    void SubtractGramLower(ReadOnlySpan<double> a, int rows, int cols, Span<double> c, int ldc)
    {
        Checks.GramUpdateBuffers(a.Length, c.Length, rows, cols, ldc);
        int size = cols * cols;
        double[] gram = ArrayPool<double>.Shared.Rent(Math.Max(size, 1));
        try
        {
            Gram(a, rows, cols, gram.AsSpan(0, size));
            for (int j = 0; j < cols; j++)
            {
                var column = c.Slice(j + j * ldc, cols - j);
                var update = gram.AsSpan(j + j * cols, cols - j);
                for (int i = 0; i < column.Length; i++) column[i] -= update[i];
            }
        }
        finally
        {
            ArrayPool<double>.Shared.Return(gram);
        }
    }

    /// <summary>
    /// c = aᵀ·b + bᵀ·a (n×n, exactly symmetric) for a and b both m×n column-major: the Gram matrix's
    /// differential XᵀdX + dXᵀX, a product and its transpose summed. This default multiplies into pooled
    /// scratch and sums each pair (i, j), (j, i) once, so c_ij and c_ji are the same rounded value.
    /// </summary>
    /// <param name="a">m×n.</param>
    /// <param name="b">m×n.</param>
    /// <param name="c">n×n destination, overwritten; must not overlap a or b.</param>
    /// <param name="m">Rows of a and b.</param>
    /// <param name="n">Columns of a and b; the order of c.</param>
    /// <exception cref="ArgumentException">A span is too short for its shape.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is negative.</exception>
    void MultiplyTransposedSymmetrized(ReadOnlySpan<double> a, ReadOnlySpan<double> b, Span<double> c, int m, int n)
    {
        Checks.ProductBuffers(a.Length, b.Length, c.Length, n, n, m);
        int size = n * n;
        double[] product = ArrayPool<double>.Shared.Rent(size);
        try
        {
            Multiply(a, true, b, false, product.AsSpan(0, size), n, n, m);
            SymmetricSum.Write(product.AsSpan(0, size), n, c[..size]);
        }
        finally
        {
            ArrayPool<double>.Shared.Return(product);
        }
    }

    /// <summary>
    /// Overwrites the column-major n×<paramref name="columns"/> matrix <paramref name="b"/> with A⁻ᵀ·b (the
    /// solution of Aᵀx = b, which adjoints need), from the factors and pivots of <see cref="LuFactor"/>:
    /// PA = LU gives Aᵀ = UᵀLᵀP, so solve with Uᵀ (forward), then Lᵀ (backward), then undo the swaps in
    /// reverse order. This default substitutes one column at a time (<see cref="LuSubstitution"/>), down
    /// contiguous columns of the factors.
    /// </summary>
    /// <param name="lu">The factors, n×n.</param>
    /// <param name="pivots">The pivots, n entries.</param>
    /// <param name="n">The order.</param>
    /// <param name="b">n×columns; b on entry, A⁻ᵀb on return.</param>
    /// <param name="columns">The number of right-hand sides.</param>
    /// <exception cref="ArgumentException">A span is too short for its shape.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is negative.</exception>
    void LuSolveTransposed(ReadOnlySpan<double> lu, ReadOnlySpan<int> pivots, int n, Span<double> b, int columns)
    {
        Checks.LuSolveBuffers(lu.Length, pivots.Length, n, b.Length, columns);
        LuSubstitution.SolveTransposed(lu, pivots, n, b, columns);
    }

    /// <summary>
    /// Overwrites the column-major n×<paramref name="columns"/> matrix <paramref name="b"/> with L⁻¹·b, or with
    /// L⁻ᵀ·b when <paramref name="transposeL"/>, for a lower triangular n×n <paramref name="l"/> with its own
    /// (non-unit) diagonal; the strict upper triangle of l is never read. The Cholesky rule's solves. This default
    /// works by blocks of rows through this backend's <see cref="Multiply"/> (<see cref="TriangularBlocked"/>).
    /// </summary>
    /// <param name="l">L, n×n column-major.</param>
    /// <param name="n">The order.</param>
    /// <param name="transposeL">Whether to solve with Lᵀ.</param>
    /// <param name="b">n×columns; b on entry, the solution on return.</param>
    /// <param name="columns">The number of right-hand sides.</param>
    /// <exception cref="ArgumentException">A span is too short for its shape.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is negative.</exception>
    void SolveLower(ReadOnlySpan<double> l, int n, bool transposeL, Span<double> b, int columns)
    {
        Checks.SquareBuffer(l.Length, n, nameof(l));
        Checks.RightHandSideBuffer(b.Length, n, columns);
        if (transposeL) TriangularBlocked.SolveLowerTransposed(this, l, n, b, columns);
        else TriangularBlocked.SolveLower(this, l, n, b, columns);
    }

    /// <summary>
    /// Overwrites the column-major n×<paramref name="columns"/> matrix <paramref name="b"/> with A⁻¹·b,
    /// from the LU factors and pivots <see cref="LuFactor"/> produced (forward then back substitution).
    /// </summary>
    void LuSolve(ReadOnlySpan<double> lu, ReadOnlySpan<int> pivots, int n, Span<double> b, int columns)
    {
        Checks.LuSolveBuffers(lu.Length, pivots.Length, n, b.Length, columns);
        LuSubstitution.Solve(lu, pivots, n, b, columns);
    }
}
