using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Double;

namespace Differentials;

/// <summary>
/// A scalar nonlinearity σ applied to each entry, f(y) = σ(y), with no parameters. Its Jacobian is diagonal,
/// so the differential σ′(y) ⊙ dy and the adjoint σ′(y) ⊙ ȳ are the same product.
/// </summary>
public sealed class ElementwiseLayer : ILayer
{
    private static readonly Vector<double> NoParameters = new DenseVector(0);
    private readonly Func<double, double> _function;
    private readonly Func<double, double> _derivative;

    /// <summary>Creates the layer from σ and σ′.</summary>
    /// <param name="length">Input and output length, at least 1.</param>
    /// <param name="name">The function's name, e.g. "tanh".</param>
    /// <param name="function">σ.</param>
    /// <param name="derivative">σ′.</param>
    /// <exception cref="ArgumentNullException">A function or the name is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="length"/> is below 1.</exception>
    public ElementwiseLayer(int length, string name, Func<double, double> function, Func<double, double> derivative)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(length, 1);
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(derivative);
        InputLength = length;
        FunctionName = name;
        _function = function;
        _derivative = derivative;
    }

    /// <summary>tanh, with derivative 1 − tanh².</summary>
    /// <param name="length">Input and output length.</param>
    /// <returns>The layer.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="length"/> is below 1.</exception>
    public static ElementwiseLayer Tanh(int length) =>
        new(length, "tanh", Math.Tanh, y => { double t = Math.Tanh(y); return 1 - t * t; });

    /// <summary>softplus log(1 + eʸ), computed without overflow as max(y, 0) + log1p(e^−|y|); its derivative is the logistic 1/(1 + e^−y).</summary>
    /// <param name="length">Input and output length.</param>
    /// <returns>The layer.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="length"/> is below 1.</exception>
    public static ElementwiseLayer Softplus(int length) =>
        new(length, "softplus", y => Math.Max(y, 0) + LogOnePlus(Math.Exp(-Math.Abs(y))), y => 1 / (1 + Math.Exp(-y)));

    /// <summary>The function's name.</summary>
    public string FunctionName { get; }

    /// <inheritdoc />
    public string Name => $"{FunctionName} {InputLength}";

    /// <inheritdoc />
    public int InputLength { get; }

    /// <inheritdoc />
    public int OutputLength => InputLength;

    /// <inheritdoc />
    public int ParameterCount => 0;

    /// <summary>The empty parameter vector this layer takes.</summary>
    /// <returns>A vector of length 0.</returns>
    public static Vector<double> Parameters() => NoParameters;

    /// <inheritdoc />
    public Vector<double> Forward(Vector<double> y, Vector<double> theta)
    {
        LayerGuard.Point(this, y, theta);
        return y.Map(_function);
    }

    /// <inheritdoc />
    public Vector<double> Differential(Vector<double> y, Vector<double> theta, Vector<double> dy, Vector<double> dTheta)
    {
        LayerGuard.Perturbation(this, y, theta, dy, dTheta);
        return y.Map(_derivative).PointwiseMultiply(dy);
    }

    /// <inheritdoc />
    public (Vector<double> InputBar, Vector<double> ThetaBar) Backward(Vector<double> y, Vector<double> theta, Vector<double> yBar)
    {
        LayerGuard.OutputGradient(this, y, theta, yBar);
        return (y.Map(_derivative).PointwiseMultiply(yBar), new DenseVector(0));
    }

    /// <summary>Evaluates σ(y) and σ′(y) once; both closures multiply by the stored σ′(y).</summary>
    /// <param name="y">The input.</param>
    /// <param name="theta">The (empty) parameters.</param>
    /// <returns>σ(y) with its differential and adjoint.</returns>
    /// <exception cref="ArgumentException">A length is wrong or an input is not finite.</exception>
    public Linearization<(Vector<double> Input, Vector<double> Theta), Vector<double>> Linearize(Vector<double> y, Vector<double> theta)
    {
        LayerGuard.Point(this, y, theta);
        Vector<double> slope = y.Map(_derivative);
        return new Linearization<(Vector<double> Input, Vector<double> Theta), Vector<double>>(
            y.Map(_function),
            d =>
            {
                LayerGuard.Input(this, d.Input, "dy");
                LayerGuard.Parameters(this, d.Theta, "dTheta");
                return slope.PointwiseMultiply(d.Input);
            },
            yBar =>
            {
                LayerGuard.Output(this, yBar, "yBar");
                return (slope.PointwiseMultiply(yBar), new DenseVector(0));
            });
    }

    // log(1 + x) accurately for small x (Math has no log1p).
    private static double LogOnePlus(double x)
    {
        double u = 1 + x;
        return u == 1 ? x : Math.Log(u) * x / (u - 1);
    }
}
