using Differentials.Verification;
using MathNet.Numerics.LinearAlgebra;

namespace Differentials.Tests.Verification;

public class RandomMatricesTests
{
    [TestCase(1.0)]
    [TestCase(10.0)]
    [TestCase(1e3)]
    [TestCase(1e6)]
    [TestCase(1e9)]
    [TestCase(1e12)]
    public void WithConditionNumberHitsItsKappa(double kappa)
    {
        const int n = 8;
        Matrix<double> a = RandomMatrices.WithConditionNumber(n, kappa, new Random(40));
        double measured = RandomMatrices.ConditionNumber(a);
        TestContext.Out.WriteLine($"κ {kappa:E0}: relative error {Math.Abs(measured - kappa) / kappa:E2}, tolerance {Tolerances.ForConditioned(kappa, n):E2}");
        // The smallest singular value, 1/κ, is resolved to about n·ε in absolute terms, so κ to about κ·n·ε.
        Assert.That(Math.Abs(measured - kappa) / kappa, Is.LessThanOrEqualTo(Tolerances.ForConditioned(kappa, n)),
            $"measured κ = {measured:E6}");
        Assert.That(a.L2Norm(), Is.EqualTo(1.0).Within(Tolerances.ForProduct(n)));
    }

    [Test]
    public void OrthogonalIsOrthogonal()
    {
        Matrix<double> q = RandomMatrices.Orthogonal(6, new Random(41));
        Matrix<double> residual = q.TransposeThisAndMultiply(q) - Matrix<double>.Build.DenseIdentity(6);
        Assert.That(residual.FrobeniusNorm(), Is.LessThanOrEqualTo(Tolerances.ForProduct(6)));
    }

    [Test]
    public void SameSeedGivesSameMatricesAndDifferentSeedsDiffer()
    {
        Matrix<double> first = RandomMatrices.Gaussian(3, 4, new Random(42));
        Matrix<double> again = RandomMatrices.Gaussian(3, 4, new Random(42));
        Assert.That(again, Is.EqualTo(first));
        Assert.That(RandomMatrices.Gaussian(3, 4, new Random(43)), Is.Not.EqualTo(first));
        Vector<double> v = RandomMatrices.GaussianVector(5, new Random(42));
        Assert.That(RandomMatrices.GaussianVector(5, new Random(42)), Is.EqualTo(v));
        Matrix<double> conditioned = RandomMatrices.WithConditionNumber(4, 100, new Random(42));
        Assert.That(RandomMatrices.WithConditionNumber(4, 100, new Random(42)), Is.EqualTo(conditioned));
    }

    [Test]
    public void GaussianEntriesHaveUnitVarianceAndZeroMean()
    {
        // 40 000 samples: the sample mean has standard deviation 1/200 and the sample variance about √2/200;
        // five standard deviations bound a false failure by roughly 1e-6 (and the seed is fixed anyway).
        Matrix<double> g = RandomMatrices.Gaussian(200, 200, new Random(44));
        double[] values = g.ToColumnMajorArray();
        double mean = values.Average();
        double variance = values.Select(v => (v - mean) * (v - mean)).Average();
        Assert.That(mean, Is.EqualTo(0).Within(5.0 / 200));
        Assert.That(variance, Is.EqualTo(1).Within(5 * Math.Sqrt(2) / 200));
    }

    [Test]
    public void ConditionNumberOfASingularMatrixIsInfinite()
    {
        Matrix<double> singular = Matrix<double>.Build.DenseOfArray(new double[,] { { 1, 2 }, { 2, 4 } });
        Assert.That(RandomMatrices.ConditionNumber(Matrix<double>.Build.Dense(2, 2)), Is.EqualTo(double.PositiveInfinity));
        Assert.That(RandomMatrices.ConditionNumber(singular), Is.GreaterThan(1e15));
        Assert.That(RandomMatrices.ConditionNumber(Matrix<double>.Build.DenseDiagonal(3, 3, 2.0)), Is.EqualTo(1.0).Within(1).Ulps);
    }

    [Test]
    public void BadInputsThrowNamingTheProblem()
    {
        var random = new Random(45);
        var kappa = Assert.Throws<ArgumentOutOfRangeException>(() => RandomMatrices.WithConditionNumber(4, 0.5, random));
        Assert.That(kappa!.Message, Does.Contain("kappa").And.Contain("0.5"));
        Assert.Throws<ArgumentOutOfRangeException>(() => RandomMatrices.WithConditionNumber(4, double.NaN, random));
        Assert.Throws<ArgumentOutOfRangeException>(() => RandomMatrices.WithConditionNumber(4, double.PositiveInfinity, random));
        var n = Assert.Throws<ArgumentOutOfRangeException>(() => RandomMatrices.WithConditionNumber(0, 10, random));
        Assert.That(n!.Message, Does.Contain("n must be at least 1, got 0"));
        var one = Assert.Throws<ArgumentException>(() => RandomMatrices.WithConditionNumber(1, 10, random));
        Assert.That(one!.Message, Does.Contain("1×1"));
        Assert.That(RandomMatrices.WithConditionNumber(1, 1, random).RowCount, Is.EqualTo(1));
        Assert.Throws<ArgumentOutOfRangeException>(() => RandomMatrices.Gaussian(0, 3, random));
        Assert.Throws<ArgumentOutOfRangeException>(() => RandomMatrices.GaussianVector(-1, random));
        Assert.Throws<ArgumentNullException>(() => RandomMatrices.Gaussian(2, 2, null!));
    }
}
