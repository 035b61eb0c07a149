using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using BenchmarkDotNet.Attributes;
using Differentials.Bench.Infrastructure;
using Differentials.Numerics;
using MathNet.Numerics.LinearAlgebra;

namespace Differentials.Bench.Benchmarks;

/// <summary>
/// Raw transforms, without any operator around them: the forward+inverse pair through the kernel's
/// internal FFT seam, and the same pair (plus the three-transform convolution) through libfftw3
/// directly, with FFTW_MEASURE plans and with FFTW_ESTIMATE plans. The convolution operator (run here
/// too, under every FFT backend) is judged against "fftw-raw-convolution", which does exactly the
/// transforms and product a circular convolution needs and nothing else, with the same planner (and,
/// for FFTW_MEASURE, the same plan: see <see cref="MeasuredPlanWisdom"/>).
/// </summary>
[BenchmarkCategory("fft")]
public unsafe class RawFftBenchmarks
{
    private IRealFft _fft = null!;

    // The seam's arrays, pinned (so their addresses stay put) and sliced to a chosen alignment: FFTW's
    // plans need 16-byte-aligned arrays and the seam copies misaligned ones through aligned scratch, so a
    // managed array's chance alignment would otherwise decide which path a run measures.
    private SeamArrays _aligned = null!, _misaligned = null!;

    // Raw FFTW state: aligned buffers, MEASURE plans and ESTIMATE plans.
    private double* _a, _x, _y;
    private Complex* _spectrumA, _spectrumX;
    private nint _forwardPlan, _inversePlan, _forwardEstimate, _inverseEstimate;

    // The operator's inputs and a reused destination.
    private MathNet.Numerics.LinearAlgebra.Vector<double> _kernelA = null!, _kernelX = null!;
    private double[] _destination = [];

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

    [GlobalSetup(Targets = [nameof(BackendPair), nameof(BackendPairMisaligned), nameof(OperatorForward), nameof(OperatorForwardInto)])]
    public void SetupBackend()
    {
        int n = Case.Rows;
        Case.Choice.Activate();
        _fft = Case.Choice.Fft;
        if (Case.Choice.FftMeasures)
        {
            // A fresh instance (no plans cached from earlier suites) that plans from the raw side's measured
            // wisdom: the kernel and raw FFTW then run one and the same algorithm.
            MeasuredPlanWisdom.Load(n);
            var (fresh, reason) = FftwRealFft.Load(["libfftw3.so.3"], measure: true);
            _fft = fresh ?? throw new InvalidOperationException($"FFTW did not load a second time: {reason}");
            Backend.Fft = _fft;
        }
        _kernelA = TestData.Vector(n, seed: 31);
        _kernelX = TestData.Vector(n, seed: 32);
        _destination = new double[n];
        _aligned = new SeamArrays(n, misaligned: false);
        _misaligned = new SeamArrays(n, misaligned: true);
    }

    [GlobalSetup(Targets = [nameof(FftwPair), nameof(FftwConvolution), nameof(FftwPairEstimate), nameof(FftwConvolutionEstimate)])]
    public void SetupFftw()
    {
        int n = Case.Rows;
        _a = (double*)RawFftw.Malloc((nuint)(n * sizeof(double)));
        _x = (double*)RawFftw.Malloc((nuint)(n * sizeof(double)));
        _y = (double*)RawFftw.Malloc((nuint)(n * sizeof(double)));
        _spectrumA = (Complex*)RawFftw.Malloc((nuint)((n / 2 + 1) * sizeof(Complex)));
        _spectrumX = (Complex*)RawFftw.Malloc((nuint)((n / 2 + 1) * sizeof(Complex)));
        // MEASURE plans from the measured wisdom the kernel's "fftw-measure" case also plans from (so both
        // run the same algorithm). Planning may overwrite the buffers, so fill them afterwards.
        MeasuredPlanWisdom.Load(n);
        _forwardPlan = RawFftw.PlanRealToComplex(n, _x, _spectrumX, RawFftw.Measure);
        _inversePlan = RawFftw.PlanComplexToReal(n, _spectrumA, _y, RawFftw.Measure);
        // FFTW keeps what MEASURE learnt as global wisdom, which ESTIMATE plans made later in this process
        // (the raw ones below, the kernel's own) would inherit: forget it so that they are what ESTIMATE gives.
        RawFftw.ForgetWisdom();
        _forwardEstimate = RawFftw.PlanRealToComplex(n, _x, _spectrumX, RawFftw.Estimate);
        _inverseEstimate = RawFftw.PlanComplexToReal(n, _spectrumA, _y, RawFftw.Estimate);
        var a = TestData.Uniform(n, seed: 4);
        var x = TestData.Uniform(n, seed: 5);
        for (int i = 0; i < n; i++) { _a[i] = a[i]; _x[i] = x[i]; }
    }

    [GlobalCleanup(Targets = [nameof(FftwPair), nameof(FftwConvolution), nameof(FftwPairEstimate), nameof(FftwConvolutionEstimate)])]
    public void CleanupFftw()
    {
        RawFftw.DestroyPlan(_forwardPlan);
        RawFftw.DestroyPlan(_inversePlan);
        RawFftw.DestroyPlan(_forwardEstimate);
        RawFftw.DestroyPlan(_inverseEstimate);
        RawFftw.Free(_a); RawFftw.Free(_x); RawFftw.Free(_y);
        RawFftw.Free(_spectrumA); RawFftw.Free(_spectrumX);
    }

    /// <summary>
    /// Forward then inverse through the kernel's FFT seam (fast or reference backend). The inverse may
    /// consume the spectrum, as raw c2r does, and carries the 1/n that the raw pair applies too.
    /// </summary>
    [Benchmark(Description = "backend-r2c+c2r")]
    public double BackendPair() => Pair(_fft, _aligned);

    /// <summary>
    /// The same pair on arrays that are all 8 bytes off 16-byte alignment, as half of managed arrays are by
    /// chance: under FFTW the seam copies each through aligned scratch (measured cheaper than FFTW plans made
    /// for misaligned arrays), the worst case of that path.
    /// </summary>
    [Benchmark(Description = "backend-r2c+c2r-misaligned")]
    public double BackendPairMisaligned() => Pair(_fft, _misaligned);

    private static double Pair(IRealFft fft, SeamArrays arrays)
    {
        fft.Forward(arrays.Signal, arrays.Spectrum);
        fft.InverseOverwriting(arrays.Spectrum, arrays.Result);
        return arrays.Result[0];
    }

    /// <summary>The convolution operator y = a ∗ x under this case's FFT backend, returning a new vector (as users call it).</summary>
    [Benchmark(Description = "operator-forward")]
    public MathNet.Numerics.LinearAlgebra.Vector<double> OperatorForward() => CircularConvolution.Forward(_kernelA, _kernelX);

    /// <summary>The same operator writing into a destination the caller keeps (the span form): no result allocation.</summary>
    [Benchmark(Description = "operator-forward-into")]
    public double OperatorForwardInto()
    {
        CircularConvolution.Forward(_kernelA.AsArray(), _kernelX.AsArray(), _destination);
        return _destination[0];
    }

    /// <summary>One r2c, one c2r and the 1/n scaling through libfftw3 directly (MEASURE plans).</summary>
    [Benchmark(Description = "fftw-raw-r2c+c2r"), RawLibrary("fftw", "fftw-measure")]
    public double FftwPair() => Pair(_forwardPlan, _inversePlan);

    /// <summary>The same pair with ESTIMATE plans (the kernel's default planner).</summary>
    [Benchmark(Description = "fftw-raw-r2c+c2r-estimate"), RawLibrary("fftw", "fftw-estimate")]
    public double FftwPairEstimate() => Pair(_forwardEstimate, _inverseEstimate);

    /// <summary>
    /// A circular convolution with nothing but FFTW: two r2c, a pointwise product, one c2r and the
    /// 1/n scaling; the floor for the kernel's convolution forward (MEASURE plans).
    /// </summary>
    [Benchmark(Description = "fftw-raw-convolution"), RawLibrary("fftw", "fftw-measure")]
    public double FftwConvolution() => Convolution(_forwardPlan, _inversePlan);

    /// <summary>The same raw convolution with ESTIMATE plans.</summary>
    [Benchmark(Description = "fftw-raw-convolution-estimate"), RawLibrary("fftw", "fftw-estimate")]
    public double FftwConvolutionEstimate() => Convolution(_forwardEstimate, _inverseEstimate);

    private double Pair(nint forward, nint inverse)
    {
        RawFftw.ExecuteRealToComplex(forward, _x, _spectrumA);
        RawFftw.ExecuteComplexToReal(inverse, _spectrumA, _y);
        Scale(_y, Case.Rows, 1.0 / Case.Rows);
        return _y[0];
    }

    private double Convolution(nint forward, nint inverse)
    {
        int n = Case.Rows, half = n / 2 + 1;
        RawFftw.ExecuteRealToComplex(forward, _a, _spectrumA);
        RawFftw.ExecuteRealToComplex(forward, _x, _spectrumX);
        for (int i = 0; i < half; i++) _spectrumA[i] *= _spectrumX[i];
        RawFftw.ExecuteComplexToReal(inverse, _spectrumA, _y);
        Scale(_y, n, 1.0 / n);
        return _y[0];
    }

    // The unnormalised c2r times 1/n, vectorised so that the baseline's glue is as lean as the kernel's.
    private static void Scale(double* y, int n, double scale)
    {
        var factor = System.Numerics.Vector<double>.One * scale;
        int i = 0;
        for (; i + System.Numerics.Vector<double>.Count <= n; i += System.Numerics.Vector<double>.Count)
            (Vector.Load(y + i) * factor).Store(y + i);
        for (; i < n; i++) y[i] *= scale;
    }

    /// <summary>Signal, spectrum and result for the seam pair, each 16-byte aligned or each exactly 8 bytes off.</summary>
    private sealed class SeamArrays
    {
        private readonly double[] _signal, _result, _spectrum;
        private readonly int _n, _signalStart, _resultStart, _spectrumStart;

        public SeamArrays(int n, bool misaligned)
        {
            _n = n;
            _signal = GC.AllocateArray<double>(n + 1, pinned: true);
            _result = GC.AllocateArray<double>(n + 1, pinned: true);
            _spectrum = GC.AllocateArray<double>(2 * (n / 2 + 1) + 1, pinned: true);
            _signalStart = Start(_signal, misaligned);
            _resultStart = Start(_result, misaligned);
            _spectrumStart = Start(_spectrum, misaligned);
            TestData.Uniform(n, seed: 3).CopyTo(Signal);
        }

        public Span<double> Signal => _signal.AsSpan(_signalStart, _n);
        public Span<double> Result => _result.AsSpan(_resultStart, _n);
        public Span<Complex> Spectrum =>
            MemoryMarshal.Cast<double, Complex>(_spectrum.AsSpan(_spectrumStart, 2 * (_n / 2 + 1)));

        // Pinned arrays do not move, so the offset chosen once holds for the whole run.
        private static int Start(double[] array, bool misaligned)
        {
            bool firstIsAligned = ((nint)Unsafe.AsPointer(ref array[0]) & 15) == 0;
            return firstIsAligned == misaligned ? 1 : 0;
        }
    }
}
