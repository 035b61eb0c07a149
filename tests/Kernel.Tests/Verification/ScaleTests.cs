using Differentials.Verification;
using MathNet.Numerics.LinearAlgebra;

namespace Differentials.Tests.Verification;

/// <summary>
/// The verification tools at extreme magnitudes and sizes (issues 15 and 20): a comparison must fail what is
/// wrong at any scale, and bad or oversized input must be refused with an ArgumentException.
/// </summary>
public class ScaleTests
{
    private static Matrix<double> Near(double scale, int seed) =>
        RandomMatrices.Gaussian(4, 4, new Random(seed)) * scale;

    [Test]
    public void CompareFailsAOneEntryMismatchNear1e160()
    {
        Matrix<double> a = Near(1e160, 1), b = a.Clone();
        b[2, 1] *= 1 + 1e-6;
        VerificationResult r = Jacobians.Compare(a, b);
        TestContext.Out.WriteLine(r);
        Assert.That(r.Passed, Is.False, r.ToString());
        Assert.That(r.Error, Is.GreaterThan(1e-8).And.LessThan(1e-6)); // one entry of sixteen, 1e-6 off
    }

    [Test]
    public void CompareFailsAHundredPercentMismatchNear1e170Below()
    {
        Matrix<double> a = Near(1e-170, 2), b = a.Clone();
        b[0, 3] *= 2;
        VerificationResult r = Jacobians.Compare(a, b);
        Assert.That(r.Passed, Is.False, r.ToString());
        Assert.That(r.Error, Is.GreaterThan(0.01));
    }

    [Test]
    public void CompareGivesANumberNear1e155AndPassesEqualMatrices()
    {
        Matrix<double> a = Near(1e155, 3), b = a.Clone();
        VerificationResult same = Jacobians.Compare(a, b);
        Assert.That(same.Error, Is.EqualTo(0));
        Assert.That(same.Passed, Is.True);
        b[1, 1] *= 1 + 1e-3;
        VerificationResult r = Jacobians.Compare(a, b);
        Assert.That(double.IsNaN(r.Error), Is.False, r.ToString());
        Assert.That(r.Passed, Is.False);
    }

    [Test]
    public void CompareFailsNonFiniteEntries()
    {
        Matrix<double> a = Near(1, 4), b = a.Clone();
        b[0, 0] = double.PositiveInfinity;
        Assert.That(Jacobians.Compare(a, b).Passed, Is.False);
    }

    [Test]
    public void DotProductTestAndCheckDifferentialHoldAtExtremeScales()
    {
        // The audit of the other comparisons: both measure mismatches with norms MathNet scales (L2Norm), so a
        // wrong adjoint still fails and a right one still passes at 1e160 and 1e-170.
        foreach (double scale in new[] { 1e160, 1e-170 })
        {
            Matrix<double> a = Near(scale, 5);
            Func<Vector<double>, Vector<double>> map = u => a * u;
            Assert.That(DotProductTest.Run(map, y => a.TransposeThisAndMultiply(y), 4, 4).Passed, Is.True, $"right adjoint at {scale}");
            Assert.That(DotProductTest.Run(map, y => a * y, 4, 4).Passed, Is.False, $"transposed adjoint at {scale}");
            Vector<double> x = Vector<double>.Build.Dense(4, 1.0);
            Assert.That(FiniteDifferences.CheckDifferential(map, (_, u) => a * u * (1 + 1e-6), x, x).Passed, Is.False, $"wrong differential at {scale}");
        }
    }

    [Test]
    public void ConditionNumberRefusesNaNAndEmptyMatrices()
    {
        // MathNet threw NonConvergenceException on NaN and IndexOutOfRangeException on 0×0.
        var nan = Matrix<double>.Build.Dense(2, 2, double.NaN);
        Assert.That(() => RandomMatrices.ConditionNumber(nan),
            Throws.ArgumentException.With.Message.Contain("NaN").And.Property("ParamName").EqualTo("m"));
        Assert.That(() => RandomMatrices.ConditionNumber(Matrix<double>.Build.Dense(0, 0)),
            Throws.ArgumentException.With.Message.Contain("empty"));
    }

    [Test]
    public void RandomMatricesRefuseSizesThatOverflow()
    {
        // 65536² elements: the old Gaussian returned a 65536×65536 matrix whose storage held 0 values.
        var gaussian = Assert.Throws<ArgumentException>(() => RandomMatrices.Gaussian(65536, 65536, new Random(1)));
        Assert.That(gaussian!.Message, Does.Contain("65536×65536").And.Contain("4,294,967,296"));
        var kappa = Assert.Throws<ArgumentException>(() => RandomMatrices.WithConditionNumber(50000, 10, new Random(1)));
        Assert.That(kappa!.Message, Does.Contain("50000×50000").And.Contain(Array.MaxLength.ToString("N0")));
    }
}
