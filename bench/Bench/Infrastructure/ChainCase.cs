namespace Differentials.Bench.Infrastructure;

/// <summary>
/// One point of the chain-of-layers sweeps: a random perceptron of <paramref name="Depth"/> blocks
/// (affine width→width, tanh) ending in ½‖y‖². The results' size column is the parameter count,
/// depth·(width² + width), since that is what forward propagation's cost grows with.
/// </summary>
/// <param name="Sweep">"width" (depth fixed, width grows) or "depth" (width fixed, depth grows).</param>
/// <param name="Width">Layer width.</param>
/// <param name="Depth">Number of affine blocks.</param>
public sealed record ChainCase(string Sweep, int Width, int Depth) : IResultCase
{
    /// <inheritdoc />
    public BackendChoice Choice => BackendChoice.Fast;

    /// <summary>The parameter count of the chain.</summary>
    public int ParameterCount => Depth * (Width * Width + Width);

    /// <inheritdoc />
    public string Size => ParameterCount.ToString();

    /// <inheritdoc />
    public string Detail => $"sweep={Sweep};width={Width};depth={Depth}";

    /// <inheritdoc />
    public double? Flops(string caseName) => null;

    /// <summary>Shown by BenchmarkDotNet in its tables.</summary>
    public override string ToString() => $"{Sweep}:w{Width}d{Depth}";
}
