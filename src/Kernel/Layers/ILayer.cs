using MathNet.Numerics.LinearAlgebra;

namespace Differentials;

/// <summary>
/// One step yᵢ = fᵢ(yᵢ₋₁, θᵢ) of a chain E = fₙ(⋯f₁(x, θ₁)⋯, θₙ). Inputs, outputs and parameters are
/// flat vectors; each layer documents how it lays out matrices in them (column-major throughout).
/// </summary>
public interface ILayer
{
    /// <summary>A short description for displays, e.g. "affine 8→8".</summary>
    string Name { get; }

    /// <summary>Length of the input y (mᵢ₋₁).</summary>
    int InputLength { get; }

    /// <summary>Length of the output (mᵢ).</summary>
    int OutputLength { get; }

    /// <summary>Length of the parameter vector θ (pᵢ; may be 0).</summary>
    int ParameterCount { get; }

    /// <summary>Computes f(y, θ).</summary>
    /// <param name="y">The input, length <see cref="InputLength"/>.</param>
    /// <param name="theta">The parameters, length <see cref="ParameterCount"/>.</param>
    /// <returns>The output, length <see cref="OutputLength"/>.</returns>
    /// <exception cref="ArgumentException">A length is wrong or an input is not finite.</exception>
    Vector<double> Forward(Vector<double> y, Vector<double> theta);

    /// <summary>The differential df(y, θ; dy, dθ), linear in (dy, dθ).</summary>
    /// <param name="y">The input.</param>
    /// <param name="theta">The parameters.</param>
    /// <param name="dy">Perturbation of the input, length <see cref="InputLength"/>.</param>
    /// <param name="dTheta">Perturbation of the parameters, length <see cref="ParameterCount"/>.</param>
    /// <returns>The output's differential, length <see cref="OutputLength"/>.</returns>
    /// <exception cref="ArgumentException">A length is wrong or an input is not finite.</exception>
    Vector<double> Differential(Vector<double> y, Vector<double> theta, Vector<double> dy, Vector<double> dTheta);

    /// <summary>
    /// The adjoint of the differential: given ȳ = ∇E with respect to the output, returns the gradients with
    /// respect to the input and the parameters, so that ⟨ȳ, df(y, θ; dy, dθ)⟩ = ⟨InputBar, dy⟩ + ⟨ThetaBar, dθ⟩.
    /// </summary>
    /// <param name="y">The input.</param>
    /// <param name="theta">The parameters.</param>
    /// <param name="yBar">The output gradient, length <see cref="OutputLength"/>.</param>
    /// <returns>(InputBar, length <see cref="InputLength"/>; ThetaBar, length <see cref="ParameterCount"/>).</returns>
    /// <exception cref="ArgumentException">A length is wrong or an input is not finite.</exception>
    (Vector<double> InputBar, Vector<double> ThetaBar) Backward(Vector<double> y, Vector<double> theta, Vector<double> yBar);

    /// <summary>
    /// Runs the forward pass once and returns the output with closures for the differential and the
    /// adjoint at (y, θ). Layers with costly intermediates (an inverse, spectra) keep them in the closures;
    /// the default simply calls <see cref="Differential"/> and <see cref="Backward"/>.
    /// </summary>
    /// <param name="y">The input.</param>
    /// <param name="theta">The parameters.</param>
    /// <returns>The output with u = (dy, dθ) ↦ df and ȳ ↦ (InputBar, ThetaBar).</returns>
    /// <exception cref="ArgumentException">A length is wrong or an input is not finite.</exception>
    Linearization<(Vector<double> Input, Vector<double> Theta), Vector<double>> Linearize(Vector<double> y, Vector<double> theta)
    {
        Vector<double> value = Forward(y, theta);
        return new Linearization<(Vector<double> Input, Vector<double> Theta), Vector<double>>(
            value,
            d => Differential(y, theta, d.Input, d.Theta),
            yBar => Backward(y, theta, yBar));
    }
}
