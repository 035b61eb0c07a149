using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Double;

namespace Differentials;

/// <summary>
/// The scalar energy E = ½‖y‖² that closes a chain: output length 1, no parameters. dE = ⟨y, dy⟩, and
/// given Ē (the output gradient, 1 when E is the quantity differentiated) the adjoint is ȳ = Ē·y.
/// </summary>
public sealed class HalfSquaredNormEnergy : ILayer
{
    /// <summary>Creates the energy for inputs of length n.</summary>
    /// <param name="length">n ≥ 1.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="length"/> is below 1.</exception>
    public HalfSquaredNormEnergy(int length)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(length, 1);
        InputLength = length;
    }

    /// <inheritdoc />
    public string Name => $"energy ½‖y‖² {InputLength}";

    /// <inheritdoc />
    public int InputLength { get; }

    /// <inheritdoc />
    public int OutputLength => 1;

    /// <inheritdoc />
    public int ParameterCount => 0;

    /// <inheritdoc />
    public Vector<double> Forward(Vector<double> y, Vector<double> theta)
    {
        LayerGuard.Point(this, y, theta);
        return DenseVector.Create(1, _ => 0.5 * y.DotProduct(y));
    }

    /// <inheritdoc />
    public Vector<double> Differential(Vector<double> y, Vector<double> theta, Vector<double> dy, Vector<double> dTheta)
    {
        LayerGuard.Perturbation(this, y, theta, dy, dTheta);
        return DenseVector.Create(1, _ => y.DotProduct(dy));
    }

    /// <inheritdoc />
    public (Vector<double> InputBar, Vector<double> ThetaBar) Backward(Vector<double> y, Vector<double> theta, Vector<double> yBar)
    {
        LayerGuard.OutputGradient(this, y, theta, yBar);
        return (y * yBar[0], new DenseVector(0));
    }
}
