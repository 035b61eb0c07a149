using BenchmarkDotNet.Attributes;
using Differentials.Bench.Infrastructure;
using MathNet.Numerics.LinearAlgebra;

namespace Differentials.Bench.Benchmarks;

/// <summary>
/// y = det X: the standalone forward, differential (tr(adj(X) dX)) and backward (ȳ·adj(X)ᵀ, det(X)·X⁻ᵀ from the LU on these well-conditioned inputs), each
/// starting from X, and the linearization: building it, then its two closures, which reuse the factors.
/// "pullback" (the closure's backward) is what a reverse pass pays per operator once the forward pass has run.
/// X is TestData.Invertible scaled by 2^(−round(log₂|det|/n)) (a power of two, exact), so that |det X| ≈ 1 at every n: an unscaled
/// 1024×1024 matrix of O(1) entries has a determinant far outside the double range, which Forward refuses.
/// </summary>
[BenchmarkCategory("det")]
public class DeterminantBenchmarks
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
        _x = UnitDeterminant(TestData.Invertible(n, seed: 11));
        _dx = TestData.Matrix(n, n, seed: 12);
        _linearization = Determinant.Linearize(_x);
    }

    /// <summary>x·2^(−round(log₂|det x|/n)): the same matrix up to an exact power of two, with |det| within a factor 2^(n/2) of 1.</summary>
    private static Matrix<double> UnitDeterminant(Matrix<double> x)
    {
        double log2 = LogDeterminant.SignAndLog(x).Log / Math.Log(2);
        return x.Map(v => Math.ScaleB(v, -(int)Math.Round(log2 / x.RowCount)));
    }

    [Benchmark(Description = "forward")]
    public double Forward() => Determinant.Forward(_x);

    [Benchmark(Description = "differential")]
    public double Differential() => Determinant.Differential(_x, _dx);

    [Benchmark(Description = "backward")]
    public Matrix<double> Backward() => Determinant.Backward(_x, YBar);

    [Benchmark(Description = "linearize")]
    public Linearization<Matrix<double>, double> Linearize() => Determinant.Linearize(_x);

    [Benchmark(Description = "pushforward")]
    public double Pushforward() => _linearization.Differential(_dx);

    [Benchmark(Description = "pullback")]
    public Matrix<double> Pullback() => _linearization.Backward(YBar);
}
