using BenchmarkDotNet.Attributes;
using Differentials.Bench.Infrastructure;

namespace Differentials.Bench.Benchmarks;

/// <summary>
/// The raw n×n matrix product through the internal seam (Backend.LinearAlgebra.Multiply), the
/// building block every matrix operator stands on; reported in GFLOP/s (2n³ flops) against the
/// machine's measured FMA peak.
/// </summary>
[BenchmarkCategory("matmul")]
public class MatrixProductBenchmarks
{
    private double[] _a = [], _b = [], _c = [];

    [ParamsSource(nameof(Cases))]
    public SizeCase Case { get; set; } = null!;

    public static IEnumerable<SizeCase> Cases()
    {
        foreach (int n in BenchSettings.Choose([512, 1024, 2048], [16]))
        {
            foreach (var (choice, slow) in BackendChoice.AllLinearAlgebra())
            {
                // MathNet's managed product (and the scalar fallback) take seconds per call from n = 1024.
                if (slow && n > 512) continue;
                yield return SizeCase.Square(choice, n);
            }
        }
    }

    [GlobalSetup]
    public void Setup()
    {
        int n = Case.Rows;
        _a = TestData.Uniform(n * n, seed: 1);
        _b = TestData.Uniform(n * n, seed: 2);
        _c = new double[n * n];
    }

    [Benchmark(Description = "multiply")]
    public double Multiply()
    {
        int n = Case.Rows;
        Case.Choice.LinearAlgebra.Multiply(_a, false, _b, false, _c, n, n, n);
        return _c[0];
    }
}
