using BenchmarkDotNet.Attributes;
using Differentials.Bench.Infrastructure;
using MathNet.Numerics.LinearAlgebra;

namespace Differentials.Bench.Benchmarks;

/// <summary>
/// The whole gradient of a chain of layers, by back-propagation (one forward pass keeping the
/// linearizations, one backward pass) and by forward propagation (one differential pass per
/// parameter coordinate). Sweeps: width at fixed depth, depth at fixed width, and the order of a
/// chain through the three operators (inverse, convolution, Gram); the gap
/// between the two methods growing with the parameter count is what the notebooks chart.
/// </summary>
[BenchmarkCategory("chain")]
public class LayerChainBenchmarks
{
    private LayerChain _chain = null!;
    private Vector<double> _x = null!;

    [ParamsSource(nameof(Cases))]
    public ChainCase Case { get; set; } = null!;

    public static IEnumerable<ChainCase> Cases()
    {
        const int fixedDepth = 4, fixedWidth = 16;
        foreach (int width in BenchSettings.Choose([4, 8, 16, 32, 64], [3]))
            yield return new ChainCase("width", width, BenchSettings.Smoke ? 2 : fixedDepth);
        foreach (int depth in BenchSettings.Choose([1, 2, 4, 8, 16], [3]))
            yield return new ChainCase("depth", BenchSettings.Smoke ? 3 : fixedWidth, depth);
        foreach (int order in BenchSettings.Choose([2, 3, 4], [2]))
            yield return new ChainCase("operators", order, 0);
    }

    [GlobalSetup]
    public void Setup()
    {
        BackendChoice.Fast.Activate();
        _chain = Case.Build();
        _x = _chain.RandomInput(seed: 42);
    }

    [Benchmark(Description = "backpropagate")]
    public ChainGradient BackPropagate() => _chain.BackPropagate(_x);

    [Benchmark(Description = "forwardpropagate")]
    public ChainGradient ForwardPropagate() => _chain.ForwardPropagate(_x);
}
