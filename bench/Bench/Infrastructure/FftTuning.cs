namespace Differentials.Bench.Infrastructure;

/// <summary>
/// bench/run's first step: measures FFTW plans for the convolution lengths into the wisdom file, so
/// the kernel's default "fftw" backend runs measured plans in the benchmarks, as it does for any user
/// who has measured those lengths (<see cref="NumericBackend.MeasureFftPlans"/>). Lengths the file
/// already holds cost nothing, so only a machine's first run pays (about 1.5 minutes here).
/// </summary>
internal static class FftTuning
{
    /// <summary>Measures the plans and prints what was done; 0 on success or without FFTW, 1 when planning failed.</summary>
    /// <param name="lengths">The convolution lengths to measure.</param>
    public static int Run(IEnumerable<int> lengths)
    {
        if (!NumericBackend.AvailableFft.Contains("fftw"))
        {
            Console.WriteLine("FFTW is not available here: no plans to measure; the benchmarks run the managed FFT.");
            return 0;
        }
        try
        {
            foreach (var m in NumericBackend.MeasureFftPlans(lengths))
            {
                string what = m.WasKnown ? "already in the wisdom file" : $"measured in {m.Elapsed.TotalSeconds:0.0} s";
                Console.WriteLine($"FFTW plans for length {m.TransformLength} (convolution length {m.ConvolutionLength}): {what}");
            }
            return 0;
        }
        catch (InvalidOperationException e)
        {
            Console.Error.WriteLine($"Could not measure FFTW plans: {e.Message}");
            return 1;
        }
    }
}
