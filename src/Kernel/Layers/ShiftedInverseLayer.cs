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
public sealed class ShiftedInverseLayer : ILayer
{
    /// <summary>Creates the layer for n×n matrices.</summary>
    /// <param name="order">n ≥ 1.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="order"/> is below 1.</exception>
    public ShiftedInverseLayer(int order)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(order, 1);
        Order = order;
    }

    /// <summary>The matrix order n.</summary>
    public int Order { get; }

    /// <inheritdoc />
    public string Name => $"inverse (Y+Θ)⁻¹ {Order}×{Order}";

    /// <inheritdoc />
    public int InputLength => Order * Order;

    /// <inheritdoc />
    public int OutputLength => Order * Order;

    /// <inheritdoc />
    public int ParameterCount => Order * Order;

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

    /// <inheritdoc />
    public Vector<double> Forward(Vector<double> y, Vector<double> theta)
    {
        LayerGuard.Point(this, y, theta);
        return Vec(MatrixInverse.Forward(Shifted(y, theta)));
    }

    /// <inheritdoc />
    public Vector<double> Differential(Vector<double> y, Vector<double> theta, Vector<double> dy, Vector<double> dTheta)
    {
        LayerGuard.Perturbation(this, y, theta, dy, dTheta);
        return Vec(MatrixInverse.Differential(Shifted(y, theta), Shifted(dy, dTheta)));
    }

    /// <inheritdoc />
    public (Vector<double> InputBar, Vector<double> ThetaBar) Backward(Vector<double> y, Vector<double> theta, Vector<double> yBar)
    {
        LayerGuard.OutputGradient(this, y, theta, yBar);
        Vector<double> zBar = Vec(MatrixInverse.Backward(Shifted(y, theta), Unvec(yBar)));
        return (zBar, zBar.Clone());
    }

    /// <summary>Inverts Y + Θ once; the closures reuse the inverse.</summary>
    /// <param name="y">The input.</param>
    /// <param name="theta">The parameters.</param>
    /// <returns>The output with its differential and adjoint.</returns>
    /// <exception cref="ArgumentException">A length is wrong, an input is not finite, or Y + Θ is singular.</exception>
    public Linearization<(Vector<double> Input, Vector<double> Theta), Vector<double>> Linearize(Vector<double> y, Vector<double> theta)
    {
        LayerGuard.Point(this, y, theta);
        var inverse = MatrixInverse.Linearize(Shifted(y, theta));
        return new Linearization<(Vector<double> Input, Vector<double> Theta), Vector<double>>(
            Vec(inverse.Value),
            d =>
            {
                LayerGuard.Input(this, d.Input, "dy");
                LayerGuard.Parameters(this, d.Theta, "dTheta");
                return Vec(inverse.Differential(Shifted(d.Input, d.Theta)));
            },
            yBar =>
            {
                LayerGuard.Output(this, yBar, "yBar");
                Vector<double> zBar = Vec(inverse.Backward(Unvec(yBar)));
                return (zBar, zBar.Clone());
            });
    }

    private Matrix<double> Shifted(Vector<double> y, Vector<double> theta) => Unvec(y + theta);

    private Matrix<double> Unvec(Vector<double> v) => DenseMatrix.OfColumnMajor(Order, Order, DenseColumnMajor.Values(v));

    private static Vector<double> Vec(Matrix<double> m) => DenseVector.OfArray(DenseColumnMajor.Values(m));
}
