using Differentials.Numerics;

namespace Differentials.Tests.Numerics;

/// <summary>The FFT backends by name, for parameterised tests; FFTW is skipped where it is not installed.</summary>
public static class FftBackends
{
    /// <summary>Every FFT backend name the catalog knows.</summary>
    public static IEnumerable<string> All() => BackendCatalog.FftNames;

    /// <summary>The accurate backends (MathNet's loses accuracy at large non-power-of-two lengths).</summary>
    public static IEnumerable<string> Accurate() => ["fftw", "managed"];

    /// <summary>The backend of that name, or an ignored test when it cannot run here.</summary>
    internal static IRealFft Get(string name)
    {
        var fft = BackendCatalog.TryFft(name, out string reason);
        if (fft == null) Assert.Ignore($"FFT backend {name} is not available on this machine: {reason}");
        return fft!;
    }

    /// <summary>Runs <paramref name="body"/> with <see cref="Backend.Fft"/> set to the named backend, then restores it.</summary>
    internal static void With(string name, Action<IRealFft> body)
    {
        var fft = Get(name);
        var previous = Backend.Fft;
        Backend.Fft = fft;
        try
        {
            body(fft);
        }
        finally
        {
            Backend.Fft = previous;
        }
    }
}
