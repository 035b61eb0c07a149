using BenchmarkDotNet.Attributes;
using Differentials.Bench.Infrastructure;
using MathNet.Numerics.LinearAlgebra;

namespace Differentials.Bench.Benchmarks;

/// <summary>
/// X = A⁻¹B with A and B both n×n: the standalone forward, differential (dX = A⁻¹(dB − dA X)) and backward
/// ((Ā, B̄) = (−B̄Xᵀ, A⁻ᵀX̄)), each starting from (A, B) and so paying the LU factorisation and the forward
/// solve, and the linearization: building it, then its two closures, which reuse the factors and X (one
/// solve and one product each). "pullback" is what a reverse pass pays per solve once the forward pass has run.
/// </summary>
[BenchmarkCategory("solve")]
public class LinearSolveBenchmarks
{
    private Matrix<double> _a = null!, _b = null!, _da = null!, _db = null!, _xBar = null!;
    private Linearization<(Matrix<double> A, Matrix<double> B), Matrix<double>> _linearization = null!;

    [ParamsSource(nameof(Cases))]
    public SizeCase Case { get; set; } = null!;

    public static IEnumerable<SizeCase> Cases()
    {
        foreach (int n in BenchSettings.Choose([64, 256, 1024], [8]))
        {
            foreach (var choice in BackendChoice.ForLinearAlgebra(includeReference: true))
            {
                // MathNet's managed LU and products are as slow as its inverse beyond 256 (see MatrixInverseBenchmarks).
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
        _a = TestData.Invertible(n, seed: 11);
        _b = TestData.Matrix(n, n, seed: 12);
        _da = TestData.Matrix(n, n, seed: 13);
        _db = TestData.Matrix(n, n, seed: 14);
        _xBar = TestData.Matrix(n, n, seed: 15);
        _linearization = LinearSolve.Linearize(_a, _b);
    }

    [Benchmark(Description = "forward")]
    public Matrix<double> Forward() => LinearSolve.Forward(_a, _b);

    [Benchmark(Description = "differential")]
    public Matrix<double> Differential() => LinearSolve.Differential(_a, _b, _da, _db);

    [Benchmark(Description = "backward")]
    public (Matrix<double> ABar, Matrix<double> BBar) Backward() => LinearSolve.Backward(_a, _b, _xBar);

    [Benchmark(Description = "linearize")]
    public Linearization<(Matrix<double> A, Matrix<double> B), Matrix<double>> Linearize() => LinearSolve.Linearize(_a, _b);

    [Benchmark(Description = "pushforward")]
    public Matrix<double> Pushforward() => _linearization.Differential((_da, _db));

    [Benchmark(Description = "pullback")]
    public (Matrix<double> A, Matrix<double> B) Pullback() => _linearization.Backward(_xBar);
}
