using Differentials.Verification;

namespace Differentials.Tests.Verification;

public class VerificationResultTests
{
    [Test]
    public void PassesAtOrBelowTolerance()
    {
        Assert.That(new VerificationResult("x", 1e-15, 1e-14).Passed, Is.True);
        Assert.That(new VerificationResult("x", 1e-14, 1e-14).Passed, Is.True);
    }

    [Test]
    public void FailsAboveToleranceAndOnNaN()
    {
        Assert.That(new VerificationResult("x", 2e-14, 1e-14).Passed, Is.False);
        Assert.That(new VerificationResult("x", double.NaN, 1e-14).Passed, Is.False);
    }

    [Test]
    public void EnsurePassedThrowsWithErrorAndToleranceInMessage()
    {
        var failed = new VerificationResult("dot-product test", 3e-10, 1e-13);
        var ex = Assert.Throws<VerificationFailedException>(() => failed.EnsurePassed());
        Assert.That(ex!.Message, Does.Contain("dot-product test").And.Contain("3.000E-010").And.Contain("1.000E-013"));
        Assert.That(ex.Result, Is.EqualTo(failed));
    }
}
