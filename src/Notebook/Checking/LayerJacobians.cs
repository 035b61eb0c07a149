using Differentials.Verification;
using MathNet.Numerics.LinearAlgebra;

namespace Differentials.Notebook;

/// <summary>
/// The two Jacobians of a chain's layer at the point of a forward pass, read off its differential column
/// by column (the identification rule of notebook 06), and the rounding bound that compares two ways of
/// multiplying them (back- and forward propagation, notebooks 07 and 08).
/// </summary>
public static class LayerJacobians
{
    /// <summary>∂fᵢ/∂yᵢ₋₁ (mᵢ × mᵢ₋₁) of layer <paramref name="index"/> at the chain's values for input x.</summary>
    /// <param name="chain">The chain.</param>
    /// <param name="values">The chain's values y₀ = x, y₁, … from <see cref="LayerChain.Values"/>.</param>
    /// <param name="index">The layer, 0-based.</param>
    /// <returns>The Jacobian with respect to the layer's input.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is not a layer of the chain.</exception>
    public static Matrix<double> Input(LayerChain chain, IReadOnlyList<Vector<double>> values, int index)
    {
        var layer = LayerAt(chain, values, index);
        var theta = chain.Parameters[index];
        var zero = Vector<double>.Build.Dense(layer.ParameterCount);
        return Jacobians.FromForward(u => layer.Differential(values[index], theta, u, zero), layer.InputLength);
    }

    /// <summary>∂fᵢ/∂θᵢ (mᵢ × pᵢ) of layer <paramref name="index"/>, or null when the layer has no parameters.</summary>
    /// <param name="chain">The chain.</param>
    /// <param name="values">The chain's values from <see cref="LayerChain.Values"/>.</param>
    /// <param name="index">The layer, 0-based.</param>
    /// <returns>The Jacobian with respect to the layer's parameters, or null when pᵢ = 0.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is not a layer of the chain.</exception>
    public static Matrix<double>? Parameters(LayerChain chain, IReadOnlyList<Vector<double>> values, int index)
    {
        var layer = LayerAt(chain, values, index);
        if (layer.ParameterCount == 0) return null;
        var theta = chain.Parameters[index];
        var zero = Vector<double>.Build.Dense(layer.InputLength);
        return Jacobians.FromForward(u => layer.Differential(values[index], theta, zero, u), layer.ParameterCount);
    }

    /// <summary>
    /// Compares two computations of a chain's gradients that sum the same products of Jacobian entries in
    /// different orders (back-propagation, forward propagation, an explicit Jacobian recursion). Each entry may
    /// differ by at most 2γ_K times the back-propagation recursion run on absolute values |∂E/∂yᵢ| |J|, with
    /// K = Σᵢ (mᵢ + 3) (each step a dot product of length mᵢ over entries carrying a few roundings). The error
    /// is the largest |Δ| ÷ bound over all parameter and input entries; the tolerance is 2γ_K.
    /// </summary>
    /// <param name="name">What is compared, for the display.</param>
    /// <param name="chain">The chain.</param>
    /// <param name="x">The input.</param>
    /// <param name="a">The first computation's ∂E/∂θᵢ, per layer.</param>
    /// <param name="b">The second computation's ∂E/∂θᵢ, per layer.</param>
    /// <param name="inputA">The first computation's ∂E/∂x, or null to compare parameters only.</param>
    /// <param name="inputB">The second computation's ∂E/∂x, or null.</param>
    /// <returns>The check.</returns>
    /// <exception cref="ArgumentNullException">A required argument is null.</exception>
    /// <exception cref="ArgumentException">A gradient's layout does not match the chain's layers.</exception>
    public static VerificationResult CompareGradients(string name, LayerChain chain, Vector<double> x,
        IReadOnlyList<Vector<double>> a, IReadOnlyList<Vector<double>> b,
        Vector<double>? inputA = null, Vector<double>? inputB = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(chain);
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        int n = chain.Depth;
        if (a.Count != n || b.Count != n)
            throw new ArgumentException($"Gradients need one vector per layer: the chain has {n} layers, got {a.Count} and {b.Count}.", nameof(a));
        for (int i = 0; i < n; i++)
            if (a[i].Count != chain.Layers[i].ParameterCount || b[i].Count != chain.Layers[i].ParameterCount)
                throw new ArgumentException(
                    $"Layer {i} ({chain.Layers[i].Name}) has {chain.Layers[i].ParameterCount} parameters; the gradients have {a[i].Count} and {b[i].Count}.", nameof(a));
        if ((inputA is null) != (inputB is null))
            throw new ArgumentException("Give both input gradients or neither.", nameof(inputA));

        var values = chain.Values(x);
        int k = chain.Layers.Sum(l => l.OutputLength + 3);
        double worst = 0;
        // The recursion on absolute values, from the energy back: g = |∂E/∂yᵢ| as a row.
        Matrix<double> g = Input(chain, values, n - 1).PointwiseAbs();
        worst = Math.Max(worst, WorstParameterRatio(chain, values, n - 1, null, a, b));
        for (int i = n - 2; i >= 0; i--)
        {
            worst = Math.Max(worst, WorstParameterRatio(chain, values, i, g, a, b));
            g *= Input(chain, values, i).PointwiseAbs();
        }
        if (inputA is not null && inputB is not null)
            for (int j = 0; j < inputA.Count; j++)
                worst = Math.Max(worst, Ratio(inputA[j], inputB[j], g[0, j]));
        return new VerificationResult($"{name} (largest |Δ| ÷ rounding bound; tolerance 2γ_K, K = {k})", worst, 2 * Rounding.Gamma(k));
    }

    private static double WorstParameterRatio(LayerChain chain, IReadOnlyList<Vector<double>> values, int i,
        Matrix<double>? g, IReadOnlyList<Vector<double>> a, IReadOnlyList<Vector<double>> b)
    {
        var jt = Parameters(chain, values, i);
        if (jt is null) return 0;
        var bound = g is null ? jt.PointwiseAbs() : g * jt.PointwiseAbs();
        double worst = 0;
        for (int k = 0; k < jt.ColumnCount; k++)
            worst = Math.Max(worst, Ratio(a[i][k], b[i][k], bound[0, k]));
        return worst;
    }

    private static double Ratio(double a, double b, double bound) =>
        bound > 0 ? Math.Abs(a - b) / bound : a == b ? 0 : double.PositiveInfinity;

    private static ILayer LayerAt(LayerChain chain, IReadOnlyList<Vector<double>> values, int index)
    {
        ArgumentNullException.ThrowIfNull(chain);
        ArgumentNullException.ThrowIfNull(values);
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, chain.Depth);
        if (values.Count != chain.Depth + 1)
            throw new ArgumentException($"values must be the chain's y₀ … yₙ ({chain.Depth + 1} vectors), got {values.Count}.", nameof(values));
        return chain.Layers[index];
    }
}
