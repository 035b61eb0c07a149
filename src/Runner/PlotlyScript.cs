using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Text;

namespace Differentials.Runner;

/// <summary>plotly.js, read from the manifest resource that Plotly.NET.dll embeds. The DLL is copied into
/// the runner's output (plotly/Plotly.NET.dll) and parsed as metadata, never loaded as an assembly.</summary>
internal static class PlotlyScript
{
    /// <summary>The manifest resource name of plotly.js inside Plotly.NET 6.0.0.</summary>
    public const string ResourceName = "Plotly.NET.plotly-2.28.0.min.js";

    private static readonly Lazy<string> LazyScript = new(() =>
        ReadResource(Path.Combine(AppContext.BaseDirectory, "plotly", "Plotly.NET.dll"), ResourceName));

    /// <summary>plotly.min.js, read once per process.</summary>
    public static string Script => LazyScript.Value;

    /// <summary>Reads an embedded manifest resource of a .NET assembly file as UTF-8 text.</summary>
    /// <param name="assemblyPath">The assembly file.</param>
    /// <param name="resourceName">The resource's manifest name.</param>
    /// <returns>The resource's text.</returns>
    /// <exception cref="FileNotFoundException">The assembly file is missing.</exception>
    /// <exception cref="InvalidOperationException">The assembly has no such embedded resource.</exception>
    public static string ReadResource(string assemblyPath, string resourceName)
    {
        if (!File.Exists(assemblyPath))
            throw new FileNotFoundException($"{assemblyPath} is missing: rebuild the runner (its project copies Plotly.NET.dll there for plotly.js).", assemblyPath);
        using var stream = File.OpenRead(assemblyPath);
        using var pe = new PEReader(stream, PEStreamOptions.PrefetchEntireImage);
        var metadata = pe.GetMetadataReader();
        foreach (var handle in metadata.ManifestResources)
        {
            var resource = metadata.GetManifestResource(handle);
            if (!metadata.StringComparer.Equals(resource.Name, resourceName) || !resource.Implementation.IsNil)
                continue;
            // Embedded resources sit in the CLI resources directory: a 4-byte length, then the bytes.
            var directory = pe.PEHeaders.CorHeader!.ResourcesDirectory;
            var section = pe.GetSectionData(directory.RelativeVirtualAddress);
            var reader = section.GetReader(checked((int)resource.Offset), section.Length - checked((int)resource.Offset));
            var length = reader.ReadInt32();
            return Encoding.UTF8.GetString(reader.ReadBytes(length));
        }
        throw new InvalidOperationException($"{assemblyPath} has no embedded resource {resourceName}.");
    }
}
