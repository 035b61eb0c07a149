using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Double;

namespace Differentials;

/// <summary>
/// The scalar energy E = ⟨c, y⟩ with the weights c as its parameters (θ = c, length n): output length 1.
/// dE = ⟨dc, y⟩ + ⟨c, dy⟩ (the product rule), and the adjoint is ȳ = Ē·c, c̄ = Ē·y.
/// </summary>
public sealed class InnerProductEnergy : RuleLayer
{
    /// <summary>Creates the energy for inputs of length n.</summary>
    /// <param name="length">n ≥ 1.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="length"/> is below 1.</exception>
    public InnerProductEnergy(int length) : base(Length(length), 1, length)
    {
    }

    /// <inheritdoc />
    public override string Name => $"energy ⟨c, y⟩ {InputLength}";

    private protected override RulePoint<(Vector<double> Input, Vector<double> Theta), Vector<double>> At(
        Vector<double> y, Vector<double> theta, bool retained)
    {
        Vector<double> yk = Keep(y, retained), c = Keep(theta, retained);
        return new(
            () => DenseVector.Create(1, _ => c.DotProduct(yk)),                                // ⟨c, y⟩
            d => DenseVector.Create(1, _ => d.Theta.DotProduct(yk) + c.DotProduct(d.Input)),   // ⟨dc, y⟩ + ⟨c, dy⟩
            eBar => (c * eBar[0], yk * eBar[0]));                                              // (Ē·c, Ē·y)
    }

    private static int Length(int length)
    {
        Checks.AtLeastOne(length, nameof(length));
        return length;
    }
}
