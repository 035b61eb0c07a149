using BenchmarkDotNet.Attributes;
using Differentials.Bench.Infrastructure;
using MathNet.Numerics.LinearAlgebra;

namespace Differentials.Bench.Benchmarks;

/// <summary>
/// X = VΛVᵀ for a random symmetric X: the standalone forward (the kernel's Householder + QL eigensolver), differential
/// ((dΛ, dV) = (diag(VᵀdXV), V(F ∘ VᵀdXV))) and backward (X̄ = V(diag(λ̄) + F ∘ VᵀV̄)Vᵀ, symmetrised, with both λ̄ and V̄,
/// as an autograd backward through <c>eigh</c> receives them), each starting from X; and the linearization: building it
/// (one decomposition), then its two closures, which reuse (Λ, V). "forward" and "pullback" are the figures compared
/// with NumPy's/PyTorch's <c>eigh</c> (LAPACK dsyevd) and its autograd backward.
/// </summary>
[BenchmarkCategory("eigh")]
public class SymmetricEigenBenchmarks
{
    private Matrix<double> _x = null!, _dx = null!, _vectorsBar = null!;
    private Vector<double> _valuesBar = null!;
    private Linearization<Matrix<double>, (Vector<double> Values, Matrix<double> Vectors)> _linearization = null!;

    [ParamsSource(nameof(Cases))]
    public SizeCase Case { get; set; } = null!;

    public static IEnumerable<SizeCase> Cases()
    {
        foreach (int n in BenchSettings.Choose([64, 256, 1024], [8]))
        {
            foreach (var choice in BackendChoice.ForLinearAlgebra(includeReference: true))
            {
                // The managed MathNet products are the slow reference: never beyond 256 (as the other suites).
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
        _x = Symmetric(TestData.Matrix(n, n, seed: 21));   // Gaussian symmetric: a simple spectrum with probability one
        _dx = Symmetric(TestData.Matrix(n, n, seed: 22));
        _valuesBar = TestData.Vector(n, seed: 23);
        _vectorsBar = TestData.Matrix(n, n, seed: 24);
        _linearization = SymmetricEigen.Linearize(_x);
    }

    private static Matrix<double> Symmetric(Matrix<double> a) => (a + a.Transpose()) / 2;

    [Benchmark(Description = "forward")]
    public (Vector<double>, Matrix<double>) Forward() => SymmetricEigen.Forward(_x);

    [Benchmark(Description = "differential")]
    public (Vector<double>, Matrix<double>) Differential() => SymmetricEigen.Differential(_x, _dx);

    [Benchmark(Description = "backward")]
    public Matrix<double> Backward() => SymmetricEigen.Backward(_x, _valuesBar, _vectorsBar);

    [Benchmark(Description = "linearize")]
    public Linearization<Matrix<double>, (Vector<double> Values, Matrix<double> Vectors)> Linearize() => SymmetricEigen.Linearize(_x);

    [Benchmark(Description = "pushforward")]
    public (Vector<double>, Matrix<double>) Pushforward() => _linearization.Differential(_dx);

    [Benchmark(Description = "pullback")]
    public Matrix<double> Pullback() => _linearization.Backward((_valuesBar, _vectorsBar));
}
