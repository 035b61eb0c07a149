using MathNet.Numerics.LinearAlgebra;

namespace Differentials;

/// <summary>
/// The product rule in differential form, d(a ⊙ b) = da ⊙ b + a ⊙ db, for any product ⊙ that distributes
/// over addition: the element-wise, matrix, inner and Kronecker products, and any other through
/// <see cref="ForBilinear{TA, TB, TOut}"/>. Each method takes the point (a, b) and the perturbations
/// (da, db) and returns the differential of the product there.
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
    public static Vector<double> Elementwise(Vector<double> a, Vector<double> b, Vector<double> da, Vector<double> db)
    {
        CheckSameLength(a, b, da, db);
        return da.PointwiseMultiply(b) + a.PointwiseMultiply(db);
    }

    /// <summary>d(A ⊙ B) = dA ⊙ B + A ⊙ dB for the element-wise product of matrices.</summary>
    /// <param name="a">First factor.</param>
    /// <param name="b">Second factor, the shape of <paramref name="a"/>.</param>
    /// <param name="da">Perturbation of <paramref name="a"/>, the same shape.</param>
    /// <param name="db">Perturbation of <paramref name="b"/>, the same shape.</param>
    /// <returns>dA ⊙ B + A ⊙ dB.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">An argument is empty or not finite, or the shapes differ.</exception>
    public static Matrix<double> Elementwise(Matrix<double> a, Matrix<double> b, Matrix<double> da, Matrix<double> db)
    {
        CheckSameShape(a, b, da, db);
        return da.PointwiseMultiply(b) + a.PointwiseMultiply(db);
    }

    /// <summary>d(AB) = dA·B + A·dB for the matrix product.</summary>
    /// <param name="a">An m×k matrix.</param>
    /// <param name="b">A k×n matrix.</param>
    /// <param name="da">Perturbation of <paramref name="a"/>, m×k.</param>
    /// <param name="db">Perturbation of <paramref name="b"/>, k×n.</param>
    /// <returns>The m×n matrix dA·B + A·dB.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">An argument is empty or not finite, or a shape does not fit.</exception>
    public static Matrix<double> MatrixProduct(Matrix<double> a, Matrix<double> b, Matrix<double> da, Matrix<double> db)
    {
        Guard.NonEmptyFinite(da, nameof(da));
        Guard.NonEmptyFinite(db, nameof(db));
        Guard.NonEmptyFinite(a, nameof(a));
        Guard.HasShape(da, nameof(da), a.RowCount, a.ColumnCount, $"the shape of a, {Guard.Shape(a)}");
        Guard.HasShape(db, nameof(db), b.RowCount, b.ColumnCount, $"the shape of b, {Guard.Shape(b)}");
        return Products.MatrixProduct(da, b) + Products.MatrixProduct(a, db);
    }

    /// <summary>d⟨a, b⟩ = ⟨da, b⟩ + ⟨a, db⟩ for the inner product of vectors.</summary>
    /// <param name="a">First vector.</param>
    /// <param name="b">Second vector, the same length.</param>
    /// <param name="da">Perturbation of <paramref name="a"/>.</param>
    /// <param name="db">Perturbation of <paramref name="b"/>.</param>
    /// <returns>⟨da, b⟩ + ⟨a, db⟩.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">An argument is empty or not finite, or the lengths differ.</exception>
    public static double InnerProduct(Vector<double> a, Vector<double> b, Vector<double> da, Vector<double> db)
    {
        CheckSameLength(a, b, da, db);
        return da.DotProduct(b) + a.DotProduct(db);
    }

    /// <summary>d⟨A, B⟩ = ⟨dA, B⟩ + ⟨A, dB⟩ for the Frobenius inner product ⟨A, B⟩ = tr(AᵀB).</summary>
    /// <param name="a">First matrix.</param>
    /// <param name="b">Second matrix, the same shape.</param>
    /// <param name="da">Perturbation of <paramref name="a"/>.</param>
    /// <param name="db">Perturbation of <paramref name="b"/>.</param>
    /// <returns>⟨dA, B⟩ + ⟨A, dB⟩.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">An argument is empty or not finite, or the shapes differ.</exception>
    public static double InnerProduct(Matrix<double> a, Matrix<double> b, Matrix<double> da, Matrix<double> db)
    {
        CheckSameShape(a, b, da, db);
        return Products.InnerProduct(da, b) + Products.InnerProduct(a, db);
    }

    /// <summary>d(A ⊗ B) = dA ⊗ B + A ⊗ dB for the Kronecker product.</summary>
    /// <param name="a">A p×q matrix.</param>
    /// <param name="b">An r×s matrix.</param>
    /// <param name="da">Perturbation of <paramref name="a"/>, p×q.</param>
    /// <param name="db">Perturbation of <paramref name="b"/>, r×s.</param>
    /// <returns>The pr×qs matrix dA ⊗ B + A ⊗ dB.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">An argument is empty or not finite, or a perturbation's shape differs from its factor's.</exception>
    public static Matrix<double> Kronecker(Matrix<double> a, Matrix<double> b, Matrix<double> da, Matrix<double> db)
    {
        Guard.NonEmptyFinite(a, nameof(a));
        Guard.NonEmptyFinite(b, nameof(b));
        Guard.NonEmptyFinite(da, nameof(da));
        Guard.NonEmptyFinite(db, nameof(db));
        Guard.HasShape(da, nameof(da), a.RowCount, a.ColumnCount, $"the shape of a, {Guard.Shape(a)}");
        Guard.HasShape(db, nameof(db), b.RowCount, b.ColumnCount, $"the shape of b, {Guard.Shape(b)}");
        return Products.Kronecker(da, b) + Products.Kronecker(a, db);
    }

    private static void CheckSameLength(Vector<double> a, Vector<double> b, Vector<double> da, Vector<double> db)
    {
        Guard.NonEmptyFinite(a, nameof(a));
        Guard.NonEmptyFinite(b, nameof(b));
        Guard.NonEmptyFinite(da, nameof(da));
        Guard.NonEmptyFinite(db, nameof(db));
        string why = $"the length of a, {a.Count}";
        Guard.HasLength(b, nameof(b), a.Count, why);
        Guard.HasLength(da, nameof(da), a.Count, why);
        Guard.HasLength(db, nameof(db), a.Count, why);
    }

    private static void CheckSameShape(Matrix<double> a, Matrix<double> b, Matrix<double> da, Matrix<double> db)
    {
        Guard.NonEmptyFinite(a, nameof(a));
        Guard.NonEmptyFinite(b, nameof(b));
        Guard.NonEmptyFinite(da, nameof(da));
        Guard.NonEmptyFinite(db, nameof(db));
        string why = $"the shape of a, {Guard.Shape(a)}";
        Guard.HasShape(b, nameof(b), a.RowCount, a.ColumnCount, why);
        Guard.HasShape(da, nameof(da), a.RowCount, a.ColumnCount, why);
        Guard.HasShape(db, nameof(db), a.RowCount, a.ColumnCount, why);
    }
}
