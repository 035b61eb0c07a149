using Differentials.Verification;
using MathNet.Numerics.LinearAlgebra;
using static Differentials.Tests.Operators.OperatorTestSupport;

namespace Differentials.Tests.Layers;

public class LayerChainTests
{
    /// <summary>
    /// Back- and forward propagation multiply the same layer Jacobians in opposite orders. Each product sums
    /// at most (input length + parameter count) terms per layer, so rounding differs by at most
    /// Tolerances.ForConditioned(κ, Σ (mᵢ₋₁ + pᵢ)) relative to the gradient's norm, κ bounding the layers'
    /// own amplification (1 for affine/tanh; for (Y + Θ)⁻¹ the bound 2n + 2 of the diagonally dominant shift).
    /// </summary>
    private static double Tolerance(LayerChain chain, double kappa) =>
        Tolerances.ForConditioned(kappa, chain.Layers.Sum(l => l.InputLength + l.ParameterCount));

    private static void AssertAgree(LayerChain chain, Vector<double> x, double kappa)
    {
        ChainGradient back = chain.BackPropagate(x);
        ChainGradient forward = chain.ForwardPropagate(x);
        Assert.That(back.Energy, Is.EqualTo(chain.Energy(x)));
        Assert.That(forward.Energy, Is.EqualTo(back.Energy));
        Assert.That(back.Passes, Is.EqualTo(1));
        Assert.That(forward.Passes, Is.EqualTo(chain.ParameterCount));
        Vector<double> gb = back.Flatten(), gf = forward.Flatten();
        double error = (gb - gf).L2Norm() / gb.L2Norm(), tolerance = Tolerance(chain, kappa);
        TestContext.Out.WriteLine($"{chain.ParameterCount} parameters, depth {chain.Depth}: back vs forward relative difference {error:E2} (tolerance {tolerance:E2})");
        Assert.That(error, Is.LessThanOrEqualTo(tolerance));
        for (int i = 0; i < chain.Depth; i++)
        {
            Assert.That(back.ParameterGradients[i].Count, Is.EqualTo(chain.Layers[i].ParameterCount));
        }
    }

    [TestCase(1, 1, 1)]
    [TestCase(3, 2, 2)]
    [TestCase(4, 5, 3)]
    [TestCase(8, 3, 4)]
    [TestCase(16, 2, 5)]
    public void BackAndForwardPropagationAgreeOnRandomMlps(int width, int depth, int seed)
    {
        LayerChain chain = LayerChain.RandomMlp(width, depth, seed);
        Assert.That(chain.ParameterCount, Is.EqualTo(depth * (width * width + width)));
        AssertAgree(chain, chain.RandomInput(seed + 100), kappa: 1);
    }

    [TestCase(1, 1)]
    [TestCase(2, 2)]
    [TestCase(3, 3)]
    public void BackAndForwardPropagationAgreeOnTheOperatorChain(int order, int seed)
    {
        LayerChain chain = LayerChain.RandomOperatorChain(order, seed);
        AssertAgree(chain, chain.RandomInput(seed + 100), kappa: 2 * order + 2);
    }

    [TestCase(3, 2, 1)]
    [TestCase(2, 0, 2)]
    public void GradientMatchesRiddersAlongARandomDirection(int size, int kind, int seed)
    {
        LayerChain chain = kind == 0 ? LayerChain.RandomOperatorChain(size, seed) : LayerChain.RandomMlp(size, kind, seed);
        Vector<double> x = chain.RandomInput(seed + 1), theta = chain.FlattenParameters();
        Vector<double> g = chain.BackPropagate(x).Flatten();
        // dE(θ; u) = ⟨∇θE, u⟩, checked against Ridders' extrapolation of θ ↦ E along a unit direction u.
        Vector<double> direction = Gaussian(theta.Count, seed + 2).Normalize(2);
        // The gradient's own rounding: the operator chain carries the condition number its agreement test
        // above uses (2·order + 2); with κ = 1 the check failed by a factor of 1.6 once the convolution's
        // spectral products were fused multiply-adds, when Ridders' estimate happened to be very tight.
        double kappa = kind == 0 ? 2 * size + 2 : 1;
        VerificationResult result = FiniteDifferences.CheckDifferential(
            t => Vector<double>.Build.Dense(1, chain.WithParameters(t).Energy(x)),
            (_, u) => Vector<double>.Build.Dense(1, g.DotProduct(u)),
            theta, direction, initialStep: 0.05, conditionNumber: kappa, name: chain.ToString());
        TestContext.Out.WriteLine(result);
        result.EnsurePassed();
    }

    [Test]
    public void InputGradientMatchesRidders()
    {
        LayerChain chain = LayerChain.RandomMlp(5, 3, 9);
        Vector<double> x = chain.RandomInput(10);
        Vector<double> g = chain.BackPropagate(x).InputGradient!;
        VerificationResult result = FiniteDifferences.CheckDifferential(
            v => Vector<double>.Build.Dense(1, chain.Energy(v)),
            (_, u) => Vector<double>.Build.Dense(1, g.DotProduct(u)),
            x, Gaussian(5, 11), initialStep: 0.1, name: "∂E/∂x");
        TestContext.Out.WriteLine(result);
        result.EnsurePassed();
    }

    [Test]
    public void OneAffineLayerHasTheClosedFormGradient()
    {
        // E = ½‖Wx + b‖²: with r = Wx + b, ∂E/∂W = r xᵀ and ∂E/∂b = r.
        var affine = new AffineLayer(2, 2);
        var w = Matrix<double>.Build.DenseOfArray(new double[,] { { 1, 2 }, { 0, -1 } });
        var b = Vector<double>.Build.DenseOfArray([0.5, 1]);
        var chain = new LayerChain([affine, new HalfSquaredNormEnergy(2)], [affine.Pack(w, b), ElementwiseLayer.Parameters()]);
        var x = Vector<double>.Build.DenseOfArray([1, 2]);
        Vector<double> r = w * x + b; // [5.5, -1]
        ChainGradient g = chain.BackPropagate(x);
        Assert.That(g.Energy, Is.EqualTo(0.5 * r.DotProduct(r)));
        Assert.That(g.ParameterGradients[0].ToArray(), Is.EqualTo(affine.Pack(r.OuterProduct(x), r).ToArray()));
        Assert.That(chain.ForwardPropagate(x).ParameterGradients[0].ToArray(), Is.EqualTo(g.ParameterGradients[0].ToArray()));
    }

    [Test]
    public void WithParametersRoundTrips()
    {
        LayerChain chain = LayerChain.RandomMlp(3, 2, 1);
        Vector<double> theta = chain.FlattenParameters();
        Assert.That(chain.WithParameters(theta).FlattenParameters(), Is.EqualTo(theta));
        Vector<double> x = chain.RandomInput(2);
        Assert.That(chain.WithParameters(theta).Energy(x), Is.EqualTo(chain.Energy(x)));
    }

    [Test]
    public void ChainsThatDoNotConnectAreRejected()
    {
        var none = ElementwiseLayer.Parameters();
        Assert.That(() => new LayerChain([ElementwiseLayer.Tanh(3), new HalfSquaredNormEnergy(4)], [none, none]),
            Throws.ArgumentException.With.Message.Contain("length 4").And.Message.Contain("length 3"));
        Assert.That(() => new LayerChain([ElementwiseLayer.Tanh(3)], [none]),
            Throws.ArgumentException.With.Message.Contain("scalar"));
        Assert.That(() => new LayerChain([new HalfSquaredNormEnergy(3)], [none, none]),
            Throws.ArgumentException.With.Message.Contain("1 layers but 2"));
        Assert.That(() => new LayerChain([new InnerProductEnergy(3)], [Gaussian(2, 1)]),
            Throws.ArgumentException.With.Message.Contain("length 2").And.Message.Contain("parameter count"));
        Assert.That(() => new LayerChain([], []), Throws.ArgumentException);
        LayerChain chain = LayerChain.RandomMlp(3, 1, 1);
        Assert.That(() => chain.Energy(Gaussian(4, 1)), Throws.ArgumentException.With.Message.Contain("length 4"));
        Assert.That(() => chain.WithParameters(Gaussian(2, 1)), Throws.ArgumentException.With.Message.Contain("length 2"));
    }

    [Test]
    public void RandomChainsAreReproducible()
    {
        Vector<double> first = LayerChain.RandomMlp(4, 2, 7).FlattenParameters();
        Vector<double> again = LayerChain.RandomMlp(4, 2, 7).FlattenParameters();
        Vector<double> other = LayerChain.RandomMlp(4, 2, 8).FlattenParameters();
        Assert.That(again, Is.EqualTo(first));
        Assert.That(other, Is.Not.EqualTo(first));
        Assert.That(LayerChain.RandomOperatorChain(2, 3).ToString(), Does.Contain("inverse").And.Contain("convolution").And.Contain("gram"));
    }

    /// <summary>Wraps a layer and counts how the chain uses it; can forbid the adjoint.</summary>
    private sealed class SpyLayer(ILayer inner, bool forbidBackward) : ILayer
    {
        public int DifferentialCalls, BackwardCalls, ForwardCalls;
        public string Name => "spy " + inner.Name;
        public int InputLength => inner.InputLength;
        public int OutputLength => inner.OutputLength;
        public int ParameterCount => inner.ParameterCount;

        public Vector<double> Forward(Vector<double> y, Vector<double> theta)
        {
            ForwardCalls++;
            return inner.Forward(y, theta);
        }

        public Vector<double> Differential(Vector<double> y, Vector<double> theta, Vector<double> dy, Vector<double> dTheta)
        {
            DifferentialCalls++;
            return inner.Differential(y, theta, dy, dTheta);
        }

        public (Vector<double> InputBar, Vector<double> ThetaBar) Backward(Vector<double> y, Vector<double> theta, Vector<double> yBar)
        {
            if (forbidBackward) throw new InvalidOperationException("forward propagation must not use adjoints");
            BackwardCalls++;
            return inner.Backward(y, theta, yBar);
        }
    }

    private static (LayerChain Chain, SpyLayer[] Spies) SpiedMlp(int width, int depth, int seed, bool forbidBackward)
    {
        LayerChain original = LayerChain.RandomMlp(width, depth, seed);
        SpyLayer[] spies = original.Layers.Select(l => new SpyLayer(l, forbidBackward)).ToArray();
        return (new LayerChain(spies, original.Parameters), spies);
    }

    [Test]
    public void ForwardPropagationUsesOnlyDifferentialsOnePassPerParameter()
    {
        var (chain, spies) = SpiedMlp(3, 2, 21, forbidBackward: true);
        Vector<double> x = chain.RandomInput(22);
        ChainGradient forward = chain.ForwardPropagate(x);
        // Pass for coordinate k of layer i runs layers i..n-1: layer j sees one differential per parameter of layers 0..j.
        int cumulative = 0;
        for (int j = 0; j < spies.Length; j++)
        {
            cumulative += chain.Layers[j].ParameterCount;
            Assert.That(spies[j].DifferentialCalls, Is.EqualTo(cumulative), $"layer {j}");
            Assert.That(spies[j].ForwardCalls, Is.EqualTo(1), $"layer {j}: one value pass");
        }
        var (reference, _) = SpiedMlp(3, 2, 21, forbidBackward: false);
        Assert.That((forward.Flatten() - reference.BackPropagate(x).Flatten()).L2Norm(),
            Is.LessThanOrEqualTo(Tolerances.ForProduct(chain.Layers.Sum(l => l.InputLength + l.ParameterCount)) * forward.Flatten().L2Norm()));
    }

    [Test]
    public void BackPropagationMakesOneValuePassAndOneBackwardPass()
    {
        var (chain, spies) = SpiedMlp(4, 3, 31, forbidBackward: false);
        chain.BackPropagate(chain.RandomInput(32));
        foreach (SpyLayer spy in spies)
        {
            Assert.That(spy.ForwardCalls, Is.EqualTo(1));
            Assert.That(spy.BackwardCalls, Is.EqualTo(1));
            Assert.That(spy.DifferentialCalls, Is.Zero);
        }
    }
}
