using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Double;

namespace Differentials;

/// <summary>
/// The one generic layer: y ↦ f(y, θ) on flat vectors, with <see cref="Forward"/>, <see cref="Differential"/>,
/// <see cref="Backward"/> and <see cref="Linearize"/> derived, as for the operators, from a single linearization
/// at the point (a rule). A concrete layer states only its lengths and that linearization, usually by reshaping
/// and calling an operator's rule; lengths and finiteness are checked here once, and the operator's own checks
/// are not repeated.
/// </summary>
public abstract class RuleLayer : ILayer
{
    private static readonly Vector<double> NoParameters = new DenseVector(0);
    private readonly LayerRule _rule;

    private protected RuleLayer(int inputLength, int outputLength, int parameterCount)
    {
        InputLength = inputLength;
        OutputLength = outputLength;
        ParameterCount = parameterCount;
        _rule = new LayerRule(this);
    }

    /// <inheritdoc />
    public abstract string Name { get; }

    /// <inheritdoc />
    public int InputLength { get; }

    /// <inheritdoc />
    public int OutputLength { get; }

    /// <inheritdoc />
    public int ParameterCount { get; }

    /// <inheritdoc />
    public Vector<double> Forward(Vector<double> y, Vector<double> theta) => _rule.Forward((y, theta));

    /// <inheritdoc />
    public Vector<double> Differential(Vector<double> y, Vector<double> theta, Vector<double> dy, Vector<double> dTheta) =>
        _rule.Differential((y, theta), (dy, dTheta));

    /// <inheritdoc />
    public (Vector<double> InputBar, Vector<double> ThetaBar) Backward(Vector<double> y, Vector<double> theta, Vector<double> yBar) =>
        _rule.Backward((y, theta), yBar);

    /// <summary>Runs the forward pass once; the closures reuse what it computed and check only their own argument.</summary>
    /// <param name="y">The input, length <see cref="InputLength"/>.</param>
    /// <param name="theta">The parameters, length <see cref="ParameterCount"/>.</param>
    /// <returns>The output with u = (dy, dθ) ↦ df and ȳ ↦ (InputBar, ThetaBar).</returns>
    /// <exception cref="ArgumentException">A length is wrong, an input is not finite, or the layer's operator rejects the point.</exception>
    public Linearization<(Vector<double> Input, Vector<double> Theta), Vector<double>> Linearize(Vector<double> y, Vector<double> theta) =>
        _rule.Linearize((y, theta));

    /// <summary>The layer as a rule on (y, θ), for the conformance check.</summary>
    internal Rule<(Vector<double> Input, Vector<double> Theta), Vector<double>> Rule => _rule;

    /// <summary>The layer's mathematics at a checked point (see <see cref="Rule{TIn, TOut}.At"/> for <paramref name="retained"/>).</summary>
    private protected abstract RulePoint<(Vector<double> Input, Vector<double> Theta), Vector<double>> At(
        Vector<double> y, Vector<double> theta, bool retained);

    /// <summary>The empty parameters of a layer without any (one shared instance: nothing can be written into it).</summary>
    private protected static Vector<double> NoParameterVector => NoParameters;

    /// <summary>A fresh empty parameter gradient, so that no result is the caller's own (empty) θ.</summary>
    private protected static Vector<double> None => new DenseVector(0);

    /// <summary>A private copy when the point is retained, else the vector itself.</summary>
    private protected static Vector<double> Keep(Vector<double> v, bool retained) => retained ? v.Clone() : v;

    /// <summary>The column-major rows×columns matrix over v's storage (read only).</summary>
    private protected static Matrix<double> Unvec(Vector<double> v, int rows, int columns) =>
        new DenseMatrix(rows, columns, DenseColumnMajor.Values(v));

    /// <summary>vec(M) over M's storage (M is a fresh result).</summary>
    private protected static Vector<double> Vec(Matrix<double> m) => new DenseVector(DenseColumnMajor.Values(m));

    private sealed class LayerRule(RuleLayer layer) : Rule<(Vector<double> Input, Vector<double> Theta), Vector<double>>
    {
        public override string Name => layer.Name;

        public override void CheckPoint((Vector<double> Input, Vector<double> Theta) p)
        {
            Checks.LayerVector(layer, p.Input, "y", layer.InputLength, "input length");
            Checks.LayerVector(layer, p.Theta, "theta", layer.ParameterCount, "parameter count");
        }

        public override void CheckTangent((Vector<double> Input, Vector<double> Theta) p, (Vector<double> Input, Vector<double> Theta) d)
        {
            Checks.LayerVector(layer, d.Input, "dy", layer.InputLength, "input length");
            Checks.LayerVector(layer, d.Theta, "dTheta", layer.ParameterCount, "parameter count");
        }

        public override void CheckCotangent((Vector<double> Input, Vector<double> Theta) p, Vector<double> yBar) =>
            Checks.LayerVector(layer, yBar, "yBar", layer.OutputLength, "output length");

        public override RulePoint<(Vector<double> Input, Vector<double> Theta), Vector<double>> At(
            (Vector<double> Input, Vector<double> Theta) p, bool retained) => layer.At(p.Input, p.Theta, retained);
    }
}
