using BenchmarkDotNet.Attributes;
using Differentials.Bench.Infrastructure;
using MathNet.Numerics.LinearAlgebra;

namespace Differentials.Bench.Benchmarks;

/// <summary>
/// Y = X⁻¹: the standalone forward, differential (dY = −Y dX Y) and backward (X̄ = −Yᵀ Ȳ Yᵀ), each
/// starting from X, and the linearization: building it, then its two closures, which reuse Y.
/// "pullback" (the closure's backward) is what a reverse pass pays per operator once the forward
/// pass has run; it is the figure compared with PyTorch's autograd backward.
/// </summary>
[BenchmarkCategory("inverse")]
public class MatrixInverseBenchmarks
{
    private Matrix<double> _x = null!, _dx = null!, _yBar = null!;
    private Linearization<Matrix<double>, Matrix<double>> _linearization = null!;

    [ParamsSource(nameof(Cases))]
    public SizeCase Case { get; set; } = null!;

    public static IEnumerable<SizeCase> Cases()
    {
        foreach (int n in BenchSettings.Choose([64, 256, 1024, 2048], [8]))
        {
            foreach (var choice in BackendChoice.ForLinearAlgebra(includeReference: true))
            {
                // MathNet's managed inverse takes 1.7 s at n = 512 and 123 s at 2048: never beyond 256.
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
        _yBar = TestData.Matrix(n, n, seed: 13);
        _linearization = MatrixInverse.Linearize(_x);
    }

    [Benchmark(Description = "forward")]
    public Matrix<double> Forward() => MatrixInverse.Forward(_x);

    [Benchmark(Description = "differential")]
    public Matrix<double> Differential() => MatrixInverse.Differential(_x, _dx);

    [Benchmark(Description = "backward")]
    public Matrix<double> Backward() => MatrixInverse.Backward(_x, _yBar);

    [Benchmark(Description = "linearize")]
    public Linearization<Matrix<double>, Matrix<double>> Linearize() => MatrixInverse.Linearize(_x);

    [Benchmark(Description = "pushforward")]
    public Matrix<double> Pushforward() => _linearization.Differential(_dx);

    [Benchmark(Description = "pullback")]
    public Matrix<double> Pullback() => _linearization.Backward(_yBar);
}
