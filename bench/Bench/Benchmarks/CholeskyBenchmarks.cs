using BenchmarkDotNet.Attributes;
using Differentials.Bench.Infrastructure;
using MathNet.Numerics.LinearAlgebra;

namespace Differentials.Bench.Benchmarks;

/// <summary>
/// L = chol(X) for X = AAᵀ + nI: the standalone forward, differential (dL = L·Φ(L⁻¹dXL⁻ᵀ)) and backward
/// (the symmetric X̄), each starting from X, and the linearization: building it, then its two closures, which
/// reuse L. "forward" pairs with LAPACK's dpotrf (NumPy, PyTorch); "pullback" with PyTorch's autograd backward.
/// </summary>
[BenchmarkCategory("cholesky")]
public class CholeskyBenchmarks
{
    private Matrix<double> _x = null!, _dx = null!, _lBar = null!;
    private Linearization<Matrix<double>, Matrix<double>> _linearization = null!;

    [ParamsSource(nameof(Cases))]
    public SizeCase Case { get; set; } = null!;

    public static IEnumerable<SizeCase> Cases()
    {
        foreach (int n in BenchSettings.Choose([64, 256, 1024], [8]))
        {
            foreach (var choice in BackendChoice.ForLinearAlgebra(includeReference: true))
            {
                // The managed MathNet products make n = 1024 take seconds per call: never beyond 256.
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
        Matrix<double> a = TestData.Matrix(n, n, seed: 11);
        Matrix<double> x = a * a.Transpose() + n * Matrix<double>.Build.DenseIdentity(n);
        _x = (x + x.Transpose()) / 2;
        Matrix<double> d = TestData.Matrix(n, n, seed: 12);
        _dx = (d + d.Transpose()) / 2;
        _lBar = TestData.Matrix(n, n, seed: 13);
        _linearization = Cholesky.Linearize(_x);
    }

    [Benchmark(Description = "forward")]
    public Matrix<double> Forward() => Cholesky.Forward(_x);

    [Benchmark(Description = "differential")]
    public Matrix<double> Differential() => Cholesky.Differential(_x, _dx);

    [Benchmark(Description = "backward")]
    public Matrix<double> Backward() => Cholesky.Backward(_x, _lBar);

    [Benchmark(Description = "linearize")]
    public Linearization<Matrix<double>, Matrix<double>> Linearize() => Cholesky.Linearize(_x);

    [Benchmark(Description = "pushforward")]
    public Matrix<double> Pushforward() => _linearization.Differential(_dx);

    [Benchmark(Description = "pullback")]
    public Matrix<double> Pullback() => _linearization.Backward(_lBar);
}
