using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Double;

namespace Differentials;

/// <summary>
/// The scalar energy E = ½‖y‖² that closes a chain: output length 1, no parameters. dE = ⟨y, dy⟩, and
/// given Ē (the output gradient, 1 when E is the quantity differentiated) the adjoint is ȳ = Ē·y.
/// </summary>
public sealed class HalfSquaredNormEnergy : RuleLayer
{
    /// <summary>Creates the energy for inputs of length n.</summary>
    /// <param name="length">n ≥ 1.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="length"/> is below 1.</exception>
    public HalfSquaredNormEnergy(int length) : base(Length(length), 1, 0)
    {
    }

    /// <inheritdoc />
    public override string Name => $"energy ½‖y‖² {InputLength}";

    private protected override RulePoint<(Vector<double> Input, Vector<double> Theta), Vector<double>> At(
        Vector<double> y, Vector<double> theta, bool retained)
    {
        Vector<double> yk = Keep(y, retained);
        return new(
            () => DenseVector.Create(1, _ => 0.5 * yk.DotProduct(yk)), // ½‖y‖²
            d => DenseVector.Create(1, _ => yk.DotProduct(d.Input)),    // ⟨y, dy⟩
            eBar => (yk * eBar[0], None));                              // (Ē·y, none)
    }

    private static int Length(int length)
    {
        Checks.AtLeastOne(length, nameof(length));
        return length;
    }
}
