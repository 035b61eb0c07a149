using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Double;

namespace Differentials;

/// <summary>
/// A layer built on <see cref="CircularConvolution"/>: f(y, θ) = θ ∗ y, a circular convolution whose kernel
/// is the parameter vector (θ = a, length n, the same as y and the output). Differential da ∗ y + a ∗ dy;
/// adjoint ȳ_in = a ⋆ ȳ, ā = y ⋆ ȳ.
/// </summary>
public sealed class ConvolutionLayer : ILayer
{
    /// <summary>Creates the layer for signals of length n.</summary>
    /// <param name="length">n ≥ 1.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="length"/> is below 1.</exception>
    public ConvolutionLayer(int length)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(length, 1);
        InputLength = length;
    }

    /// <inheritdoc />
    public string Name => $"convolution {InputLength}";

    /// <inheritdoc />
    public int InputLength { get; }

    /// <inheritdoc />
    public int OutputLength => InputLength;

    /// <inheritdoc />
    public int ParameterCount => InputLength;

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

    /// <inheritdoc />
    public Vector<double> Forward(Vector<double> y, Vector<double> theta)
    {
        LayerGuard.Point(this, y, theta);
        return CircularConvolution.Forward(theta, y);
    }

    /// <inheritdoc />
    public Vector<double> Differential(Vector<double> y, Vector<double> theta, Vector<double> dy, Vector<double> dTheta)
    {
        LayerGuard.Perturbation(this, y, theta, dy, dTheta);
        return CircularConvolution.Differential(theta, y, dTheta, dy);
    }

    /// <inheritdoc />
    public (Vector<double> InputBar, Vector<double> ThetaBar) Backward(Vector<double> y, Vector<double> theta, Vector<double> yBar)
    {
        LayerGuard.OutputGradient(this, y, theta, yBar);
        var (aBar, xBar) = CircularConvolution.Backward(theta, y, yBar);
        return (xBar, aBar);
    }

    /// <summary>Transforms kernel and input once; the closures reuse both spectra.</summary>
    /// <param name="y">The input.</param>
    /// <param name="theta">The kernel.</param>
    /// <returns>The output with its differential and adjoint.</returns>
    /// <exception cref="ArgumentException">A length is wrong or an input is not finite.</exception>
    public Linearization<(Vector<double> Input, Vector<double> Theta), Vector<double>> Linearize(Vector<double> y, Vector<double> theta)
    {
        LayerGuard.Point(this, y, theta);
        var conv = CircularConvolution.Linearize(theta, y);
        return new Linearization<(Vector<double> Input, Vector<double> Theta), Vector<double>>(
            conv.Value,
            d =>
            {
                LayerGuard.Input(this, d.Input, "dy");
                LayerGuard.Parameters(this, d.Theta, "dTheta");
                return conv.Differential((d.Theta, d.Input));
            },
            yBar =>
            {
                LayerGuard.Output(this, yBar, "yBar");
                var bars = conv.Backward(yBar);
                return (bars.X, bars.A);
            });
    }
}
