using Differentials.Verification;
using MathNet.Numerics.LinearAlgebra;
using static Differentials.Tests.Operators.OperatorTestSupport;

namespace Differentials.Tests.Layers;

/// <summary>Every layer through the conformance check (its table is <see cref="Cases"/>), plus what is particular to some.</summary>
public class LayerTests
{
    /// <summary>A layer with a point (y, θ) where it is well behaved, and the condition number of its maps.</summary>
    public sealed record Case(string Label, ILayer Layer, Vector<double> Y, Vector<double> Theta, double Kappa)
    {
        public override string ToString() => Label;
    }

    public static IEnumerable<Case> Cases()
    {
        var random = new Random(5);
        var affine = new AffineLayer(5, 3);
        yield return new Case("affine 5→3", affine, Gaussian(5, 1), affine.RandomParameters(random), 1);
        yield return new Case("tanh 6", ElementwiseLayer.Tanh(6), Gaussian(6, 2), ElementwiseLayer.Parameters(), 1);
        yield return new Case("softplus 6", ElementwiseLayer.Softplus(6), Gaussian(6, 3), ElementwiseLayer.Parameters(), 1);
        var inverse = new ShiftedInverseLayer(3);
        // tanh keeps |Y_ij| < 1, where the default shift makes Y + Θ diagonally dominant (κ ≤ 2n + 2 = 8).
        yield return new Case("inverse 3×3", inverse, Gaussian(9, 4).Map(Math.Tanh), inverse.DefaultParameters(random), 8);
        yield return new Case("gram 4×3", new GramLayer(4, 3), Gaussian(12, 5), ElementwiseLayer.Parameters(), 1);
        var convolution = new ConvolutionLayer(7);
        yield return new Case("convolution 7", convolution, Gaussian(7, 6), convolution.RandomParameters(random), 1);
        yield return new Case("½‖y‖² 4", new HalfSquaredNormEnergy(4), Gaussian(4, 7), ElementwiseLayer.Parameters(), 1);
        yield return new Case("⟨c, y⟩ 4", new InnerProductEnergy(4), Gaussian(4, 8), Gaussian(4, 9), 1);
    }

    [TestCaseSource(nameof(Cases))]
    public void PassesTheConformanceCheck(Case c) =>
        Conformance.Check(((RuleLayer)c.Layer).Rule, (c.Y, c.Theta), c.Kappa, seed: 17).EnsurePassed();

    [TestCaseSource(nameof(Cases))]
    public void WrongLengthsAreRejectedWithTheLayerName(Case c)
    {
        ILayer layer = c.Layer;
        Vector<double> tooLong = Gaussian(layer.InputLength + 1, 41);
        Assert.That(() => layer.Forward(tooLong, c.Theta),
            Throws.ArgumentException.With.Message.Contain(layer.Name).And.Property("ParamName").EqualTo("y"));
        Assert.That(() => layer.Forward(c.Y, Gaussian(layer.ParameterCount + 1, 42)),
            Throws.ArgumentException.With.Property("ParamName").EqualTo("theta"));
        Assert.That(() => layer.Backward(c.Y, c.Theta, Gaussian(layer.OutputLength + 1, 43)),
            Throws.ArgumentException.With.Property("ParamName").EqualTo("yBar"));
        Assert.That(() => layer.Differential(c.Y, c.Theta, tooLong, c.Theta),
            Throws.ArgumentException.With.Property("ParamName").EqualTo("dy"));
        var lin = layer.Linearize(c.Y, c.Theta);
        Assert.That(() => lin.Backward(Gaussian(layer.OutputLength + 1, 44)), Throws.ArgumentException);
    }

    [Test]
    public void NonFiniteInputIsRejected()
    {
        var layer = ElementwiseLayer.Tanh(3);
        var y = Vector<double>.Build.DenseOfArray([1, double.NaN, 2]);
        Assert.That(() => layer.Forward(y, ElementwiseLayer.Parameters()),
            Throws.ArgumentException.With.Message.Contain("contains NaN or infinity"));
    }

    [Test]
    public void AffineLayerComputesWyPlusB()
    {
        var layer = new AffineLayer(2, 3);
        var w = Matrix<double>.Build.DenseOfArray(new double[,] { { 1, 2 }, { 3, 4 }, { 5, 6 } });
        var b = Vector<double>.Build.DenseOfArray([1, 0, -1]);
        Vector<double> theta = layer.Pack(w, b);
        // θ = [vec(W); b] column-major.
        Assert.That(theta.ToArray(), Is.EqualTo(new double[] { 1, 3, 5, 2, 4, 6, 1, 0, -1 }));
        var y = Vector<double>.Build.DenseOfArray([1, -1]);
        Assert.That(layer.Forward(y, theta).ToArray(), Is.EqualTo(new double[] { 0, -1, -2 }));
        // W̄ = ȳ yᵀ, b̄ = ȳ, ȳ_in = Wᵀȳ: small integers, exact.
        var yBar = Vector<double>.Build.DenseOfArray([1, 2, 3]);
        var (inputBar, thetaBar) = layer.Backward(y, theta, yBar);
        Assert.That(inputBar.ToArray(), Is.EqualTo(new double[] { 22, 28 }));
        Assert.That(thetaBar.ToArray(), Is.EqualTo(new double[] { 1, 2, 3, -1, -2, -3, 1, 2, 3 }));
    }

    [Test]
    public void SoftplusIsStableForLargeArguments()
    {
        var layer = ElementwiseLayer.Softplus(3);
        Vector<double> y = layer.Forward(Vector<double>.Build.DenseOfArray([-800, 0, 800]), ElementwiseLayer.Parameters());
        Assert.That(y[0], Is.GreaterThanOrEqualTo(0).And.LessThan(1e-300));
        Assert.That(y[1], Is.EqualTo(Math.Log(2)).Within(Eps));
        Assert.That(y[2], Is.EqualTo(800));
    }

    [Test]
    public void ShiftedInverseRejectsASingularShift()
    {
        var layer = new ShiftedInverseLayer(2);
        var y = Vector<double>.Build.DenseOfArray([1, 1, 1, 1]);
        Assert.That(() => layer.Forward(y, Vector<double>.Build.Dense(4)),
            Throws.InstanceOf<SingularMatrixException>().With.Message.Contain("singular").And.Message.Contain("2×2"));
    }
}
