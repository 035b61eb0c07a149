using Differentials.Verification;
using MathNet.Numerics.LinearAlgebra;
using static Differentials.Tests.Operators.OperatorTestSupport;

namespace Differentials.Tests.Rules;

public class DifferentiableTests
{
    [Test]
    public void ComposedDifferentialEqualsTheChainOfDifferentials()
    {
        // Cauchy's rule of invariance: dz = dg(y; dy) with dy = df(x; dx) is the composed differential.
        var f = DifferentiableFunctions.Linear(Gaussian(4, 3, 1));
        var g = DifferentiableFunctions.Tanh;
        var h = f.Then(g);
        Vector<double> x = Gaussian(3, 2), dx = Gaussian(3, 3);
        Vector<double> y = f.Value(x), dy = f.Differential(x, dx);
        Vector<double> dz = g.Differential(y, dy);
        Assert.That(h.Differential(x, dx), Is.EqualTo(dz));
        Assert.That(h.Value(x), Is.EqualTo(g.Value(y)));
        Assert.That(h.Name, Is.EqualTo("tanh ∘ linear 4×3"));
    }

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    public void ComposedDifferentialMatchesRidders(int seed)
    {
        var h = Differentiable.Compose(DifferentiableFunctions.Sin,
            DifferentiableFunctions.Linear(Gaussian(5, 4, seed)).Then(DifferentiableFunctions.Tanh));
        VerificationResult result = FiniteDifferences.CheckDifferential(h.Value, h.Differential, Gaussian(4, seed + 1), Gaussian(4, seed + 2),
            name: h.Name);
        TestContext.Out.WriteLine(result);
        result.EnsurePassed();
    }

    [TestCase(5, 3, 1)]
    [TestCase(4, 4, 2)]
    public void InverseOfGramComposes(int m, int n, int seed)
    {
        // h(X) = (XᵀX)⁻¹: dh = −Y(dXᵀX + XᵀdX)Y with Y = (XᵀX)⁻¹, from the two parts' differentials alone.
        var h = DifferentiableFunctions.GramMatrix.Then(DifferentiableFunctions.Inverse);
        Matrix<double> x = Gaussian(m, n, seed);
        double kappa = Math.Pow(RandomMatrices.ConditionNumber(x), 2); // κ(XᵀX) = κ(X)²
        VerificationResult fd = FiniteDifferences.CheckDifferential(h.Value, h.Differential, x, Gaussian(m, n, seed + 1),
            initialStep: 0.01, conditionNumber: kappa, name: h.Name);
        VerificationResult dot = DotProductTest.Run(u => h.Differential(x, u), yBar => h.Backward(x, yBar), m, n, n, n,
            seed, conditionNumber: kappa, name: h.Name);
        TestContext.Out.WriteLine(fd);
        TestContext.Out.WriteLine(dot);
        fd.EnsurePassed();
        dot.EnsurePassed();
    }

    [Test]
    public void ComposedBackwardPassesTheDotProductTest()
    {
        var h = DifferentiableFunctions.Linear(Gaussian(6, 4, 7)).Then(DifferentiableFunctions.Tanh)
            .Then(DifferentiableFunctions.Linear(Gaussian(3, 6, 8))).Then(DifferentiableFunctions.Exp);
        Vector<double> x = Gaussian(4, 9);
        VerificationResult dot = DotProductTest.Run(u => h.Differential(x, u), yBar => h.Backward(x, yBar), 4, 3, seed: 10, name: h.Name);
        TestContext.Out.WriteLine(dot);
        dot.EnsurePassed();
    }

    [Test]
    public void ScalarEnergyGradient()
    {
        var e = DifferentiableFunctions.Tanh.Then(DifferentiableFunctions.HalfSquaredNorm);
        Vector<double> x = Gaussian(5, 11);
        Vector<double> gradient = e.Backward(x, 1.0);
        // ∇ ½‖tanh x‖² = tanh(x) ⊙ (1 − tanh²x).
        Vector<double> expected = x.Map(t => Math.Tanh(t) * (1 - Math.Tanh(t) * Math.Tanh(t)));
        Assert.That((gradient - expected).InfinityNorm(), Is.LessThanOrEqualTo(Tolerances.ForProduct(1)));
    }

    [Test]
    public void MissingAdjointIsReported()
    {
        var f = Differentiable.Create<double, double>("square", x => x * x, (x, u) => 2 * x * u);
        var g = Differentiable.Create<double, double>("sin", Math.Sin, (x, u) => Math.Cos(x) * u, (x, yBar) => Math.Cos(x) * yBar);
        Differentiable<double, double> h = f.Then(g);
        Assert.That(h.HasBackward, Is.False);
        Assert.That(g.HasBackward, Is.True);
        Assert.That(() => h.Backward(1, 1), Throws.InvalidOperationException.With.Message.Contain("sin ∘ square"));
        // Scalars work too: d sin(x²) = cos(x²)·2x·u.
        Assert.That(h.Differential(1.5, 1), Is.EqualTo(Math.Cos(2.25) * 3));
    }

    [Test]
    public void NullPartsAreRejected()
    {
        Assert.Throws<ArgumentNullException>(() => Differentiable.Create<double, double>("f", null!, (x, u) => u));
        Assert.Throws<ArgumentNullException>(() => DifferentiableFunctions.Tanh.Then<Vector<double>>(null!));
    }

    [Test]
    public void CompositionComputesEachForwardValueOncePerCall()
    {
        // h = f∘f∘f∘f built with Then: the chain rule composes linearizations, so a call evaluates each inner
        // value once (three for the differential and the adjoint, four for the linearization); recomputing
        // first.Value(x) at every level took six for the differential.
        int calls = 0;
        var f = Differentiable.Create<double, double>("double", x => { calls++; return 2 * x; }, (x, u) => 2 * u, (x, yBar) => 2 * yBar);
        var h = f.Then(f).Then(f).Then(f);
        calls = 0;
        Assert.That(h.Differential(1.0, 1.0), Is.EqualTo(16));
        Assert.That(calls, Is.EqualTo(3));
        calls = 0;
        Assert.That(h.Backward(1.0, 1.0), Is.EqualTo(16));
        Assert.That(calls, Is.EqualTo(3));
        calls = 0;
        var lin = h.Linearize(1.0);
        Assert.That((lin.Value, lin.Differential(1.0), lin.Backward(1.0)), Is.EqualTo((16.0, 16.0, 16.0)));
        Assert.That(calls, Is.EqualTo(4));
    }

    [Test]
    public void RuleBackedFunctionsShareTheRulesLinearization()
    {
        var x = Matrix<double>.Build.DenseOfArray(new double[,] { { 4, 7 }, { 2, 6 } });
        var inverseThenGram = DifferentiableFunctions.Inverse.Then(DifferentiableFunctions.GramMatrix);
        var lin = inverseThenGram.Linearize(x);
        var dx = Matrix<double>.Build.DenseOfArray(new double[,] { { 1, 0 }, { 0, 2 } });
        Matrix<double> expected = Gram.Differential(MatrixInverse.Forward(x), MatrixInverse.Differential(x, dx));
        Assert.That((lin.Differential(dx) - expected).FrobeniusNorm(), Is.EqualTo(0)); // the same operations in the same order
        Assert.That(inverseThenGram.Name, Is.EqualTo("gram ∘ inverse"));
    }
}
