using BenchmarkDotNet.Attributes;
using Differentials.Bench.Infrastructure;
using MathNet.Numerics.LinearAlgebra;

namespace Differentials.Bench.Benchmarks;

/// <summary>
/// y = a ∗ x (circular, length n): forward, differential, backward (ā = x ⋆ ȳ, x̄ = a ⋆ ȳ) and the
/// linearization's closures, which keep the forward spectra. Lengths cover powers of two, a
/// 3·2^17 mixed radix and the prime 1000003. Backends: the fast one (FFTW with estimated plans when it
/// loads), MathNet's managed FFT at small sizes, and FFTW with measured plans ("fftw-measure").
/// </summary>
[BenchmarkCategory("convolution")]
public class CircularConvolutionBenchmarks
{
    private Vector<double> _a = null!, _x = null!, _da = null!, _dx = null!, _yBar = null!;
    private Linearization<(Vector<double> A, Vector<double> X), Vector<double>> _linearization = null!;

    [ParamsSource(nameof(Cases))]
    public SizeCase Case { get; set; } = null!;

    /// <summary>The signal lengths measured (tiny ones in a smoke pass); bench/run measures their FFTW plans first.</summary>
    public static int[] Lengths() => BenchSettings.Choose([1 << 10, 1 << 14, 1 << 18, 1 << 20, 3 << 17, 1000003], [16, 15]);

    public static IEnumerable<SizeCase> Cases()
    {
        foreach (int n in Lengths())
        {
            foreach (var choice in BackendChoice.ForFft(includeReference: true, includeMeasured: true))
            {
                // The managed FFT is the slow baseline: compare it where it is cheap.
                if (choice.FftIsManagedMathNet && n > (1 << 14) && !BenchSettings.Smoke) continue;
                yield return SizeCase.Vector(choice, n);
            }
        }
    }

    [GlobalSetup]
    public void Setup()
    {
        Case.Choice.Activate();
        int n = Case.Rows;
        _a = TestData.Vector(n, seed: 31);
        _x = TestData.Vector(n, seed: 32);
        _da = TestData.Vector(n, seed: 33);
        _dx = TestData.Vector(n, seed: 34);
        _yBar = TestData.Vector(n, seed: 35);
        _linearization = CircularConvolution.Linearize(_a, _x);
    }

    [Benchmark(Description = "forward")]
    public Vector<double> Forward() => CircularConvolution.Forward(_a, _x);

    [Benchmark(Description = "differential")]
    public Vector<double> Differential() => CircularConvolution.Differential(_a, _x, _da, _dx);

    [Benchmark(Description = "backward")]
    public (Vector<double>, Vector<double>) Backward() => CircularConvolution.Backward(_a, _x, _yBar);

    [Benchmark(Description = "linearize")]
    public Linearization<(Vector<double> A, Vector<double> X), Vector<double>> Linearize() =>
        CircularConvolution.Linearize(_a, _x);

    [Benchmark(Description = "pushforward")]
    public Vector<double> Pushforward() => _linearization.Differential((_da, _dx));

    [Benchmark(Description = "pullback")]
    public (Vector<double>, Vector<double>) Pullback() => _linearization.Backward(_yBar);
}
