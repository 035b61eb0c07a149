using Differentials.Numerics;

namespace Differentials.Tests.Numerics;

public class NormsTests
{
    // Orders across the 64×64 tiles. Both sums are of n² non-negative terms, in another order than the plain
    // loop's: they agree to within n²ε relative (the bound for reordering a sum of non-negative terms).
    [TestCase(1), TestCase(2), TestCase(63), TestCase(64), TestCase(65), TestCase(130)]
    public void AsymmetryAgreesWithThePlainSums(int n)
    {
        var rng = new Random(n);
        double[] x = Enumerable.Range(0, n * n).Select(_ => rng.NextDouble() - 0.5).ToArray();
        double asymmetry = 0, norm = 0;
        for (int j = 0; j < n; j++)
            for (int i = 0; i < n; i++)
            {
                norm += x[i + j * n] * x[i + j * n];
                double d = x[i + j * n] - x[j + i * n];
                asymmetry += d * d;
            }
        var (a, s) = Norms.Asymmetry(x, n);
        double tolerance = n * n * 2.220446049250313e-16;
        Assert.That(Math.Abs(a - asymmetry), Is.LessThanOrEqualTo(tolerance * asymmetry));
        Assert.That(Math.Abs(s - norm), Is.LessThanOrEqualTo(tolerance * norm));
    }

    [Test]
    public void ASymmetricMatrixHasNoAsymmetry()
    {
        const int n = 70;
        var rng = new Random(3);
        double[] x = new double[n * n];
        for (int j = 0; j < n; j++)
            for (int i = j; i < n; i++) x[i + j * n] = x[j + i * n] = rng.NextDouble();
        Assert.That(Norms.Asymmetry(x, n).AsymmetrySquared, Is.EqualTo(0));
    }
}
