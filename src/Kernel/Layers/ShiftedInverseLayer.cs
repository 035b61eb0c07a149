using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Double;

namespace Differentials;

/// <summary>
/// A layer built on <see cref="MatrixInverse"/>: f(y, θ) = vec((Y + Θ)⁻¹) with Y = unvec(y) and Θ = unvec(θ),
/// both n×n and column-major (input, parameters and output all have length n²). With Z = Y + Θ and
/// W = Z⁻¹, the differential is −W (dY + dΘ) W and the adjoint gives Ȳ_in = Θ̄ = −Wᵀ Ȳ Wᵀ.
/// The parameter Θ is the shift that keeps Z well conditioned: <see cref="DefaultParameters"/> makes
/// Z strictly diagonally dominant whenever |Y_ij| &lt; 1 (as after a tanh layer).
/// </summary>
public sealed class ShiftedInverseLayer : RuleLayer
{
    /// <summary>Creates the layer for n×n matrices.</summary>
    /// <param name="order">n ≥ 1.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="order"/> is below 1.</exception>
    /// <exception cref="ArgumentException">n² exceeds the elements one array can hold.</exception>
    public ShiftedInverseLayer(int order) : base(Size(order), Size(order), Size(order)) => Order = order;

    private static int Size(int order)
    {
        Checks.AtLeastOne(order, nameof(order));
        return Checks.Elements(order, order, "vec(Y) of an inverse layer", nameof(order));
    }

    /// <summary>The matrix order n.</summary>
    public int Order { get; }

    /// <inheritdoc />
    public override string Name => $"inverse (Y+Θ)⁻¹ {Order}×{Order}";

    /// <summary>
    /// Θ = (n + 1)·I plus N(0, 0.01²) noise. When |Y_ij| &lt; 1, each diagonal entry of Y + Θ exceeds n − (noise)
    /// while each row's off-diagonal entries sum to less than (n − 1)(1 + noise): the matrix stays strictly
    /// diagonally dominant, hence invertible with a small condition number.
    /// </summary>
    /// <param name="random">The source of the noise.</param>
    /// <returns>θ = vec(Θ).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="random"/> is null.</exception>
    public Vector<double> DefaultParameters(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var normal = new MathNet.Numerics.Distributions.Normal(0, 0.01, random);
        Matrix<double> theta = DenseMatrix.CreateIdentity(Order) * (Order + 1);
        for (int j = 0; j < Order; j++)
            for (int i = 0; i < Order; i++) theta[i, j] += normal.Sample();
        return DenseVector.OfArray(theta.ToColumnMajorArray());
    }

    private protected override RulePoint<(Vector<double> Input, Vector<double> Theta), Vector<double>> At(
        Vector<double> y, Vector<double> theta, bool retained)
    {
        var inverse = InverseRule.Instance.At(Unvec(y + theta, Order, Order), retained); // Z = Y + Θ, a fresh matrix
        return new(
            () => Vec(inverse.Value()),                                                   // vec(Z⁻¹)
            d => Vec(inverse.Differential(Unvec(d.Input + d.Theta, Order, Order))),       // −W (dY + dΘ) W
            yBar =>
            {
                Vector<double> zBar = Vec(inverse.Backward(Unvec(yBar, Order, Order)));  // Ȳ_in = Θ̄ = −Wᵀ Ȳ Wᵀ
                return (zBar, zBar.Clone());
            });
    }
}
