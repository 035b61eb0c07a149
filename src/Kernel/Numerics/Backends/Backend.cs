namespace Differentials.Numerics;

/// <summary>
/// Holds the numerical backend the operators call. Every operator reaches linear algebra and FFTs
/// only through <see cref="LinearAlgebra"/> and <see cref="Fft"/>. The initial choice is automatic
/// (see <see cref="BackendCatalog"/>); <see cref="NumericBackend"/> is the public way to change it.
/// </summary>
internal static class Backend
{
    static Backend()
    {
        LinearAlgebra = BackendCatalog.DefaultLinearAlgebra(out string linearAlgebraNote);
        Fft = BackendCatalog.DefaultFft(out string fftNote);
        StartupNote = string.Join("; ", new[] { linearAlgebraNote, fftNote }.Where(note => note.Length > 0));
    }

    /// <summary>The linear algebra in use.</summary>
    public static ILinearAlgebra LinearAlgebra { get; set; }

    /// <summary>The real FFT in use.</summary>
    public static IRealFft Fft { get; set; }

    /// <summary>Why an environment variable was ignored at startup, or empty.</summary>
    public static string StartupNote { get; }
}
