using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.CSharp;
using Microsoft.DotNet.Interactive.PackageManagement;

namespace Differentials.Runner;

/// <summary>Builds the kernel a notebook runs in: a composite kernel holding one C# kernel, set up as
/// Polyglot Notebooks sets it up (NuGet directive, kernel helpers, #!who, value sharing).</summary>
internal static class KernelFactory
{
    // Simple assembly name -> file, for every assembly a `#r "nuget:..."` restored in this process.
    private static readonly ConcurrentDictionary<string, string> RestoredAssemblies = new(StringComparer.OrdinalIgnoreCase);
    private static int resolverInstalled;

    /// <summary>Creates a fresh kernel whose default kernel is C#.</summary>
    /// <returns>The composite kernel; the caller disposes it.</returns>
    public static CompositeKernel Create()
    {
        InstallResolver();
        var csharp = new CSharpKernel()
            .UseNugetDirective(OnPackagesRestored, forceRestore: false)
            .UseKernelHelpers()
            .UseWho()
            .UseValueSharing();
        var composite = new CompositeKernel { csharp };
        composite.DefaultKernelName = csharp.Name;
        return composite;
    }

    private static Task OnPackagesRestored(CSharpKernel kernel, IReadOnlyList<ResolvedPackageReference> packages)
    {
        var paths = packages.SelectMany(p => p.AssemblyPaths).ToArray();
        foreach (var path in paths)
            RestoredAssemblies.TryAdd(Path.GetFileNameWithoutExtension(path), path);
        kernel.AddAssemblyReferences(paths);
        return Task.CompletedTask;
    }

    // The compiler sees restored assemblies through AddAssemblyReferences; the runtime still has to find
    // them when code first touches one of their types.
    private static void InstallResolver()
    {
        if (Interlocked.Exchange(ref resolverInstalled, 1) == 1)
            return;
        AssemblyLoadContext.Default.Resolving += (context, name) =>
            name.Name is { } simpleName && RestoredAssemblies.TryGetValue(simpleName, out var path) && File.Exists(path)
                ? context.LoadFromAssemblyPath(path)
                : null;
    }
}
