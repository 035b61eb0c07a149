using Differentials.Numerics;
using Differentials.Verification;
using MathNet.Numerics.LinearAlgebra;
using static Differentials.Tests.Operators.OperatorTestSupport;

namespace Differentials.Tests.Operators;

public class DeterminantTests
{
    // The conformance table: one line per case (order n, seed, 2-norm condition number κ of the point).
    [TestCase(1, 1, 1.0)]
    [TestCase(2, 2, 10.0)]
    [TestCase(5, 3, 1e3)]
    [TestCase(17, 4, 1e2)]
    [TestCase(40, 5, 1e2)]
    [TestCase(12, 6, 1e6)]
    public void PassesTheConformanceCheck(int n, int seed, double kappa) =>
        Conformance.Check(DeterminantRule.Instance, WithConditionNumber(n, kappa, seed), kappa, seed,
            badPoints: [Gaussian(n, n + 1, seed)]).EnsurePassed();

    // At singular points (the SVD path): rank n−1 and n−2, with the nonzero singular values in [1, 2], so the
    // adjugate is a well-conditioned function there although X itself is singular.
    [TestCase(2, 1, 11)]
    [TestCase(5, 4, 12)]
    [TestCase(17, 16, 13)]
    [TestCase(6, 5, 14)]
    public void PassesTheConformanceCheckAtSingularPoints(int n, int rank, int seed) =>
        Conformance.Check(DeterminantRule.Instance, WithRank(n, rank, seed, out _, out _, out _), 2.0, seed).EnsurePassed();

    /// <summary>U·diag(σ₁..σ_r, 0..0)·Vᵀ with random orthogonal U, V and σ evenly spaced in [1, 2].</summary>
    private static Matrix<double> WithRank(int n, int rank, int seed, out Matrix<double> u, out Matrix<double> v, out double[] sigma)
    {
        var random = new Random(seed);
        u = RandomMatrices.Orthogonal(n, random);
        v = RandomMatrices.Orthogonal(n, random);
        sigma = Enumerable.Range(0, n).Select(i => i < rank ? 2.0 - (double)i / n : 0.0).ToArray();
        return u * Matrix<double>.Build.DiagonalOfDiagonalArray(sigma) * v.Transpose();
    }

    /// <summary>adj(X)ᵀ = det(U)det(V)·U·diag(∏_{j≠i} σ_j)·Vᵀ for X = U·diag(σ)·Vᵀ, from the known factors.</summary>
    private static Matrix<double> AdjugateTransposed(Matrix<double> u, Matrix<double> v, double[] sigma)
    {
        int n = sigma.Length;
        var pi = Enumerable.Range(0, n).Select(i => Enumerable.Range(0, n).Where(j => j != i).Aggregate(1.0, (p, j) => p * sigma[j])).ToArray();
        double sign = Math.Sign(u.Determinant()) * Math.Sign(v.Determinant());
        return sign * u * Matrix<double>.Build.DiagonalOfDiagonalArray(pi) * v.Transpose();
    }

    private static double RelativeError(Matrix<double> actual, Matrix<double> expected) =>
        (actual - expected).FrobeniusNorm() / expected.FrobeniusNorm();

    [TestCase(2, 1)]
    [TestCase(5, 2)]
    [TestCase(17, 3)]
    [TestCase(40, 4)]
    public void DeterminantOfAProductIsTheProductOfDeterminants(int n, int seed)
    {
        double kappa = n == 1 ? 1 : 10;
        Matrix<double> a = WithConditionNumber(n, kappa, seed), b = WithConditionNumber(n, kappa, seed + 50);
        double product = Determinant.Forward(a) * Determinant.Forward(b);
        // Each LU determinant has relative error ≲ nεκ (its backward error through ‖X⁻¹‖); the product AB adds one more.
        Assert.That(Math.Abs(Determinant.Forward(a * b) - product),
            Is.LessThanOrEqualTo(Tolerances.ForConditioned(kappa * kappa, 2 * n) * Math.Abs(product)));
    }

    [TestCase(3, 1, 1e2)]
    [TestCase(17, 2, 1e4)]
    [TestCase(40, 3, 1e2)]
    public void XTimesItsAdjugateIsTheDeterminantTimesTheIdentity(int n, int seed, double kappa)
    {
        Matrix<double> x = WithConditionNumber(n, kappa, seed);
        Matrix<double> adj = Determinant.Backward(x, 1.0).Transpose();
        Matrix<double> residual = x * adj - Determinant.Forward(x) * Matrix<double>.Build.DenseIdentity(n);
        Assert.That(residual.FrobeniusNorm(),
            Is.LessThanOrEqualTo(Tolerances.ForConditioned(kappa, n) * x.FrobeniusNorm() * adj.FrobeniusNorm()));
    }

    [TestCase(2, 21)]
    [TestCase(5, 22)]
    [TestCase(17, 23)]
    [TestCase(40, 24)]
    public void AdjugateAtRankNMinusOneIsTheAnalyticOneAndNonzero(int n, int seed)
    {
        Matrix<double> x = WithRank(n, n - 1, seed, out var u, out var v, out var sigma);
        Matrix<double> expected = AdjugateTransposed(u, v, sigma);
        Matrix<double> gradient = Determinant.Backward(x, 1.0);
        // Rounding X to doubles moves it by ~nε‖X‖; adj moves by that times σ₁/σ_{n−1} ≤ 2 relative to ‖adj‖.
        Assert.That(RelativeError(gradient, expected), Is.LessThanOrEqualTo(Tolerances.ForConditioned(2, n)));
        Assert.That(gradient.FrobeniusNorm(), Is.GreaterThanOrEqualTo(1.0)); // ∏σ over n−1 values in [1, 2]
        // X·adj(X) = det(X)·I = 0 at rank n−1.
        Assert.That((x * gradient.Transpose()).FrobeniusNorm(),
            Is.LessThanOrEqualTo(Tolerances.ForConditioned(2, n) * x.FrobeniusNorm() * gradient.FrobeniusNorm()));
        Assert.That(Math.Abs(Determinant.Forward(x)), Is.LessThanOrEqualTo(Tolerances.ForConditioned(2, n) * expected.FrobeniusNorm()));
    }

    [TestCase(3, 31)]
    [TestCase(8, 32)]
    [TestCase(20, 33)]
    public void AdjugateAtRankNMinusTwoIsZero(int n, int seed)
    {
        Matrix<double> x = WithRank(n, n - 2, seed, out _, out _, out var sigma);
        Matrix<double> gradient = Determinant.Backward(x, 1.0);
        // Each π_i holds at least one computed σ ≈ nε‖X‖ of the two zero ones, times at most n−2 others ≤ 2.
        double bound = Tolerances.ForProduct(n) * sigma[0] * sigma.Take(n - 2).Aggregate(1.0, (p, s) => p * s) * n;
        Assert.That(gradient.FrobeniusNorm(), Is.LessThanOrEqualTo(bound));
    }

    [Test]
    public void AdjugateOfAnIntegerSingularMatrixIsItsCofactorMatrix()
    {
        // [[1,2],[2,4]]: exactly singular (the second LU pivot is exactly 0); adj = [[4,−2],[−2,1]], symmetric.
        var x2 = Matrix<double>.Build.DenseOfArray(new double[,] { { 1, 2 }, { 2, 4 } });
        Assert.That(Determinant.Forward(x2), Is.EqualTo(0.0));
        var expected2 = Matrix<double>.Build.DenseOfArray(new double[,] { { 4, -2 }, { -2, 1 } });
        Assert.That(RelativeError(Determinant.Backward(x2, 1.0), expected2), Is.LessThanOrEqualTo(Tolerances.ForProduct(2)));

        // [[1,2,3],[4,5,6],[7,8,9]] has rank 2; its cofactor matrix is −3·[[1,−2,1],[−2,4,−2],[1,−2,1]].
        var x3 = Matrix<double>.Build.DenseOfArray(new double[,] { { 1, 2, 3 }, { 4, 5, 6 }, { 7, 8, 9 } });
        var expected3 = -3 * Matrix<double>.Build.DenseOfArray(new double[,] { { 1, -2, 1 }, { -2, 4, -2 }, { 1, -2, 1 } });
        double ratio = x3.Svd().S[0] / x3.Svd().S[1]; // σ₁/σ₂ ≈ 16: the adjugate's sensitivity to rounding in X
        Assert.That(RelativeError(Determinant.Backward(x3, 1.0), expected3), Is.LessThanOrEqualTo(Tolerances.ForConditioned(ratio, 3)));
    }

    // σ_min from 1e-9 down past 1/ε; the other singular values in [1, 2], so adj(X) is well conditioned throughout.
    [TestCase(6, 41, 1e-9)]
    [TestCase(12, 42, 1e-14)]
    [TestCase(20, 43, 1e-17)]
    [TestCase(9, 44, 1e-30)]
    public void AdjugateStaysAccurateAllTheWayToSingular(int n, int seed, double delta)
    {
        Matrix<double> x = WithRank(n, n - 1, seed, out var u, out var v, out var sigma);
        sigma[n - 1] = delta;
        x = u * Matrix<double>.Build.DiagonalOfDiagonalArray(sigma) * v.Transpose();
        Matrix<double> expected = AdjugateTransposed(u, v, sigma);
        double tolerance = Tolerances.ForConditioned(2, n);
        Assert.That(RelativeError(Determinant.Backward(x, 1.0), expected), Is.LessThanOrEqualTo(tolerance));
        if (delta >= 1e-15) // κ = 2/δ: below 1/ε ≈ 4.5e15 for δ = 1e-9 and 1e-14, past it for 1e-17 and 1e-30
        {
            // det·X⁻ᵀ from one LU is accurate too while it exists: the small pivot's rounding cancels in the product.
            Matrix<double> naive = Determinant.Forward(x) * MatrixInverse.Forward(x).Transpose();
            Assert.That(RelativeError(naive, expected), Is.LessThanOrEqualTo(tolerance));
        }
        else
        {
            // Past κ·ε ≈ 1 the inverse, and with it det·X⁻ᵀ, is refused; the adjugate is not.
            Assert.Throws<SingularMatrixException>(() => MatrixInverse.Forward(x));
        }
    }

    [Test]
    public void BothFormulasAgreeOnAWellConditionedMatrix()
    {
        int n = 9;
        Matrix<double> x = WithConditionNumber(n, 1e3, 51);
        double[] values = x.ToColumnMajorArray();
        var lu = LuFactorization.Factor(values, n, "x");
        var fromLu = Matrix<double>.Build.Dense(n, n, Adjugate.FromLu(lu));
        var fromSvd = Matrix<double>.Build.Dense(n, n, Adjugate.FromSvd(values, n, lu.ScaleExponent));
        Assert.That(RelativeError(fromLu, fromSvd), Is.LessThanOrEqualTo(Tolerances.ForConditioned(1e3, n)));
        Adjugate.Transposed(values, lu, out var method);
        Assert.That(method, Is.EqualTo(Adjugate.Method.LuInverse));
    }

    [Test]
    public void OneByOneHasGradientOneEvenAtZero()
    {
        Assert.That(Determinant.Forward(Matrix<double>.Build.Dense(1, 1, -3.5)), Is.EqualTo(-3.5));
        Assert.That(Determinant.Backward(Matrix<double>.Build.Dense(1, 1, 0.0), 2.0)[0, 0], Is.EqualTo(2.0));
    }

    [Test]
    public void AGradientIsComputedWhereTheDeterminantItselfUnderflows()
    {
        // det(1e-200·I₂) = 1e-400 is below the smallest double, but adj(X)ᵀ = 1e-200·I is representable.
        var x = Matrix<double>.Build.DenseDiagonal(2, 2, 1e-200);
        Assert.That(Determinant.Forward(x), Is.EqualTo(0.0));
        Matrix<double> g = Determinant.Backward(x, 1.0);
        Assert.That(RelativeError(g, Matrix<double>.Build.DenseDiagonal(2, 2, 1e-200)), Is.LessThanOrEqualTo(Tolerances.ForProduct(2)));
    }

    [Test]
    public void ADeterminantBeyondTheDoubleRangeIsRefused()
    {
        // det(10·I₄₀₀) = 10⁴⁰⁰: refused, with the way out named; its logarithm is fine.
        var x = Matrix<double>.Build.DenseDiagonal(400, 400, 10.0);
        Assert.That(() => Determinant.Forward(x),
            Throws.ArgumentException.With.Message.Contain("double range").And.Message.Contain("LogDeterminant"));
        Assert.That(LogDeterminant.Forward(x), Is.EqualTo(400 * Math.Log(10)).Within(Tolerances.ForProduct(400) * 400 * Math.Log(10)));
    }

    [Test]
    public void NonSquareAndNonFiniteArgumentsAreRefused()
    {
        Assert.That(() => Determinant.Forward(Matrix<double>.Build.Dense(2, 3)),
            Throws.ArgumentException.With.Message.Contain("square").And.Message.Contain("2×3"));
        Assert.That(() => Determinant.Backward(Matrix<double>.Build.DenseIdentity(2), double.NaN),
            Throws.ArgumentException.With.Property("ParamName").EqualTo("yBar"));
    }
}
