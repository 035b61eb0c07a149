namespace Differentials.Bench.Infrastructure;

/// <summary>
/// One point of the chain-of-layers sweeps. "width" and "depth" sweeps use a random perceptron of
/// <paramref name="Depth"/> blocks (affine width→width, tanh) ending in ½‖y‖²; the "operators" sweep
/// uses the kernel's random chain through inverse, convolution and Gram layers on vectors of length
/// order² (<paramref name="Width"/> is the order there). The results' size column is the parameter
/// count, since that is what forward propagation's cost grows with.
/// </summary>
/// <param name="Sweep">"width", "depth" or "operators".</param>
/// <param name="Width">Layer width (the order n for the operator chain).</param>
/// <param name="Depth">Number of affine blocks (unused for the operator chain).</param>
public sealed record ChainCase(string Sweep, int Width, int Depth) : IResultCase
{
    private const int Seed = 41;

    /// <inheritdoc />
    public BackendChoice Choice => BackendChoice.Fast;

    /// <summary>Builds the chain this case measures (deterministic).</summary>
    public LayerChain Build() => Sweep == "operators"
        ? LayerChain.RandomOperatorChain(Width, Seed)
        : LayerChain.RandomMlp(Width, Depth, Seed);

    /// <inheritdoc />
    public string Size => Build().ParameterCount.ToString();

    /// <inheritdoc />
    public string Detail => Sweep == "operators"
        ? $"sweep=operators;order={Width};layers={Build().Depth}"
        : $"sweep={Sweep};width={Width};depth={Depth}";

    /// <inheritdoc />
    public double? Flops(string caseName) => null;

    /// <summary>Shown by BenchmarkDotNet in its tables.</summary>
    public override string ToString() => Sweep == "operators" ? $"operators:n{Width}" : $"{Sweep}:w{Width}d{Depth}";
}
