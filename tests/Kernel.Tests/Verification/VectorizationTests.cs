using Differentials.Verification;
using MathNet.Numerics.LinearAlgebra;

namespace Differentials.Tests.Verification;

public class VectorizationTests
{
    private static readonly Matrix<double> A = Matrix<double>.Build.DenseOfArray(new double[,] { { 1, 2, 3 }, { 4, 5, 6 } });

    [Test]
    public void VecStacksColumns() =>
        Assert.That(Vectorization.Vec(A).ToArray(), Is.EqualTo(new double[] { 1, 4, 2, 5, 3, 6 }));

    [Test]
    public void VecRowMajorStacksRows() =>
        Assert.That(Vectorization.VecRowMajor(A).ToArray(), Is.EqualTo(new double[] { 1, 2, 3, 4, 5, 6 }));

    [Test]
    public void UnvecInvertsVecInBothOrders()
    {
        Assert.That(Vectorization.Unvec(Vectorization.Vec(A), 2, 3), Is.EqualTo(A));
        Assert.That(Vectorization.UnvecRowMajor(Vectorization.VecRowMajor(A), 2, 3), Is.EqualTo(A));
        Assert.That(Vectorization.Unflatten(Vectorization.Flatten(A, Flattening.RowMajor), 2, 3, Flattening.RowMajor), Is.EqualTo(A));
    }

    [Test]
    public void ColumnMajorVecOfATransposeIsRowMajorVecOfA() =>
        Assert.That(Vectorization.Vec(A.Transpose()), Is.EqualTo(Vectorization.VecRowMajor(A)));

    [Test]
    public void VecOfProductMatchesKroneckerIdentitiesInBothOrders()
    {
        var random = new Random(11);
        Matrix<double> a = RandomMatrices.Gaussian(3, 4, random), x = RandomMatrices.Gaussian(4, 2, random), b = RandomMatrices.Gaussian(2, 5, random);
        Vector<double> lhs = Vectorization.Vec(a * x * b);
        Vector<double> rhs = Jacobians.Kronecker(b.Transpose(), a) * Vectorization.Vec(x);
        Assert.That((lhs - rhs).L2Norm() / lhs.L2Norm(), Is.LessThanOrEqualTo(Tolerances.ForProduct(4 * 2)));
        Vector<double> lhsRow = Vectorization.VecRowMajor(a * x * b);
        Vector<double> rhsRow = Jacobians.Kronecker(a, b.Transpose()) * Vectorization.VecRowMajor(x);
        Assert.That((lhsRow - rhsRow).L2Norm() / lhsRow.L2Norm(), Is.LessThanOrEqualTo(Tolerances.ForProduct(4 * 2)));
    }

    [Test]
    public void UnvecRejectsAWrongLengthNamingTheSizes()
    {
        var ex = Assert.Throws<ArgumentException>(() => Vectorization.Unvec(Vector<double>.Build.Dense(5), 2, 3));
        Assert.That(ex!.Message, Does.Contain("length 5").And.Contain("2×3"));
        Assert.Throws<ArgumentOutOfRangeException>(() => Vectorization.UnvecRowMajor(Vector<double>.Build.Dense(0), 0, 3));
        Assert.Throws<ArgumentNullException>(() => Vectorization.Vec(null!));
    }
}
