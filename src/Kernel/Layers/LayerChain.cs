using System.Globalization;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Double;

namespace Differentials;

/// <summary>
/// A chain E = fₙ(⋯f₂(f₁(x, θ₁), θ₂)⋯, θₙ) of layers yᵢ = fᵢ(yᵢ₋₁, θᵢ), y₀ = x, whose last layer outputs the
/// scalar energy E (length 1). It computes every ∂E/∂θᵢ in two ways that must agree:
/// <see cref="BackPropagate"/>, one backward pass of adjoints from ȳₙ = 1, and <see cref="ForwardPropagate"/>,
/// one forward pass of differentials per parameter coordinate (Σ pᵢ passes).
/// </summary>
public sealed class LayerChain
{
    private readonly ILayer[] _layers;
    private readonly Vector<double>[] _parameters;

    /// <summary>Creates a chain from its layers and their parameters.</summary>
    /// <param name="layers">The layers fᵢ in order; each one's input length must equal the previous one's output length, and the last must output length 1.</param>
    /// <param name="parameters">θᵢ for each layer (copied), each of the layer's <see cref="ILayer.ParameterCount"/>.</param>
    /// <exception cref="ArgumentNullException">An argument or element is null.</exception>
    /// <exception cref="ArgumentException">The chain is empty, the counts differ, lengths do not connect, a parameter vector has the wrong length or is not finite, or the last layer is not scalar.</exception>
    public LayerChain(IEnumerable<ILayer> layers, IEnumerable<Vector<double>> parameters)
    {
        ArgumentNullException.ThrowIfNull(layers);
        ArgumentNullException.ThrowIfNull(parameters);
        _layers = layers.ToArray();
        _parameters = parameters.Select(p => p?.Clone()!).ToArray();
        if (_layers.Length == 0) throw new ArgumentException("A chain needs at least one layer.", nameof(layers));
        if (_parameters.Length != _layers.Length)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"{_layers.Length} layers but {_parameters.Length} parameter vectors; give one per layer (empty for none)."), nameof(parameters));
        }
        for (int i = 0; i < _layers.Length; i++)
        {
            ArgumentNullException.ThrowIfNull(_layers[i], $"layers[{i}]");
            ArgumentNullException.ThrowIfNull(_parameters[i], $"parameters[{i}]");
            Checks.LayerVector(_layers[i], _parameters[i], $"parameters[{i}]", _layers[i].ParameterCount, "parameter count");
            if (i > 0 && _layers[i].InputLength != _layers[i - 1].OutputLength)
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                    $"Layer {i} '{_layers[i].Name}' takes length {_layers[i].InputLength} but layer {i - 1} '{_layers[i - 1].Name}' outputs length {_layers[i - 1].OutputLength}."),
                    nameof(layers));
            }
        }
        ParameterCount = Checks.Length(_layers.Sum(l => (long)l.ParameterCount), "The chain's parameters [θ₁; …; θₙ]", nameof(layers));
        if (_layers[^1].OutputLength != 1)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"The last layer '{_layers[^1].Name}' outputs length {_layers[^1].OutputLength}; a chain must end in a scalar energy (length 1)."),
                nameof(layers));
        }
    }

    /// <summary>The layers, in order.</summary>
    public IReadOnlyList<ILayer> Layers => _layers;

    /// <summary>The parameters θᵢ, in order (the chain's own copies; treat them as read-only).</summary>
    public IReadOnlyList<Vector<double>> Parameters => _parameters;

    /// <summary>The number of layers n.</summary>
    public int Depth => _layers.Length;

    /// <summary>The length of the input x.</summary>
    public int InputLength => _layers[0].InputLength;

    /// <summary>Σ pᵢ, the number of parameters; also the number of passes <see cref="ForwardPropagate"/> makes.</summary>
    public int ParameterCount { get; }

    /// <summary>Computes E(x).</summary>
    /// <param name="x">The input, length <see cref="InputLength"/>.</param>
    /// <returns>The energy.</returns>
    /// <exception cref="ArgumentException"><paramref name="x"/> has the wrong length or is not finite, or a layer rejects its input.</exception>
    public double Energy(Vector<double> x) => Values(x)[^1][0];

    /// <summary>The intermediate values y₀ = x, y₁, …, yₙ = (E).</summary>
    /// <param name="x">The input.</param>
    /// <returns>n + 1 vectors.</returns>
    /// <exception cref="ArgumentException"><paramref name="x"/> has the wrong length or is not finite, or a layer rejects its input.</exception>
    public IReadOnlyList<Vector<double>> Values(Vector<double> x)
    {
        CheckInput(x);
        var ys = new Vector<double>[_layers.Length + 1];
        ys[0] = x;
        for (int i = 0; i < _layers.Length; i++) ys[i + 1] = _layers[i].Forward(ys[i], _parameters[i]);
        return ys;
    }

    /// <summary>
    /// Back-propagation: one forward pass keeping each layer's linearization, then one backward pass
    /// ȳₙ = 1, (ȳᵢ₋₁, θ̄ᵢ) = adjoint of fᵢ at (yᵢ₋₁, θᵢ) applied to ȳᵢ, for i = n, …, 1.
    /// </summary>
    /// <param name="x">The input.</param>
    /// <returns>E, every ∂E/∂θᵢ and ∂E/∂x; <see cref="ChainGradient.Passes"/> is 1.</returns>
    /// <exception cref="ArgumentException"><paramref name="x"/> has the wrong length or is not finite, or a layer rejects its input.</exception>
    public ChainGradient BackPropagate(Vector<double> x)
    {
        var linearizations = Linearize(x, out double energy);
        var thetaBars = new Vector<double>[_layers.Length];
        Vector<double> yBar = DenseVector.Create(1, _ => 1.0);
        for (int i = _layers.Length - 1; i >= 0; i--)
        {
            (Vector<double> inputBar, Vector<double> thetaBar) = linearizations[i].Backward(yBar);
            thetaBars[i] = thetaBar;
            yBar = inputBar;
        }
        return new ChainGradient(energy, thetaBars, yBar, passes: 1);
    }

    /// <summary>
    /// Forward propagation with differentials: for each layer i and each coordinate k of θᵢ, start from
    /// dyᵢ = dfᵢ(yᵢ₋₁, θᵢ; 0, eₖ) and carry dyⱼ = dfⱼ(yⱼ₋₁, θⱼ; dyⱼ₋₁, 0) for j = i + 1, …, n; the scalar dyₙ
    /// is ∂E/∂θᵢ,ₖ. Nothing is shared between coordinates except the point (yⱼ, θⱼ) itself.
    /// </summary>
    /// <param name="x">The input.</param>
    /// <returns>E and every ∂E/∂θᵢ (no input gradient); <see cref="ChainGradient.Passes"/> is Σ pᵢ.</returns>
    /// <exception cref="ArgumentException"><paramref name="x"/> has the wrong length or is not finite, or a layer rejects its input.</exception>
    public ChainGradient ForwardPropagate(Vector<double> x)
    {
        var linearizations = Linearize(x, out double energy);
        var zeroInputs = _layers.Select(l => (Vector<double>)new DenseVector(l.InputLength)).ToArray();
        var zeroParameters = _layers.Select(l => (Vector<double>)new DenseVector(l.ParameterCount)).ToArray();
        var gradients = new Vector<double>[_layers.Length];
        int passes = 0;
        for (int i = 0; i < _layers.Length; i++)
        {
            var gradient = new DenseVector(_layers[i].ParameterCount);
            for (int k = 0; k < gradient.Count; k++)
            {
                var unit = new DenseVector(gradient.Count);
                unit[k] = 1.0;
                Vector<double> dy = linearizations[i].Differential((zeroInputs[i], unit));
                for (int j = i + 1; j < _layers.Length; j++)
                {
                    dy = linearizations[j].Differential((dy, zeroParameters[j]));
                }
                gradient[k] = dy[0];
                passes++;
            }
            gradients[i] = gradient;
        }
        return new ChainGradient(energy, gradients, inputGradient: null, passes);
    }

    /// <summary>All parameters concatenated in layer order: [θ₁; θ₂; …; θₙ].</summary>
    /// <returns>A new vector of length <see cref="ParameterCount"/>.</returns>
    public Vector<double> FlattenParameters() => DenseVector.OfEnumerable(_parameters.SelectMany(p => p.Enumerate()));

    /// <summary>The same layers with new parameters, given flattened as by <see cref="FlattenParameters"/>.</summary>
    /// <param name="flat">[θ₁; …; θₙ], length <see cref="ParameterCount"/>.</param>
    /// <returns>A new chain.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="flat"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="flat"/> has the wrong length or is not finite.</exception>
    public LayerChain WithParameters(Vector<double> flat)
    {
        ArgumentNullException.ThrowIfNull(flat);
        Checks.HasLength(flat, nameof(flat), ParameterCount, "the chain's parameter count,");
        var parts = new List<Vector<double>>();
        int offset = 0;
        foreach (ILayer layer in _layers)
        {
            parts.Add(flat.SubVector(offset, layer.ParameterCount));
            offset += layer.ParameterCount;
        }
        return new LayerChain(_layers, parts);
    }

    /// <summary>A Gaussian input x with N(0, 1) entries.</summary>
    /// <param name="seed">The seed.</param>
    /// <returns>x, length <see cref="InputLength"/>.</returns>
    public Vector<double> RandomInput(int seed)
    {
        var normal = new MathNet.Numerics.Distributions.Normal(0, 1, new Random(seed));
        return DenseVector.Create(InputLength, _ => normal.Sample());
    }

    /// <summary>
    /// A random multilayer perceptron: <paramref name="depth"/> blocks of (affine width→width, tanh), then
    /// E = ½‖y‖². Parameters: depth·(width² + width). Weights N(0, 1/width), biases N(0, 0.1²).
    /// </summary>
    /// <param name="width">Width of every layer, at least 1.</param>
    /// <param name="depth">Number of affine layers, at least 1.</param>
    /// <param name="seed">Seed of the parameters.</param>
    /// <returns>The chain (2·depth + 1 layers).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="width"/> or <paramref name="depth"/> is below 1.</exception>
    public static LayerChain RandomMlp(int width, int depth, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(depth, 1);
        var random = new Random(seed);
        var layers = new List<ILayer>();
        var parameters = new List<Vector<double>>();
        for (int i = 0; i < depth; i++)
        {
            var affine = new AffineLayer(width, width);
            layers.Add(affine);
            parameters.Add(affine.RandomParameters(random));
            layers.Add(ElementwiseLayer.Tanh(width));
            parameters.Add(ElementwiseLayer.Parameters());
        }
        layers.Add(new HalfSquaredNormEnergy(width));
        parameters.Add(ElementwiseLayer.Parameters());
        return new LayerChain(layers, parameters);
    }

    /// <summary>
    /// A random chain that uses all three operators on vectors of length n²: affine, tanh, (Y + Θ)⁻¹,
    /// circular convolution with a learned kernel, tanh, Gram matrix XᵀX of the n×n reshaping, tanh, and the
    /// energy ⟨c, y⟩. The tanh before the inverse bounds |Y_ij| &lt; 1, which keeps Y + Θ well conditioned.
    /// </summary>
    /// <param name="order">n ≥ 1 (vectors have length n²).</param>
    /// <param name="seed">Seed of the parameters.</param>
    /// <returns>The chain (8 layers).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="order"/> is below 1.</exception>
    public static LayerChain RandomOperatorChain(int order, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(order, 1);
        int w = Checks.Elements(order, order, "The chain's vectors of length n²", nameof(order));
        var random = new Random(seed);
        var affine = new AffineLayer(w, w);
        var inverse = new ShiftedInverseLayer(order);
        var convolution = new ConvolutionLayer(w);
        var energy = new InnerProductEnergy(w);
        var normal = new MathNet.Numerics.Distributions.Normal(0, 1, random);
        ILayer[] layers =
        [
            affine, ElementwiseLayer.Tanh(w), inverse, convolution, ElementwiseLayer.Tanh(w),
            new GramLayer(order, order), ElementwiseLayer.Tanh(w), energy,
        ];
        Vector<double> none = ElementwiseLayer.Parameters();
        Vector<double>[] parameters =
        [
            affine.RandomParameters(random), none, inverse.DefaultParameters(random), convolution.RandomParameters(random), none,
            none, none, DenseVector.Create(w, _ => normal.Sample()),
        ];
        return new LayerChain(layers, parameters);
    }

    /// <summary>The layers joined by arrows.</summary>
    /// <returns>E.g. "affine 4→4 → tanh 4 → energy ½‖y‖² 4".</returns>
    public override string ToString() => string.Join(" → ", _layers.Select(l => l.Name));

    private Linearization<(Vector<double> Input, Vector<double> Theta), Vector<double>>[] Linearize(Vector<double> x, out double energy)
    {
        CheckInput(x);
        var linearizations = new Linearization<(Vector<double> Input, Vector<double> Theta), Vector<double>>[_layers.Length];
        Vector<double> y = x;
        for (int i = 0; i < _layers.Length; i++)
        {
            linearizations[i] = _layers[i].Linearize(y, _parameters[i]);
            y = linearizations[i].Value;
        }
        energy = y[0];
        return linearizations;
    }

    private void CheckInput(Vector<double> x)
    {
        Checks.LayerVector(_layers[0], x, nameof(x), InputLength, "input length");
    }
}
