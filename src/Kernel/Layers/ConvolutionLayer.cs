using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Double;

namespace Differentials;

/// <summary>
/// A layer built on <see cref="CircularConvolution"/>: f(y, θ) = θ ∗ y, a circular convolution whose kernel
/// is the parameter vector (θ = a, length n, the same as y and the output). Differential da ∗ y + a ∗ dy;
/// adjoint ȳ_in = a ⋆ ȳ, ā = y ⋆ ȳ.
/// </summary>
public sealed class ConvolutionLayer : RuleLayer
{
    /// <summary>Creates the layer for signals of length n.</summary>
    /// <param name="length">n ≥ 1.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="length"/> is below 1.</exception>
    public ConvolutionLayer(int length) : base(Length(length), length, length)
    {
    }

    /// <inheritdoc />
    public override string Name => $"convolution {InputLength}";

    /// <summary>A random kernel with N(0, 1/n) entries, so that a ∗ y keeps the scale of y.</summary>
    /// <param name="random">The source of randomness.</param>
    /// <returns>θ = a.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="random"/> is null.</exception>
    public Vector<double> RandomParameters(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var normal = new MathNet.Numerics.Distributions.Normal(0, 1 / Math.Sqrt(InputLength), random);
        return DenseVector.Create(InputLength, _ => normal.Sample());
    }

    private protected override RulePoint<(Vector<double> Input, Vector<double> Theta), Vector<double>> At(
        Vector<double> y, Vector<double> theta, bool retained)
    {
        var conv = ConvolutionRule.Instance.At((theta, y), retained); // the kernel a = θ comes first
        return new(
            conv.Value,
            d => conv.Differential((d.Theta, d.Input)),
            yBar => { var bars = conv.Backward(yBar); return (bars.X, bars.A); });
    }

    private static int Length(int length)
    {
        Checks.AtLeastOne(length, nameof(length));
        return length;
    }
}
