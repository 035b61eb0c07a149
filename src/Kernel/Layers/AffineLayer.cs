using Differentials.Numerics;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Double;

namespace Differentials;

/// <summary>
/// The affine layer f(y, θ) = W y + b, with W of size m×n (n inputs, m outputs). Parameter layout:
/// θ = [vec(W); b], vec column-major, so θ[j·m + i] = W_ij for the first m·n entries and b follows.
/// Differential: dW y + W dy + db. Adjoint: ȳ_in = Wᵀȳ, W̄ = ȳ yᵀ, b̄ = ȳ.
/// </summary>
public sealed class AffineLayer : RuleLayer
{
    /// <summary>Creates an affine layer from <paramref name="inputLength"/> to <paramref name="outputLength"/> entries.</summary>
    /// <param name="inputLength">n ≥ 1.</param>
    /// <param name="outputLength">m ≥ 1.</param>
    /// <exception cref="ArgumentOutOfRangeException">A length is below 1.</exception>
    /// <exception cref="ArgumentException">The parameter count m·n + m exceeds the elements one array can hold.</exception>
    public AffineLayer(int inputLength, int outputLength)
        : base(Lengths(inputLength, outputLength), outputLength, Checks.Length((long)outputLength * inputLength + outputLength,
            "The parameters θ = [vec(W); b] of the affine layer", nameof(outputLength)))
    {
    }

    private static int Lengths(int inputLength, int outputLength)
    {
        Checks.AtLeastOne(inputLength, nameof(inputLength));
        Checks.AtLeastOne(outputLength, nameof(outputLength));
        return inputLength;
    }

    /// <inheritdoc />
    public override string Name => $"affine {InputLength}→{OutputLength}";

    /// <summary>Packs W (m×n) and b (length m) into θ = [vec(W); b].</summary>
    /// <param name="w">The m×n weight matrix.</param>
    /// <param name="b">The bias, length m.</param>
    /// <returns>θ.</returns>
    /// <exception cref="ArgumentException">A shape does not match the layer.</exception>
    public Vector<double> Pack(Matrix<double> w, Vector<double> b)
    {
        Checks.Like(w, nameof(w), OutputLength, InputLength, "the weight shape m×n of the layer,", OutputLength, InputLength);
        Checks.Like(b, nameof(b), OutputLength, "the output length of the layer,");
        var theta = new double[ParameterCount];
        w.ToColumnMajorArray().CopyTo(theta, 0);
        b.ToArray().CopyTo(theta, OutputLength * InputLength);
        return DenseVector.OfArray(theta);
    }

    /// <summary>
    /// Random parameters: W with N(0, 1/n) entries (so W y keeps the scale of y) and b with N(0, 0.1²) entries.
    /// </summary>
    /// <param name="random">The source of randomness.</param>
    /// <returns>θ.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="random"/> is null.</exception>
    public Vector<double> RandomParameters(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var theta = new double[ParameterCount];
        int weights = OutputLength * InputLength;
        double scale = 1 / Math.Sqrt(InputLength);
        var normal = new MathNet.Numerics.Distributions.Normal(0, 1, random);
        for (int i = 0; i < weights; i++) theta[i] = scale * normal.Sample();
        for (int i = weights; i < theta.Length; i++) theta[i] = 0.1 * normal.Sample();
        return DenseVector.OfArray(theta);
    }

    private protected override RulePoint<(Vector<double> Input, Vector<double> Theta), Vector<double>> At(
        Vector<double> y, Vector<double> theta, bool retained)
    {
        double[] yv = retained ? y.ToArray() : DenseColumnMajor.Values(y), t = retained ? theta.ToArray() : DenseColumnMajor.Values(theta);
        return new(
            () => ValueAt(yv, t),                        // W y + b
            d => DifferentialAt(yv, t, d.Input, d.Theta), // dW y + W dy + db
            yBar => BackwardAt(yv, t, yBar));             // (Wᵀȳ, [vec(ȳ yᵀ); ȳ])
    }

    private DenseVector ValueAt(double[] y, double[] t)
    {
        var result = new DenseVector(OutputLength);
        MultiplyW(t, false, y, result.Values);
        AddBias(result.Values, t);
        return result;
    }

    /// <summary>dW y + W dy + db.</summary>
    private DenseVector DifferentialAt(double[] y, double[] t, Vector<double> dy, Vector<double> dTheta)
    {
        double[] dt = DenseColumnMajor.Values(dTheta);
        var result = new DenseVector(OutputLength);
        var second = new double[OutputLength];
        MultiplyW(dt, false, y, result.Values);                          // dW y
        MultiplyW(t, false, DenseColumnMajor.Values(dy), second);        // W dy
        for (int i = 0; i < second.Length; i++) result.Values[i] += second[i];
        AddBias(result.Values, dt);                                       // db
        return result;
    }

    /// <summary>(Wᵀȳ, [vec(ȳ yᵀ); ȳ]).</summary>
    private (Vector<double> InputBar, Vector<double> ThetaBar) BackwardAt(double[] y, double[] t, Vector<double> yBar)
    {
        int m = OutputLength, n = InputLength;
        double[] yb = DenseColumnMajor.Values(yBar);
        var inputBar = new DenseVector(n);
        MultiplyW(t, true, yb, inputBar.Values); // Wᵀȳ
        var thetaBar = new DenseVector(ParameterCount);
        // W̄ = ȳ yᵀ, an outer product: (m×1)·(1×n).
        Backend.LinearAlgebra.Multiply(yb, false, y, true, thetaBar.Values.AsSpan(0, m * n), m, n, 1);
        yb.AsSpan().CopyTo(thetaBar.Values.AsSpan(m * n)); // b̄ = ȳ
        return (inputBar, thetaBar);
    }

    /// <summary>destination = W·v (or Wᵀ·v), reading W from the first m·n entries of θ.</summary>
    private void MultiplyW(double[] theta, bool transpose, ReadOnlySpan<double> v, Span<double> destination)
    {
        int m = OutputLength, n = InputLength;
        ReadOnlySpan<double> w = theta.AsSpan(0, m * n);
        if (transpose) Backend.LinearAlgebra.Multiply(w, true, v, false, destination, n, 1, m);
        else Backend.LinearAlgebra.Multiply(w, false, v, false, destination, m, 1, n);
    }

    private void AddBias(double[] destination, double[] theta)
    {
        int offset = OutputLength * InputLength;
        for (int i = 0; i < OutputLength; i++) destination[i] += theta[offset + i];
    }
}
