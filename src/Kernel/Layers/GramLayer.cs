using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Double;

namespace Differentials;

/// <summary>
/// A layer built on <see cref="Gram"/>: f(y) = vec(XᵀX) with X = unvec(y) of size m×n, column-major; input
/// length m·n, output length n², no parameters. Differential vec(dXᵀX + XᵀdX); adjoint vec(X(Ȳ + Ȳᵀ)).
/// </summary>
public sealed class GramLayer : RuleLayer
{
    /// <summary>Creates the layer for m×n inputs.</summary>
    /// <param name="rows">m ≥ 1.</param>
    /// <param name="columns">n ≥ 1.</param>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is below 1.</exception>
    /// <exception cref="ArgumentException">m·n or n² exceeds the elements one array can hold.</exception>
    public GramLayer(int rows, int columns)
        : base(InputSize(rows, columns), Checks.Elements(columns, columns, "The output vec(XᵀX) of a Gram layer", nameof(columns)), 0)
    {
        Rows = rows;
        Columns = columns;
    }

    /// <summary>m, the rows of X.</summary>
    public int Rows { get; }

    /// <summary>n, the columns of X.</summary>
    public int Columns { get; }

    /// <inheritdoc />
    public override string Name => $"gram XᵀX {Rows}×{Columns}";

    private protected override RulePoint<(Vector<double> Input, Vector<double> Theta), Vector<double>> At(
        Vector<double> y, Vector<double> theta, bool retained)
    {
        var gram = GramRule.Instance.At(Unvec(y, Rows, Columns), retained);
        return new(
            () => Vec(gram.Value()),
            d => Vec(gram.Differential(Unvec(d.Input, Rows, Columns))),
            yBar => (Vec(gram.Backward(Unvec(yBar, Columns, Columns))), None));
    }

    private static int InputSize(int rows, int columns)
    {
        Checks.AtLeastOne(rows, nameof(rows));
        Checks.AtLeastOne(columns, nameof(columns));
        return Checks.Elements(rows, columns, "The input vec(X) of a Gram layer", nameof(rows));
    }
}
