namespace Differentials.Bench.Infrastructure;

/// <summary>
/// Marks a benchmark that calls a library directly instead of the kernel (e.g. libfftw3): its time
/// does not depend on the kernel's backend, so it runs under the "fast" case only and is reported
/// under this library's name.
/// </summary>
/// <param name="library">The library column in the results, e.g. "fftw".</param>
/// <param name="backend">The backend column, e.g. "fftw-measure".</param>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RawLibraryAttribute(string library, string backend) : Attribute
{
    /// <summary>The library column in the results.</summary>
    public string Library { get; } = library;

    /// <summary>The backend column in the results.</summary>
    public string Backend { get; } = backend;
}
