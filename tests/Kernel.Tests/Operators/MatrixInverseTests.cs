using Differentials.Verification;
using MathNet.Numerics.LinearAlgebra;
using static Differentials.Tests.Operators.OperatorTestSupport;

namespace Differentials.Tests.Operators;

public class MatrixInverseTests
{
    // The conformance table: one line per case (order n, seed, 2-norm condition number κ of the point).
    [TestCase(1, 1, 1.0)]
    [TestCase(2, 2, 10.0)]
    [TestCase(5, 3, 1e3)]
    [TestCase(12, 4, 1e6)]
    [TestCase(40, 5, 1e2)]
    public void PassesTheConformanceCheck(int n, int seed, double kappa) =>
        Conformance.Check(InverseRule.Instance, WithConditionNumber(n, kappa, seed), kappa, seed,
            badPoints: [Gaussian(n, n + 1, seed)]).EnsurePassed();

    private static Matrix<double> M(double[,] a) => Matrix<double>.Build.DenseOfArray(a);

    [Test]
    public void InverseOfTwoByTwoMatchesTheAdjugateFormula()
    {
        // [[4, 7], [2, 6]]⁻¹ = (1/10)[[6, −7], [−2, 4]].
        Matrix<double> y = MatrixInverse.Forward(M(new double[,] { { 4, 7 }, { 2, 6 } }));
        Matrix<double> expected = M(new double[,] { { 0.6, -0.7 }, { -0.2, 0.4 } });
        // Each entry of a 2×2 LU inverse carries a few roundings of numbers of size ≤ 1: 8ε is ample.
        Assert.That((y - expected).Enumerate().Max(Math.Abs), Is.LessThanOrEqualTo(8 * Eps));
    }

    [Test]
    public void InverseOfDiagonalIsTheReciprocals()
    {
        Matrix<double> y = MatrixInverse.Forward(Matrix<double>.Build.DiagonalOfDiagonalArray([2, -4, 0.5, 8]));
        // Powers of two: LU and the inverse are exact.
        Assert.That(y, Is.EqualTo(Matrix<double>.Build.DenseOfDiagonalArray([0.5, -0.25, 2, 0.125])));
    }

    [Test]
    public void DifferentialOfDiagonalIsMinusDxOverXSquared()
    {
        // For diagonal X and dX, −Y dX Y is diagonal with −dx_i / x_i².
        var x = Matrix<double>.Build.DenseOfDiagonalArray([2, -4, 0.5]);
        var dx = Matrix<double>.Build.DenseOfDiagonalArray([1, 2, 3]);
        Matrix<double> dy = MatrixInverse.Differential(x, dx);
        Assert.That(dy, Is.EqualTo(Matrix<double>.Build.DenseOfDiagonalArray([-0.25, -0.125, -12])));
    }

    [TestCase(1, 1)]
    [TestCase(3, 2)]
    [TestCase(8, 3)]
    [TestCase(17, 4)]
    [TestCase(40, 5)]
    public void ProductWithInverseIsIdentity(int n, int seed)
    {
        Matrix<double> x = WithConditionNumber(n, 1e3, seed);
        Matrix<double> y = MatrixInverse.Forward(x);
        // Backward stability of LU inversion: ‖XY − I‖ ≲ c·n·ε·κ; c = 4 covers LU plus the product.
        double kappa = x.ConditionNumber();
        double residual = (x * y - Matrix<double>.Build.DenseIdentity(n)).FrobeniusNorm();
        Assert.That(residual, Is.LessThanOrEqualTo(4 * n * Eps * kappa * Math.Sqrt(n)));
    }

    [Test]
    public void BackwardEqualsTheKroneckerJacobianTransposed()
    {
        // vec(X̄)ᵀ = vec(Ȳ)ᵀ (−Yᵀ ⊗ Y), column-major vec.
        int n = 3;
        Matrix<double> x = WithConditionNumber(n, 10, 51), yBar = Gaussian(n, n, 52);
        Matrix<double> y = MatrixInverse.Forward(x);
        Matrix<double> jacobian = -y.Transpose().KroneckerProduct(y);
        Vector<double> expected = jacobian.TransposeThisAndMultiply(Vector<double>.Build.DenseOfArray(yBar.ToColumnMajorArray()));
        Vector<double> actual = Vector<double>.Build.DenseOfArray(MatrixInverse.Backward(x, yBar).ToColumnMajorArray());
        // Same sums in a different order: ≤ 2n²ε relative to ‖Ȳ‖‖Y‖².
        Assert.That((expected - actual).L2Norm(),
            Is.LessThanOrEqualTo(2 * n * n * Eps * yBar.FrobeniusNorm() * Math.Pow(y.FrobeniusNorm(), 2)));
    }

    [Test]
    public void ExactlySingularIsRejected()
    {
        var x = M(new double[,] { { 1, 2 }, { 2, 4 } });
        var ex = Assert.Throws<SingularMatrixException>(() => MatrixInverse.Forward(x));
        Assert.That(ex!.Message, Does.Contain("singular").And.Contain("2×2"));
        Assert.That(ex.ConditionEstimate, Is.EqualTo(double.PositiveInfinity));
        Assert.That(ex, Is.InstanceOf<ArgumentException>());
    }

    [Test]
    public void ZeroMatrixIsRejected()
    {
        Assert.Throws<SingularMatrixException>(() => MatrixInverse.Forward(Matrix<double>.Build.Dense(3, 3)));
    }

    [Test]
    public void NumericallySingularIsRejected()
    {
        // [[1, 1], [1, 1 + ε]] has no zero pivot (the second is ε) but κ₁ ≈ 4/ε.
        var x = M(new double[,] { { 1, 1 }, { 1, 1 + Eps } });
        var ex = Assert.Throws<SingularMatrixException>(() => MatrixInverse.Forward(x));
        Assert.That(ex!.Message, Does.Contain("numerically singular").And.Contain("2×2"));
        Assert.That(ex.ConditionEstimate * Eps, Is.GreaterThanOrEqualTo(1));
    }

    [Test]
    public void HilbertMatrixOfOrderFourteenIsRejected()
    {
        // κ(H₁₄) ≈ 10¹⁹ in exact arithmetic, far past 1/ε.
        var h = Matrix<double>.Build.Dense(14, 14, (i, j) => 1.0 / (i + j + 1));
        Assert.Throws<SingularMatrixException>(() => MatrixInverse.Forward(h));
        Assert.Throws<SingularMatrixException>(() => MatrixInverse.Differential(h, h));
        Assert.Throws<SingularMatrixException>(() => MatrixInverse.Backward(h, h));
        Assert.Throws<SingularMatrixException>(() => MatrixInverse.Linearize(h));
    }

    [Test]
    public void IllConditionedButInvertibleIsAccepted()
    {
        // κ = 10¹⁰ is far below 1/ε ≈ 4.5·10¹⁵: accepted.
        Assert.DoesNotThrow(() => MatrixInverse.Forward(WithConditionNumber(6, 1e10, 61)));
    }

    [Test]
    public void NonSquareIsRejectedWithItsShape()
    {
        var ex = Assert.Throws<ArgumentException>(() => MatrixInverse.Forward(Matrix<double>.Build.Dense(2, 3, 1)));
        Assert.That(ex!.Message, Does.Contain("square").And.Contain("2×3"));
        Assert.That(ex.ParamName, Is.EqualTo("x"));
    }

    [Test]
    public void EmptyMatrixIsRejected()
    {
        var ex = Assert.Throws<ArgumentException>(() => MatrixInverse.Forward(Matrix<double>.Build.Dense(0, 0)));
        Assert.That(ex!.Message, Does.Contain("empty").And.Contain("0×0"));
    }

    [Test]
    public void MismatchedShapesAreRejectedWithBothShapes()
    {
        Matrix<double> x = Matrix<double>.Build.DenseIdentity(3);
        var bad = Matrix<double>.Build.Dense(3, 2, 1);
        var ex1 = Assert.Throws<ArgumentException>(() => MatrixInverse.Differential(x, bad));
        Assert.That(ex1!.Message, Does.Contain("3×2").And.Contain("3×3"));
        Assert.That(ex1.ParamName, Is.EqualTo("dx"));
        var ex2 = Assert.Throws<ArgumentException>(() => MatrixInverse.Backward(x, bad));
        Assert.That(ex2!.Message, Does.Contain("3×2").And.Contain("3×3"));
        Assert.That(ex2.ParamName, Is.EqualTo("yBar"));
        var lin = MatrixInverse.Linearize(x);
        Assert.That(() => lin.Differential(bad), Throws.ArgumentException.With.Message.Contain("3×2"));
        Assert.That(() => lin.Backward(bad), Throws.ArgumentException.With.Message.Contain("3×2"));
    }

    [TestCase(double.NaN)]
    [TestCase(double.PositiveInfinity)]
    [TestCase(double.NegativeInfinity)]
    public void NonFiniteEntriesAreRejected(double bad)
    {
        Matrix<double> good = Matrix<double>.Build.DenseIdentity(2);
        Matrix<double> withBad = good.Clone();
        withBad[1, 0] = bad;
        Assert.That(() => MatrixInverse.Forward(withBad),
            Throws.ArgumentException.With.Message.Contain("contains NaN or infinity").And.Message.Contain("2×2"));
        Assert.That(() => MatrixInverse.Differential(good, withBad),
            Throws.ArgumentException.With.Property("ParamName").EqualTo("dx"));
        Assert.That(() => MatrixInverse.Backward(good, withBad),
            Throws.ArgumentException.With.Property("ParamName").EqualTo("yBar"));
    }

    [Test]
    public void NullIsRejected()
    {
        Assert.Throws<ArgumentNullException>(() => MatrixInverse.Forward(null!));
        Assert.Throws<ArgumentNullException>(() => MatrixInverse.Differential(Matrix<double>.Build.DenseIdentity(2), null!));
    }

    [Test]
    public void SparseInputGivesTheSameResultAsDense()
    {
        var dense = M(new double[,] { { 4, 0 }, { 1, 2 } });
        var sparse = Matrix<double>.Build.SparseOfMatrix(dense);
        Assert.That(MatrixInverse.Forward(sparse), Is.EqualTo(MatrixInverse.Forward(dense)));
    }

    [TestCase(1, 81)]
    [TestCase(9, 82)]
    public void SpanOverloadAgreesWithMatrixOverload(int n, int seed)
    {
        Matrix<double> x = WithConditionNumber(n, 10, seed);
        var destination = new double[n * n];
        MatrixInverse.Forward(x.ToColumnMajorArray(), n, destination);
        Assert.That(destination, Is.EqualTo(MatrixInverse.Forward(x).ToColumnMajorArray()));
    }

    [Test]
    public void SpanOverloadRejectsBadInput()
    {
        Assert.That(() => MatrixInverse.Forward(new double[4], 3, new double[9]),
            Throws.ArgumentException.With.Message.Contain("lengths 4 and 9"));
        Assert.That(() => MatrixInverse.Forward(new double[4], 2, new double[4]),
            Throws.InstanceOf<SingularMatrixException>().With.Message.Contain("2×2"));
        Assert.That(() => MatrixInverse.Forward([1, double.NaN, 0, 1], 2, new double[4]),
            Throws.ArgumentException.With.Message.Contain("contains NaN or infinity"));
    }
}
