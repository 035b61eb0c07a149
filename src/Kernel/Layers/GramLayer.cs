using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Double;

namespace Differentials;

/// <summary>
/// A layer built on <see cref="Gram"/>: f(y) = vec(XᵀX) with X = unvec(y) of size m×n, column-major; input
/// length m·n, output length n², no parameters. Differential vec(dXᵀX + XᵀdX); adjoint vec(X(Ȳ + Ȳᵀ)).
/// </summary>
public sealed class GramLayer : ILayer
{
    /// <summary>Creates the layer for m×n inputs.</summary>
    /// <param name="rows">m ≥ 1.</param>
    /// <param name="columns">n ≥ 1.</param>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is below 1.</exception>
    public GramLayer(int rows, int columns)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rows, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(columns, 1);
        Rows = rows;
        Columns = columns;
    }

    /// <summary>m, the rows of X.</summary>
    public int Rows { get; }

    /// <summary>n, the columns of X.</summary>
    public int Columns { get; }

    /// <inheritdoc />
    public string Name => $"gram XᵀX {Rows}×{Columns}";

    /// <inheritdoc />
    public int InputLength => Rows * Columns;

    /// <inheritdoc />
    public int OutputLength => Columns * Columns;

    /// <inheritdoc />
    public int ParameterCount => 0;

    /// <inheritdoc />
    public Vector<double> Forward(Vector<double> y, Vector<double> theta)
    {
        LayerGuard.Point(this, y, theta);
        return Vec(Gram.Forward(Unvec(y)));
    }

    /// <inheritdoc />
    public Vector<double> Differential(Vector<double> y, Vector<double> theta, Vector<double> dy, Vector<double> dTheta)
    {
        LayerGuard.Perturbation(this, y, theta, dy, dTheta);
        return Vec(Gram.Differential(Unvec(y), Unvec(dy)));
    }

    /// <inheritdoc />
    public (Vector<double> InputBar, Vector<double> ThetaBar) Backward(Vector<double> y, Vector<double> theta, Vector<double> yBar)
    {
        LayerGuard.OutputGradient(this, y, theta, yBar);
        Matrix<double> yBarMatrix = DenseMatrix.OfColumnMajor(Columns, Columns, DenseColumnMajor.Values(yBar));
        return (Vec(Gram.Backward(Unvec(y), yBarMatrix)), new DenseVector(0));
    }

    /// <summary>Reshapes y once and reuses <see cref="Gram.Linearize"/>.</summary>
    /// <param name="y">The input.</param>
    /// <param name="theta">The (empty) parameters.</param>
    /// <returns>vec(XᵀX) with its differential and adjoint.</returns>
    /// <exception cref="ArgumentException">A length is wrong or an input is not finite.</exception>
    public Linearization<(Vector<double> Input, Vector<double> Theta), Vector<double>> Linearize(Vector<double> y, Vector<double> theta)
    {
        LayerGuard.Point(this, y, theta);
        var gram = Gram.Linearize(Unvec(y));
        return new Linearization<(Vector<double> Input, Vector<double> Theta), Vector<double>>(
            Vec(gram.Value),
            d =>
            {
                LayerGuard.Input(this, d.Input, "dy");
                LayerGuard.Parameters(this, d.Theta, "dTheta");
                return Vec(gram.Differential(Unvec(d.Input)));
            },
            yBar =>
            {
                LayerGuard.Output(this, yBar, "yBar");
                Matrix<double> yBarMatrix = DenseMatrix.OfColumnMajor(Columns, Columns, DenseColumnMajor.Values(yBar));
                return (Vec(gram.Backward(yBarMatrix)), new DenseVector(0));
            });
    }

    private Matrix<double> Unvec(Vector<double> v) => DenseMatrix.OfColumnMajor(Rows, Columns, DenseColumnMajor.Values(v));

    private static Vector<double> Vec(Matrix<double> m) => DenseVector.OfArray(DenseColumnMajor.Values(m));
}
