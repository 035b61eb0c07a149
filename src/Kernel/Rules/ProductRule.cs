using MathNet.Numerics.LinearAlgebra;

namespace Differentials;

/// <summary>
/// The four products the product rule is stated for, element-wise (Hadamard), matrix, inner ⟨A, B⟩ = tr(AᵀB)
/// and Kronecker, each with its differential by the product rule d(a ⊙ b) = da ⊙ b + a ⊙ db, which holds for
/// any product that distributes over addition (any other through <see cref="ForBilinear{TA, TB, TOut}"/>).
/// <c>X(a, b)</c> is the product; <c>X(a, b, da, db)</c> is its differential at (a, b).
/// </summary>
public static class ProductRule
{
    /// <summary>
    /// The product rule for any bilinear product: returns (a, b, da, db) ↦ product(da, b) + product(a, db).
    /// </summary>
    /// <typeparam name="TA">Type of the first factor.</typeparam>
    /// <typeparam name="TB">Type of the second factor.</typeparam>
    /// <typeparam name="TOut">Type of the product.</typeparam>
    /// <param name="product">The product; must distribute over addition in each argument.</param>
    /// <param name="add">Addition of two products.</param>
    /// <returns>The differential of the product as a function of the point and the perturbations.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static Func<TA, TB, TA, TB, TOut> ForBilinear<TA, TB, TOut>(Func<TA, TB, TOut> product, Func<TOut, TOut, TOut> add)
    {
        ArgumentNullException.ThrowIfNull(product);
        ArgumentNullException.ThrowIfNull(add);
        return (a, b, da, db) => add(product(da, b), product(a, db));
    }

    /// <summary>d(a ⊙ b) = da ⊙ b + a ⊙ db for the element-wise product of vectors.</summary>
    /// <param name="a">First factor.</param>
    /// <param name="b">Second factor, the length of <paramref name="a"/>.</param>
    /// <param name="da">Perturbation of <paramref name="a"/>, the same length.</param>
    /// <param name="db">Perturbation of <paramref name="b"/>, the same length.</param>
    /// <returns>da ⊙ b + a ⊙ db.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">An argument is empty or not finite, or the lengths differ.</exception>
    public static Vector<double> Elementwise(Vector<double> a, Vector<double> b, Vector<double> da, Vector<double> db) =>
        ElementwiseVectorProductRule.Instance.Differential((a, b), (da, db));

    /// <summary>d(A ⊙ B) = dA ⊙ B + A ⊙ dB for the element-wise product of matrices.</summary>
    /// <param name="a">First factor.</param>
    /// <param name="b">Second factor, the shape of <paramref name="a"/>.</param>
    /// <param name="da">Perturbation of <paramref name="a"/>, the same shape.</param>
    /// <param name="db">Perturbation of <paramref name="b"/>, the same shape.</param>
    /// <returns>dA ⊙ B + A ⊙ dB.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">An argument is empty or not finite, or the shapes differ.</exception>
    public static Matrix<double> Elementwise(Matrix<double> a, Matrix<double> b, Matrix<double> da, Matrix<double> db) =>
        ElementwiseMatrixProductRule.Instance.Differential((a, b), (da, db));

    /// <summary>d(AB) = dA·B + A·dB for the matrix product.</summary>
    /// <param name="a">An m×k matrix.</param>
    /// <param name="b">A k×n matrix.</param>
    /// <param name="da">Perturbation of <paramref name="a"/>, m×k.</param>
    /// <param name="db">Perturbation of <paramref name="b"/>, k×n.</param>
    /// <returns>The m×n matrix dA·B + A·dB.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">An argument is empty or not finite, or a shape does not fit.</exception>
    public static Matrix<double> MatrixProduct(Matrix<double> a, Matrix<double> b, Matrix<double> da, Matrix<double> db) =>
        MatrixProductRule.Instance.Differential((a, b), (da, db));

    /// <summary>d⟨a, b⟩ = ⟨da, b⟩ + ⟨a, db⟩ for the inner product of vectors.</summary>
    /// <param name="a">First vector.</param>
    /// <param name="b">Second vector, the same length.</param>
    /// <param name="da">Perturbation of <paramref name="a"/>.</param>
    /// <param name="db">Perturbation of <paramref name="b"/>.</param>
    /// <returns>⟨da, b⟩ + ⟨a, db⟩.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">An argument is empty or not finite, or the lengths differ.</exception>
    public static double InnerProduct(Vector<double> a, Vector<double> b, Vector<double> da, Vector<double> db) =>
        VectorInnerProductRule.Instance.Differential((a, b), (da, db));

    /// <summary>d⟨A, B⟩ = ⟨dA, B⟩ + ⟨A, dB⟩ for the Frobenius inner product ⟨A, B⟩ = tr(AᵀB).</summary>
    /// <param name="a">First matrix.</param>
    /// <param name="b">Second matrix, the same shape.</param>
    /// <param name="da">Perturbation of <paramref name="a"/>.</param>
    /// <param name="db">Perturbation of <paramref name="b"/>.</param>
    /// <returns>⟨dA, B⟩ + ⟨A, dB⟩.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">An argument is empty or not finite, or the shapes differ.</exception>
    public static double InnerProduct(Matrix<double> a, Matrix<double> b, Matrix<double> da, Matrix<double> db) =>
        MatrixInnerProductRule.Instance.Differential((a, b), (da, db));

    /// <summary>d(A ⊗ B) = dA ⊗ B + A ⊗ dB for the Kronecker product.</summary>
    /// <param name="a">A p×q matrix.</param>
    /// <param name="b">An r×s matrix.</param>
    /// <param name="da">Perturbation of <paramref name="a"/>, p×q.</param>
    /// <param name="db">Perturbation of <paramref name="b"/>, r×s.</param>
    /// <returns>The pr×qs matrix dA ⊗ B + A ⊗ dB.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">An argument is empty or not finite, or a perturbation's shape differs from its factor's.</exception>
    public static Matrix<double> Kronecker(Matrix<double> a, Matrix<double> b, Matrix<double> da, Matrix<double> db) =>
        KroneckerProductRule.Instance.Differential((a, b), (da, db));

    /// <summary>The element-wise product (a ⊙ b)ᵢ = aᵢbᵢ.</summary>
    /// <param name="a">First factor.</param>
    /// <param name="b">Second factor, the same length.</param>
    /// <returns>a ⊙ b.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">An argument is empty or not finite, or the lengths differ.</exception>
    public static Vector<double> Elementwise(Vector<double> a, Vector<double> b) =>
        ElementwiseVectorProductRule.Instance.Forward((a, b));

    /// <summary>The element-wise product (A ⊙ B)ᵢⱼ = AᵢⱼBᵢⱼ.</summary>
    /// <param name="a">First factor.</param>
    /// <param name="b">Second factor, the same shape.</param>
    /// <returns>A ⊙ B.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">An argument is empty or not finite, or the shapes differ.</exception>
    public static Matrix<double> Elementwise(Matrix<double> a, Matrix<double> b) =>
        ElementwiseMatrixProductRule.Instance.Forward((a, b));

    /// <summary>The matrix product A·B through the kernel's linear-algebra backend.</summary>
    /// <param name="a">An m×k matrix.</param>
    /// <param name="b">A k×n matrix.</param>
    /// <returns>The m×n product.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">An argument is empty or not finite, or the inner dimensions differ.</exception>
    public static Matrix<double> MatrixProduct(Matrix<double> a, Matrix<double> b) =>
        MatrixProductRule.Instance.Forward((a, b));

    /// <summary>The inner product ⟨a, b⟩ = Σ aᵢbᵢ.</summary>
    /// <param name="a">First vector.</param>
    /// <param name="b">Second vector, the same length.</param>
    /// <returns>⟨a, b⟩.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">An argument is empty or not finite, or the lengths differ.</exception>
    public static double InnerProduct(Vector<double> a, Vector<double> b) =>
        VectorInnerProductRule.Instance.Forward((a, b));

    /// <summary>The Frobenius inner product ⟨A, B⟩ = tr(AᵀB) = Σ AᵢⱼBᵢⱼ.</summary>
    /// <param name="a">First matrix.</param>
    /// <param name="b">Second matrix, the same shape.</param>
    /// <returns>⟨A, B⟩.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">An argument is empty or not finite, or the shapes differ.</exception>
    public static double InnerProduct(Matrix<double> a, Matrix<double> b) =>
        MatrixInnerProductRule.Instance.Forward((a, b));

    /// <summary>The Kronecker product A ⊗ B, the block matrix [Aᵢⱼ B].</summary>
    /// <param name="a">A p×q matrix.</param>
    /// <param name="b">An r×s matrix.</param>
    /// <returns>The pr×qs matrix A ⊗ B.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">An argument is empty or not finite, or pr·qs exceeds the elements one array can hold.</exception>
    public static Matrix<double> Kronecker(Matrix<double> a, Matrix<double> b) =>
        KroneckerProductRule.Instance.Forward((a, b));

    /// <summary>A ⊗ B after the size check (the only check <see cref="Verification.Jacobians.Kronecker"/> shares).</summary>
    internal static Matrix<double> KroneckerUnchecked(Matrix<double> a, Matrix<double> b)
    {
        Checks.Elements((long)a.RowCount * b.RowCount, (long)a.ColumnCount * b.ColumnCount, "The Kronecker product a ⊗ b", nameof(b));
        return KroneckerProductRule.Of(a, b);
    }
}
