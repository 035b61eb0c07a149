using BenchmarkDotNet.Attributes;
using Differentials.Bench.Infrastructure;
using MathNet.Numerics.LinearAlgebra;

namespace Differentials.Bench.Benchmarks;

/// <summary>
/// Y = exp(X) with ‖X‖₁ = 1 (a seed-fixed Gaussian scaled to that norm, so every n uses the same Padé degree,
/// 9, and no squaring): the standalone forward, differential (the Fréchet derivative L(X, dX)) and backward
/// (L(Xᵀ, Ȳ)), each starting from X, and the linearization: building it, then its two closures, which reuse the
/// forward's powers, LU factorisation and squares. "forward" pairs with SciPy's expm and PyTorch's matrix_exp,
/// "differential" with SciPy's expm_frechet, "pullback" with PyTorch's autograd backward.
/// </summary>
[BenchmarkCategory("expm")]
public class MatrixExponentialBenchmarks
{
    private Matrix<double> _x = null!, _dx = null!, _yBar = null!;
    private Linearization<Matrix<double>, Matrix<double>> _linearization = null!;

    [ParamsSource(nameof(Cases))]
    public SizeCase Case { get; set; } = null!;

    public static IEnumerable<SizeCase> Cases()
    {
        foreach (int n in BenchSettings.Choose([64, 256, 1024], [8]))
        {
            foreach (var choice in BackendChoice.ForLinearAlgebra(includeReference: true))
            {
                // MathNet's managed products are far slower than the others: as for the inverse, never beyond 256.
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
        var g = TestData.Matrix(n, n, seed: 11);
        _x = g / g.L1Norm();
        _dx = TestData.Matrix(n, n, seed: 12);
        _yBar = TestData.Matrix(n, n, seed: 13);
        _linearization = MatrixExponential.Linearize(_x);
    }

    [Benchmark(Description = "forward")]
    public Matrix<double> Forward() => MatrixExponential.Forward(_x);

    [Benchmark(Description = "differential")]
    public Matrix<double> Differential() => MatrixExponential.Differential(_x, _dx);

    [Benchmark(Description = "backward")]
    public Matrix<double> Backward() => MatrixExponential.Backward(_x, _yBar);

    [Benchmark(Description = "linearize")]
    public Linearization<Matrix<double>, Matrix<double>> Linearize() => MatrixExponential.Linearize(_x);

    [Benchmark(Description = "pushforward")]
    public Matrix<double> Pushforward() => _linearization.Differential(_dx);

    [Benchmark(Description = "pullback")]
    public Matrix<double> Pullback() => _linearization.Backward(_yBar);
}
