using BenchmarkDotNet.Attributes;
using Differentials.Bench.Infrastructure;
using MathNet.Numerics.LinearAlgebra;

namespace Differentials.Bench.Benchmarks;

/// <summary>
/// y = log|det X|: the standalone forward, differential (tr(X⁻¹dX)) and backward (ȳ·X⁻ᵀ), each
/// starting from X, and the linearization: building it, then its two closures, which reuse the factors.
/// "pullback" (the closure's backward) is what a reverse pass pays per operator once the forward pass has run.
/// X is TestData.Invertible (log|det X| is finite at every size, so no scaling is needed).
/// </summary>
[BenchmarkCategory("logdet")]
public class LogDeterminantBenchmarks
{
    private Matrix<double> _x = null!, _dx = null!;
    private const double YBar = 0.75;
    private Linearization<Matrix<double>, double> _linearization = null!;

    [ParamsSource(nameof(Cases))]
    public SizeCase Case { get; set; } = null!;

    public static IEnumerable<SizeCase> Cases()
    {
        foreach (int n in BenchSettings.Choose([64, 256, 1024], [8]))
        {
            foreach (var choice in BackendChoice.ForLinearAlgebra(includeReference: true))
            {
                // MathNet's managed LU is as slow as its inverse beyond 256 (see MatrixInverseBenchmarks).
                if (choice.LinearAlgebraIsManagedMathNet && n > 256) continue;
                yield return SizeCase.Square(choice, n);
            }
        }
    }

    [GlobalSetup]
    public void Setup()
    {
        Case.Choice.Activate();
        int n = Case.Rows;
        _x = TestData.Invertible(n, seed: 11);
        _dx = TestData.Matrix(n, n, seed: 12);
        _linearization = LogDeterminant.Linearize(_x);
    }

    [Benchmark(Description = "forward")]
    public double Forward() => LogDeterminant.Forward(_x);

    [Benchmark(Description = "differential")]
    public double Differential() => LogDeterminant.Differential(_x, _dx);

    [Benchmark(Description = "backward")]
    public Matrix<double> Backward() => LogDeterminant.Backward(_x, YBar);

    [Benchmark(Description = "linearize")]
    public Linearization<Matrix<double>, double> Linearize() => LogDeterminant.Linearize(_x);

    [Benchmark(Description = "pushforward")]
    public double Pushforward() => _linearization.Differential(_dx);

    [Benchmark(Description = "pullback")]
    public Matrix<double> Pullback() => _linearization.Backward(YBar);
}
