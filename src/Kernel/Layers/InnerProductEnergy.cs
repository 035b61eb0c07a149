using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Double;

namespace Differentials;

/// <summary>
/// The scalar energy E = ⟨c, y⟩ with the weights c as its parameters (θ = c, length n): output length 1.
/// dE = ⟨dc, y⟩ + ⟨c, dy⟩ (the product rule), and the adjoint is ȳ = Ē·c, c̄ = Ē·y.
/// </summary>
public sealed class InnerProductEnergy : ILayer
{
    /// <summary>Creates the energy for inputs of length n.</summary>
    /// <param name="length">n ≥ 1.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="length"/> is below 1.</exception>
    public InnerProductEnergy(int length)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(length, 1);
        InputLength = length;
    }

    /// <inheritdoc />
    public string Name => $"energy ⟨c, y⟩ {InputLength}";

    /// <inheritdoc />
    public int InputLength { get; }

    /// <inheritdoc />
    public int OutputLength => 1;

    /// <inheritdoc />
    public int ParameterCount => InputLength;

    /// <inheritdoc />
    public Vector<double> Forward(Vector<double> y, Vector<double> theta)
    {
        LayerGuard.Point(this, y, theta);
        return DenseVector.Create(1, _ => theta.DotProduct(y));
    }

    /// <inheritdoc />
    public Vector<double> Differential(Vector<double> y, Vector<double> theta, Vector<double> dy, Vector<double> dTheta)
    {
        LayerGuard.Perturbation(this, y, theta, dy, dTheta);
        return DenseVector.Create(1, _ => ProductRule.InnerProduct(theta, y, dTheta, dy));
    }

    /// <inheritdoc />
    public (Vector<double> InputBar, Vector<double> ThetaBar) Backward(Vector<double> y, Vector<double> theta, Vector<double> yBar)
    {
        LayerGuard.OutputGradient(this, y, theta, yBar);
        return (theta * yBar[0], y * yBar[0]);
    }
}
