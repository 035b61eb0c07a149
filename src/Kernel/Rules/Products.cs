using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Double;

namespace Differentials;

/// <summary>
/// The four products the product rule is stated for, with shape checks and clear names: element-wise
/// (Hadamard) product, matrix product, inner product ⟨A, B⟩ = tr(AᵀB) = Σ AᵢⱼBᵢⱼ, and Kronecker product.
/// Each distributes over addition in both arguments, which is all the product rule needs.
/// </summary>
public static class Products
{
    /// <summary>The element-wise product (a ⊙ b)ᵢ = aᵢbᵢ.</summary>
    /// <param name="a">First factor.</param>
    /// <param name="b">Second factor, the same length.</param>
    /// <returns>a ⊙ b.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">An argument is empty or not finite, or the lengths differ.</exception>
    public static Vector<double> Elementwise(Vector<double> a, Vector<double> b)
    {
        Guard.NonEmptyFinite(a, nameof(a));
        Guard.NonEmptyFinite(b, nameof(b));
        Guard.HasLength(b, nameof(b), a.Count, $"the length of a, {a.Count}");
        return a.PointwiseMultiply(b);
    }

    /// <summary>The element-wise product (A ⊙ B)ᵢⱼ = AᵢⱼBᵢⱼ.</summary>
    /// <param name="a">First factor.</param>
    /// <param name="b">Second factor, the same shape.</param>
    /// <returns>A ⊙ B.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">An argument is empty or not finite, or the shapes differ.</exception>
    public static Matrix<double> Elementwise(Matrix<double> a, Matrix<double> b)
    {
        Guard.NonEmptyFinite(a, nameof(a));
        Guard.NonEmptyFinite(b, nameof(b));
        Guard.HasShape(b, nameof(b), a.RowCount, a.ColumnCount, $"the shape of a, {Guard.Shape(a)}");
        return a.PointwiseMultiply(b);
    }

    /// <summary>The matrix product A·B through the kernel's linear-algebra backend.</summary>
    /// <param name="a">An m×k matrix.</param>
    /// <param name="b">A k×n matrix.</param>
    /// <returns>The m×n product.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">An argument is empty or not finite, or the inner dimensions differ.</exception>
    public static Matrix<double> MatrixProduct(Matrix<double> a, Matrix<double> b)
    {
        Guard.NonEmptyFinite(a, nameof(a));
        Guard.NonEmptyFinite(b, nameof(b));
        if (a.ColumnCount != b.RowCount)
        {
            throw new ArgumentException(
                $"b is {Guard.Shape(b)} but a is {Guard.Shape(a)}: b needs {a.ColumnCount} rows for the product a·b.", nameof(b));
        }
        return DenseColumnMajor.Multiply(a, false, b, false);
    }

    /// <summary>The inner product ⟨a, b⟩ = Σ aᵢbᵢ.</summary>
    /// <param name="a">First vector.</param>
    /// <param name="b">Second vector, the same length.</param>
    /// <returns>⟨a, b⟩.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">An argument is empty or not finite, or the lengths differ.</exception>
    public static double InnerProduct(Vector<double> a, Vector<double> b)
    {
        Guard.NonEmptyFinite(a, nameof(a));
        Guard.NonEmptyFinite(b, nameof(b));
        Guard.HasLength(b, nameof(b), a.Count, $"the length of a, {a.Count}");
        return a.DotProduct(b);
    }

    /// <summary>The Frobenius inner product ⟨A, B⟩ = tr(AᵀB) = Σ AᵢⱼBᵢⱼ.</summary>
    /// <param name="a">First matrix.</param>
    /// <param name="b">Second matrix, the same shape.</param>
    /// <returns>⟨A, B⟩.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">An argument is empty or not finite, or the shapes differ.</exception>
    public static double InnerProduct(Matrix<double> a, Matrix<double> b)
    {
        Guard.NonEmptyFinite(a, nameof(a));
        Guard.NonEmptyFinite(b, nameof(b));
        Guard.HasShape(b, nameof(b), a.RowCount, a.ColumnCount, $"the shape of a, {Guard.Shape(a)}");
        double[] av = DenseColumnMajor.Values(a), bv = DenseColumnMajor.Values(b);
        double sum = 0;
        for (int i = 0; i < av.Length; i++) sum += av[i] * bv[i];
        return sum;
    }

    /// <summary>The Kronecker product A ⊗ B, the block matrix [Aᵢⱼ B].</summary>
    /// <param name="a">A p×q matrix.</param>
    /// <param name="b">An r×s matrix.</param>
    /// <returns>The pr×qs matrix A ⊗ B.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">An argument is empty or not finite.</exception>
    public static Matrix<double> Kronecker(Matrix<double> a, Matrix<double> b)
    {
        Guard.NonEmptyFinite(a, nameof(a));
        Guard.NonEmptyFinite(b, nameof(b));
        var result = new DenseMatrix(a.RowCount * b.RowCount, a.ColumnCount * b.ColumnCount);
        a.KroneckerProduct(b, result);
        return result;
    }
}
