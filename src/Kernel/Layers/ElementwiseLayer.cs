using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Double;

namespace Differentials;

/// <summary>
/// A scalar nonlinearity σ applied to each entry, f(y) = σ(y), with no parameters. Its Jacobian is diagonal,
/// so the differential σ′(y) ⊙ dy and the adjoint σ′(y) ⊙ ȳ are the same product.
/// </summary>
public sealed class ElementwiseLayer : RuleLayer
{
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
        : base(Length(length), length, 0)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(derivative);
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
    public override string Name => $"{FunctionName} {InputLength}";

    /// <summary>The empty parameter vector this layer takes.</summary>
    /// <returns>A vector of length 0.</returns>
    public static Vector<double> Parameters() => NoParameterVector;

    private protected override RulePoint<(Vector<double> Input, Vector<double> Theta), Vector<double>> At(
        Vector<double> y, Vector<double> theta, bool retained)
    {
        // σ′(y) once when retained (both maps multiply by it); a single map computes it for itself.
        Vector<double>? kept = retained ? y.Map(_derivative) : null;
        Vector<double> Slope() => kept ?? y.Map(_derivative);
        return new(
            () => y.Map(_function),                                   // σ(y)
            d => Slope().PointwiseMultiply(d.Input),                  // σ′(y) ⊙ dy
            yBar => (Slope().PointwiseMultiply(yBar), None));         // (σ′(y) ⊙ ȳ, none)
    }

    private static int Length(int length)
    {
        Checks.AtLeastOne(length, nameof(length));
        return length;
    }

    // log(1 + x) accurately for small x (Math has no log1p).
    private static double LogOnePlus(double x)
    {
        double u = 1 + x;
        return u == 1 ? x : Math.Log(u) * x / (u - 1);
    }
}
