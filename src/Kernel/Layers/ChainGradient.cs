using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Double;

namespace Differentials;

/// <summary>
/// The gradients of a chain's energy E with respect to every layer's parameters, ∂E/∂θᵢ as vectors laid out
/// like θᵢ, together with E itself and how many propagation passes produced them.
/// </summary>
public sealed class ChainGradient
{
    /// <summary>Creates the result.</summary>
    /// <param name="energy">E at the point.</param>
    /// <param name="parameterGradients">∂E/∂θᵢ for each layer, in order (empty vectors for layers without parameters).</param>
    /// <param name="inputGradient">∂E/∂x when the method produced it (back-propagation does, for free), else null.</param>
    /// <param name="passes">Propagation passes after the value pass: 1 backward pass, or Σ pᵢ forward passes.</param>
    /// <exception cref="ArgumentNullException"><paramref name="parameterGradients"/> is null.</exception>
    public ChainGradient(double energy, IReadOnlyList<Vector<double>> parameterGradients, Vector<double>? inputGradient, int passes)
    {
        ArgumentNullException.ThrowIfNull(parameterGradients);
        Energy = energy;
        ParameterGradients = parameterGradients;
        InputGradient = inputGradient;
        Passes = passes;
    }

    /// <summary>E at the point.</summary>
    public double Energy { get; }

    /// <summary>∂E/∂θᵢ for each layer, laid out like θᵢ.</summary>
    public IReadOnlyList<Vector<double>> ParameterGradients { get; }

    /// <summary>∂E/∂x, or null when the method did not compute it.</summary>
    public Vector<double>? InputGradient { get; }

    /// <summary>Propagation passes used after the value pass.</summary>
    public int Passes { get; }

    /// <summary>All parameter gradients concatenated in layer order, laid out like <see cref="LayerChain.FlattenParameters"/>.</summary>
    /// <returns>The gradient with respect to all parameters.</returns>
    public Vector<double> Flatten() => DenseVector.OfEnumerable(ParameterGradients.SelectMany(g => g.Enumerate()));
}
