using Differentials.Verification;

namespace Differentials.Tests.Verification;

public class TolerancesTests
{
    [Test]
    public void EpsilonIsTheGapAfterOne()
    {
        double epsilon = Tolerances.Epsilon;
        Assert.That(epsilon, Is.EqualTo(Math.BitIncrement(1.0) - 1.0));
        Assert.That(epsilon, Is.EqualTo(Math.Pow(2, -52)));
    }

    [Test]
    public void DerivedTolerancesScaleWithSizeAndConditionNumber()
    {
        Assert.That(Tolerances.ForProduct(1), Is.EqualTo(Tolerances.SafetyFactor * Tolerances.Epsilon));
        Assert.That(Tolerances.ForProduct(100), Is.EqualTo(100 * Tolerances.ForProduct(1)).Within(1).Ulps);
        Assert.That(Tolerances.ForConditioned(1, 7), Is.EqualTo(Tolerances.ForProduct(7)));
        Assert.That(Tolerances.ForConditioned(1e8, 7), Is.EqualTo(1e8 * Tolerances.ForProduct(7)).Within(1).Ulps);
    }

    [Test]
    public void FiniteDifferenceBoundIsSmallestNearTheOptimalStep()
    {
        foreach (FiniteDifferenceScheme scheme in Enum.GetValues<FiniteDifferenceScheme>())
        {
            double optimal = FiniteDifferences.OptimalStep(scheme);
            double atOptimum = Tolerances.ForFiniteDifference(scheme, optimal);
            Assert.That(Tolerances.ForFiniteDifference(scheme, optimal * 1.01), Is.GreaterThan(atOptimum), scheme.ToString());
            Assert.That(Tolerances.ForFiniteDifference(scheme, optimal / 1.01), Is.GreaterThan(atOptimum), scheme.ToString());
        }
        // Central beats one-sided at their optima: ≈ ε^(2/3) against ≈ ε^(1/2).
        Assert.That(Tolerances.ForFiniteDifference(FiniteDifferenceScheme.Central, FiniteDifferences.OptimalStep(FiniteDifferenceScheme.Central)),
            Is.LessThan(Tolerances.ForFiniteDifference(FiniteDifferenceScheme.OneSided, FiniteDifferences.OptimalStep(FiniteDifferenceScheme.OneSided))));
    }

    [Test]
    public void BadInputsThrow()
    {
        var size = Assert.Throws<ArgumentOutOfRangeException>(() => Tolerances.ForProduct(0));
        Assert.That(size!.Message, Does.Contain("size must be at least 1, got 0"));
        var kappa = Assert.Throws<ArgumentOutOfRangeException>(() => Tolerances.ForConditioned(0.1, 3));
        Assert.That(kappa!.Message, Does.Contain("at least 1").And.Contain("0.1"));
        Assert.Throws<ArgumentOutOfRangeException>(() => Tolerances.ForFiniteDifference(FiniteDifferenceScheme.Central, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Tolerances.ForFiniteDifference(FiniteDifferenceScheme.Central, 1e-3, -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Tolerances.ForFiniteDifference((FiniteDifferenceScheme)7, 1e-3));
    }
}
