using System.Numerics;
using BenchmarkDotNet.Attributes;
using Differentials.Bench.Infrastructure;

namespace Differentials.Bench.Benchmarks;

/// <summary>
/// Raw transforms, without any operator around them: the forward+inverse pair through the kernel's
/// internal FFT seam, and the same pair (plus the three-transform convolution) through libfftw3
/// directly. The convolution operator is judged against "fftw-raw-convolution", which does exactly
/// the transforms and product a circular convolution needs and nothing else.
/// </summary>
[BenchmarkCategory("fft")]
public unsafe class RawFftBenchmarks
{
    private double[] _signal = [], _result = [];
    private Complex[] _spectrum = [];

    // Raw FFTW state: aligned buffers and MEASURE plans.
    private double* _a, _x, _y;
    private Complex* _spectrumA, _spectrumX;
    private nint _forwardPlan, _inversePlan;

    [ParamsSource(nameof(Cases))]
    public SizeCase Case { get; set; } = null!;

    public static IEnumerable<SizeCase> Cases()
    {
        foreach (int n in BenchSettings.Choose([1 << 18], [64]))
        {
            foreach (var choice in BackendChoice.AllFft())
                yield return SizeCase.Vector(choice, n);
        }
    }

    [GlobalSetup(Target = nameof(BackendPair))]
    public void SetupBackend()
    {
        int n = Case.Rows;
        _signal = TestData.Uniform(n, seed: 3);
        _result = new double[n];
        _spectrum = new Complex[n / 2 + 1];
    }

    [GlobalSetup(Targets = [nameof(FftwPair), nameof(FftwConvolution)])]
    public void SetupFftw()
    {
        int n = Case.Rows;
        _a = (double*)RawFftw.Malloc((nuint)(n * sizeof(double)));
        _x = (double*)RawFftw.Malloc((nuint)(n * sizeof(double)));
        _y = (double*)RawFftw.Malloc((nuint)(n * sizeof(double)));
        _spectrumA = (Complex*)RawFftw.Malloc((nuint)((n / 2 + 1) * sizeof(Complex)));
        _spectrumX = (Complex*)RawFftw.Malloc((nuint)((n / 2 + 1) * sizeof(Complex)));
        // Planning with MEASURE overwrites the buffers, so fill them afterwards.
        _forwardPlan = RawFftw.PlanRealToComplex(n, _x, _spectrumX, RawFftw.Measure);
        _inversePlan = RawFftw.PlanComplexToReal(n, _spectrumA, _y, RawFftw.Measure);
        // FFTW keeps what MEASURE learnt as global wisdom, which later plans in this process (the
        // kernel's own) would inherit: forget it so that the kernel is measured as it runs on its own.
        RawFftw.ForgetWisdom();
        var a = TestData.Uniform(n, seed: 4);
        var x = TestData.Uniform(n, seed: 5);
        for (int i = 0; i < n; i++) { _a[i] = a[i]; _x[i] = x[i]; }
    }

    [GlobalCleanup(Targets = [nameof(FftwPair), nameof(FftwConvolution)])]
    public void CleanupFftw()
    {
        RawFftw.DestroyPlan(_forwardPlan);
        RawFftw.DestroyPlan(_inversePlan);
        RawFftw.Free(_a); RawFftw.Free(_x); RawFftw.Free(_y);
        RawFftw.Free(_spectrumA); RawFftw.Free(_spectrumX);
    }

    /// <summary>Forward then inverse through the kernel's FFT seam (fast or reference backend).</summary>
    [Benchmark(Description = "backend-r2c+c2r")]
    public double BackendPair()
    {
        Case.Choice.Fft.Forward(_signal, _spectrum);
        Case.Choice.Fft.Inverse(_spectrum, _result);
        return _result[0];
    }

    /// <summary>One r2c and one c2r through libfftw3 directly (MEASURE plans).</summary>
    [Benchmark(Description = "fftw-raw-r2c+c2r"), RawLibrary("fftw", "fftw-measure")]
    public double FftwPair()
    {
        RawFftw.ExecuteRealToComplex(_forwardPlan, _x, _spectrumA);
        RawFftw.Execute(_inversePlan);
        return _y[0];
    }

    /// <summary>
    /// A circular convolution with nothing but FFTW: two r2c, a pointwise product, one c2r and the
    /// 1/n scaling; the floor for the kernel's convolution forward.
    /// </summary>
    [Benchmark(Description = "fftw-raw-convolution"), RawLibrary("fftw", "fftw-measure")]
    public double FftwConvolution()
    {
        int n = Case.Rows, half = n / 2 + 1;
        RawFftw.ExecuteRealToComplex(_forwardPlan, _a, _spectrumA);
        RawFftw.ExecuteRealToComplex(_forwardPlan, _x, _spectrumX);
        for (int i = 0; i < half; i++) _spectrumA[i] *= _spectrumX[i];
        RawFftw.Execute(_inversePlan);
        double scale = 1.0 / n;
        for (int i = 0; i < n; i++) _y[i] *= scale;
        return _y[0];
    }
}
