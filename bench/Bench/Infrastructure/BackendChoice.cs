using System.Reflection;
using Differentials.Numerics;

namespace Differentials.Bench.Infrastructure;

/// <summary>
/// The numerical backends a benchmark can run on. "fast" is what the kernel selected at start-up
/// (from DIFFERENTIALS_LINALG / DIFFERENTIALS_FFT); "reference" is MathNet's managed code, the
/// baseline; the raw seam suites also run every other backend the kernel contains. Switching happens
/// in-process through the internal <see cref="Backend"/> holder, so one run measures them all.
/// </summary>
public sealed class BackendChoice
{
    private static readonly ILinearAlgebra StartupLinearAlgebra =
        Honour<ILinearAlgebra>(Backend.LinearAlgebra, "DIFFERENTIALS_LINALG", b => b.Name);
    private static readonly IRealFft StartupFft =
        Honour<IRealFft>(Backend.Fft, "DIFFERENTIALS_FFT", b => b.Name);

    private BackendChoice(string label, ILinearAlgebra linearAlgebra, IRealFft fft)
    {
        Label = label;
        LinearAlgebra = linearAlgebra;
        Fft = fft;
    }

    /// <summary>The backend the kernel chose at start-up.</summary>
    public static BackendChoice Fast { get; } = new("fast", StartupLinearAlgebra, StartupFft);

    /// <summary>MathNet's managed provider and FFT.</summary>
    public static BackendChoice Reference { get; } = new("reference", new MathNetLinearAlgebra(), new MathNetRealFft());

    /// <summary>"fast", "reference", or a backend family for the alternatives.</summary>
    public string Label { get; }

    /// <summary>The linear algebra backend's own name, e.g. "managed-mathnet".</summary>
    public string LinearAlgebraName => LinearAlgebra.Name;

    /// <summary>The FFT backend's own name.</summary>
    public string FftName => Fft.Name;

    /// <summary>The linear algebra backend itself (for raw seam benchmarks).</summary>
    internal ILinearAlgebra LinearAlgebra { get; }

    /// <summary>The FFT backend itself (for raw seam benchmarks).</summary>
    internal IRealFft Fft { get; }

    /// <summary>True when linear algebra runs on MathNet's managed code (slow: sizes are capped).</summary>
    public bool LinearAlgebraIsManagedMathNet => LinearAlgebra is MathNetLinearAlgebra;

    /// <summary>True when FFTs run on MathNet's managed code.</summary>
    public bool FftIsManagedMathNet => Fft is MathNetRealFft;

    /// <summary>Makes this choice the one the kernel's operators call.</summary>
    public void Activate()
    {
        Backend.LinearAlgebra = LinearAlgebra;
        Backend.Fft = Fft;
    }

    /// <summary>Fast always; the reference too when it differs and <paramref name="includeReference"/>.</summary>
    public static IEnumerable<BackendChoice> ForLinearAlgebra(bool includeReference)
    {
        yield return Fast;
        if (includeReference && !Fast.LinearAlgebraIsManagedMathNet) yield return Reference;
    }

    /// <summary>Fast always; the reference too when it differs and <paramref name="includeReference"/>.</summary>
    public static IEnumerable<BackendChoice> ForFft(bool includeReference)
    {
        yield return Fast;
        if (includeReference && !Fast.FftIsManagedMathNet) yield return Reference;
    }

    /// <summary>Fast, reference, and every other linear algebra backend in the kernel (raw seam suites).</summary>
    public static IEnumerable<BackendChoice> AllLinearAlgebra() =>
        ForLinearAlgebra(true).Concat(Others<ILinearAlgebra>()
            .Where(b => b.Name != Fast.LinearAlgebraName && b is not MathNetLinearAlgebra)
            .Select(b => new BackendChoice(Family(b.GetType()), b, StartupFft)));

    /// <summary>Fast, reference, and every other FFT backend in the kernel (raw seam suites).</summary>
    public static IEnumerable<BackendChoice> AllFft() =>
        ForFft(true).Concat(Others<IRealFft>()
            .Where(b => b.Name != Fast.FftName && b is not MathNetRealFft)
            .Select(b => new BackendChoice(Family(b.GetType()), StartupLinearAlgebra, b)));

    /// <inheritdoc />
    public override string ToString() => Label;

    /// <summary>
    /// Every concrete backend of type <typeparamref name="T"/> in the kernel with a public
    /// parameterless constructor, constructed once; one that cannot start here (e.g. a native
    /// library is missing) is skipped with a note.
    /// </summary>
    private static IEnumerable<T> Others<T>() where T : class
    {
        var found = new List<T>();
        foreach (var type in typeof(Backend).Assembly.GetTypes()
                     .Where(t => typeof(T).IsAssignableFrom(t) && t is { IsClass: true, IsAbstract: false })
                     .Where(t => t.GetConstructor(Type.EmptyTypes) is not null)
                     .OrderBy(t => t.Name))
        {
            try
            {
                found.Add((T)Activator.CreateInstance(type)!);
            }
            catch (Exception e) when (e is TargetInvocationException or TypeInitializationException or DllNotFoundException)
            {
                Console.WriteLine($"bench: backend {type.Name} unavailable here ({(e.InnerException ?? e).Message}); skipped.");
            }
        }
        return found;
    }

    /// <summary>"SimdLinearAlgebra" → "simd", "FftwRealFft" → "fftw".</summary>
    private static string Family(Type type)
    {
        string name = type.Name;
        int end = 1;
        while (end < name.Length && !char.IsUpper(name[end])) end++;
        return name[..end].ToLowerInvariant();
    }

    /// <summary>
    /// The kernel's start-up backend, unless the environment asks for another family that the kernel
    /// did not select by itself (a kernel whose backend selection is not wired yet): then the bench
    /// constructs that backend and says so, so that "fast" is what the environment asked for.
    /// </summary>
    private static T Honour<T>(T startup, string variable, Func<T, string> name) where T : class
    {
        string? wanted = Environment.GetEnvironmentVariable(variable)?.Trim().ToLowerInvariant();
        bool startedOnMathNet = startup is MathNetLinearAlgebra or MathNetRealFft;
        if (string.IsNullOrEmpty(wanted) || !startedOnMathNet || wanted == "mathnet") return startup;
        var match = Others<T>().FirstOrDefault(b => b is not (MathNetLinearAlgebra or MathNetRealFft)
            && b.GetType().Name.ToLowerInvariant().StartsWith(wanted, StringComparison.Ordinal));
        if (match is null)
        {
            Console.WriteLine($"bench: {variable}={wanted} names no backend in this kernel; using {name(startup)}.");
            return startup;
        }
        Console.WriteLine($"bench: the kernel started on {name(startup)} despite {variable}={wanted}; using {name(match)}.");
        return match;
    }
}
