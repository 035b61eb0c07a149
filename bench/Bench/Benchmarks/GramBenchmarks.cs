using BenchmarkDotNet.Attributes;
using Differentials.Bench.Infrastructure;
using MathNet.Numerics.LinearAlgebra;

namespace Differentials.Bench.Benchmarks;

/// <summary>
/// Y = XᵀX for an m×n X: forward, differential (dY = dXᵀX + XᵀdX), backward (X̄ = X(Ȳ + Ȳᵀ)) and the
/// linearization's closures, on square X and on the tall 4096×1024 case.
/// </summary>
[BenchmarkCategory("gram")]
public class GramBenchmarks
{
    private Matrix<double> _x = null!, _dx = null!, _yBar = null!;
    private Linearization<Matrix<double>, Matrix<double>> _linearization = null!;

    [ParamsSource(nameof(Cases))]
    public SizeCase Case { get; set; } = null!;

    public static IEnumerable<SizeCase> Cases()
    {
        (int M, int N)[] shapes = BenchSettings.Choose(
            [(64, 64), (256, 256), (1024, 1024), (2048, 2048), (4096, 1024)],
            [(8, 8), (16, 8)]);
        foreach (var (m, n) in shapes)
        {
            foreach (var choice in BackendChoice.ForLinearAlgebra(includeReference: true))
            {
                // MathNet's managed product runs at 3–7 GFLOP/s: seconds per call beyond 256.
                if (choice.LinearAlgebraIsManagedMathNet && Math.Max(m, n) > 256) continue;
                yield return new SizeCase(choice, m, n);
            }
        }
    }

    [GlobalSetup]
    public void Setup()
    {
        Case.Choice.Activate();
        int m = Case.Rows, n = Case.Columns;
        _x = TestData.Matrix(m, n, seed: 21);
        _dx = TestData.Matrix(m, n, seed: 22);
        _yBar = TestData.Matrix(n, n, seed: 23);
        _linearization = Gram.Linearize(_x);
    }

    [Benchmark(Description = "forward")]
    public Matrix<double> Forward() => Gram.Forward(_x);

    [Benchmark(Description = "differential")]
    public Matrix<double> Differential() => Gram.Differential(_x, _dx);

    [Benchmark(Description = "backward")]
    public Matrix<double> Backward() => Gram.Backward(_x, _yBar);

    [Benchmark(Description = "linearize")]
    public Linearization<Matrix<double>, Matrix<double>> Linearize() => Gram.Linearize(_x);

    [Benchmark(Description = "pushforward")]
    public Matrix<double> Pushforward() => _linearization.Differential(_dx);

    [Benchmark(Description = "pullback")]
    public Matrix<double> Pullback() => _linearization.Backward(_yBar);
}
