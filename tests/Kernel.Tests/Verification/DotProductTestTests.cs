using Differentials.Verification;
using MathNet.Numerics.LinearAlgebra;

namespace Differentials.Tests.Verification;

public class DotProductTestTests
{
    [Test]
    public void CorrectAdjointOfTheSquarePasses()
    {
        Matrix<double> x = RandomMatrices.Gaussian(5, 5, new Random(20));
        VerificationResult r = DotProductTest.Run(
            u => TestFunctions.SquareDifferential(x, u), yBar => TestFunctions.SquareAdjoint(x, yBar), 5, 5, 5, 5, seed: 1, name: "X·X");
        TestContext.Out.WriteLine(r.ToString());
        Assert.That(r.Passed, Is.True, r.ToString());
        Assert.That(r.Name, Does.Contain("X·X"));
    }

    [TestCase(1.0)]
    [TestCase(1e4)]
    [TestCase(1e8)]
    [TestCase(1e12)]
    public void CorrectAdjointOfTheInversePassesWithoutWideningForItsConditionNumber(double kappa)
    {
        // Forward and backward share one computed Y, so the scale-aware mismatch needs no κ in the tolerance.
        Matrix<double> y = RandomMatrices.WithConditionNumber(6, kappa, new Random(21)).Inverse();
        VerificationResult r = DotProductTest.Run(
            u => TestFunctions.InverseDifferential(y, u), yBar => TestFunctions.InverseAdjoint(y, yBar), 6, 6, 6, 6,
            seed: 2, trials: 5, name: "inverse");
        TestContext.Out.WriteLine(r.ToString());
        Assert.That(r.Passed, Is.True, r.ToString());
    }

    [Test]
    public void CorrectAdjointOfElementwiseSinPassesOnVectors()
    {
        Vector<double> x = TestFunctions.SinPoint(7);
        Vector<double> cos = x.Map(Math.Cos);
        VerificationResult r = DotProductTest.Run(u => cos.PointwiseMultiply(u), yBar => cos.PointwiseMultiply(yBar), 7, 7, seed: 3);
        TestContext.Out.WriteLine(r.ToString());
        Assert.That(r.Passed, Is.True, r.ToString());
    }

    [Test]
    public void RectangularMapPassesWithItsTranspose()
    {
        // A linear map from R^4 to R^3 and its transpose: the shapes of input and output differ.
        Matrix<double> a = RandomMatrices.Gaussian(3, 4, new Random(22));
        VerificationResult r = DotProductTest.Run(u => a * u, yBar => a.TransposeThisAndMultiply(yBar), 4, 3, seed: 4);
        TestContext.Out.WriteLine(r.ToString());
        Assert.That(r.Passed, Is.True, r.ToString());
    }

    [Test]
    public void WrongAdjointsFail()
    {
        Matrix<double> x = RandomMatrices.Gaussian(5, 5, new Random(23));
        Matrix<double> y = TestFunctions.WellConditioned(5, new Random(24)).Inverse();
        Func<Matrix<double>, Matrix<double>> squareForward = u => TestFunctions.SquareDifferential(x, u);
        Func<Matrix<double>, Matrix<double>> inverseForward = u => TestFunctions.InverseDifferential(y, u);
        var wrong = new (string Name, Func<Matrix<double>, Matrix<double>> Forward, Func<Matrix<double>, Matrix<double>> Backward)[]
        {
            ("square, untransposed X", squareForward, yBar => yBar * x + x * yBar),
            ("square, one term", squareForward, yBar => yBar * x.Transpose()),
            ("inverse, sign flipped", inverseForward, yBar => y.Transpose() * yBar * y.Transpose()),
            ("inverse, untransposed Y", inverseForward, yBar => -(y * yBar * y)),
            ("inverse, result transposed", inverseForward, yBar => -(y.Transpose() * yBar * y.Transpose()).Transpose()),
        };
        foreach (var (name, forward, backward) in wrong)
        {
            VerificationResult r = DotProductTest.Run(forward, backward, 5, 5, 5, 5, seed: 5, name: name);
            TestContext.Out.WriteLine(r.ToString());
            Assert.That(r.Passed, Is.False, r.ToString());
            Assert.That(r.Error, Is.GreaterThan(1e-3), r.ToString());
        }
    }

    [TestCase(1e-6)]
    [TestCase(1e-9)]
    public void AnAdjointWrongByATinyRelativeAmountFails(double delta)
    {
        // The backward map picks up δ·Ȳ, which the forward map does not have: the mismatch is about δ
        // (up to the random cosine between Ȳ and U), far above the ≈ 1e-13 tolerance.
        Matrix<double> y = TestFunctions.WellConditioned(5, new Random(26)).Inverse();
        double norm = y.L2Norm() * y.L2Norm();
        VerificationResult r = DotProductTest.Run(
            u => TestFunctions.InverseDifferential(y, u), yBar => TestFunctions.InverseAdjoint(y, yBar) + delta * norm * yBar,
            5, 5, 5, 5, seed: 6, name: "perturbed adjoint");
        TestContext.Out.WriteLine(r.ToString());
        Assert.That(r.Passed, Is.False, r.ToString());
    }

    [Test]
    public void ResultIsReproducibleForAFixedSeed()
    {
        Matrix<double> a = RandomMatrices.Gaussian(3, 3, new Random(25));
        VerificationResult first = DotProductTest.Run(u => a * u, yBar => a * yBar, 3, 3, seed: 7);
        VerificationResult second = DotProductTest.Run(u => a * u, yBar => a * yBar, 3, 3, seed: 7);
        Assert.That(second, Is.EqualTo(first));
        Assert.That(first.Passed, Is.False, "a non-symmetric A is not its own adjoint");
    }

    [Test]
    public void NaNFromAMapFails()
    {
        VerificationResult r = DotProductTest.Run(u => u * double.NaN, yBar => yBar, 3, 3);
        Assert.That(r.Passed, Is.False);
        Assert.That(double.IsNaN(r.Error), Is.True);
    }

    [Test]
    public void ToleranceGrowsWithSizeAndConditionNumber()
    {
        Func<Vector<double>, Vector<double>> identity = v => v;
        double small = DotProductTest.Run(identity, identity, 2, 2).Tolerance;
        Assert.That(small, Is.EqualTo(Tolerances.ForProduct(4)));
        Assert.That(DotProductTest.Run(identity, identity, 20, 20).Tolerance, Is.EqualTo(10 * small).Within(1).Ulps);
        Assert.That(DotProductTest.Run(identity, identity, 2, 2, conditionNumber: 1e6).Tolerance, Is.EqualTo(1e6 * small).Within(1).Ulps);
    }

    [Test]
    public void BadInputsThrowNamingTheProblem()
    {
        Func<Vector<double>, Vector<double>> identity = v => v;
        Assert.Throws<ArgumentNullException>(() => DotProductTest.Run(null!, identity, 3, 3));
        Assert.Throws<ArgumentNullException>(() => DotProductTest.Run(identity, null!, 3, 3));
        var n = Assert.Throws<ArgumentOutOfRangeException>(() => DotProductTest.Run(identity, identity, 0, 3));
        Assert.That(n!.Message, Does.Contain("inputLength"));
        Assert.Throws<ArgumentOutOfRangeException>(() => DotProductTest.Run(identity, identity, 3, 3, trials: 0));
        var kappa = Assert.Throws<ArgumentOutOfRangeException>(() => DotProductTest.Run(identity, identity, 3, 3, conditionNumber: 0.5));
        Assert.That(kappa!.Message, Does.Contain("at least 1"));

        var wrongForward = Assert.Throws<ArgumentException>(() => DotProductTest.Run(identity, identity, 3, 4));
        Assert.That(wrongForward!.Message, Does.Contain("length 3").And.Contain("length 4"));
        var wrongBackward = Assert.Throws<ArgumentException>(() =>
            DotProductTest.Run(_ => Vector<double>.Build.Dense(4), _ => Vector<double>.Build.Dense(2), 3, 4));
        Assert.That(wrongBackward!.Message, Does.Contain("backward").And.Contain("length 2").And.Contain("length 3"));

        Func<Matrix<double>, Matrix<double>> same = m => m;
        var wrongShape = Assert.Throws<ArgumentException>(() => DotProductTest.Run(same, same, 2, 3, 3, 2));
        Assert.That(wrongShape!.Message, Does.Contain("2×3").And.Contain("3×2"));
    }
}
