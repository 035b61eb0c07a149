using System.Reflection;
using System.Runtime.Loader;

namespace Differentials.Notebook.Charts;

/// <summary>
/// The load context of the chart plugin. It resolves the plugin's own dependencies (Plotly.NET,
/// FSharp.Core 10.1, Newtonsoft.Json, ...) from the plugin folder through the plugin's deps.json, so they
/// never meet the FSharp.Core 10.0 the notebook kernel has loaded. Framework assemblies are not in that
/// folder, so they fall through to the default context and are shared.
/// </summary>
internal sealed class PluginLoadContext : AssemblyLoadContext
{
    private readonly AssemblyDependencyResolver _resolver;

    /// <param name="pluginPath">Full path of the plugin's main assembly.</param>
    public PluginLoadContext(string pluginPath) : base("Differentials.Charts", isCollectible: false) =>
        _resolver = new AssemblyDependencyResolver(pluginPath);

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        var path = _resolver.ResolveAssemblyToPath(assemblyName);
        return path is null ? null : LoadFromAssemblyPath(path);
    }

    protected override IntPtr LoadUnmanagedDll(string unmanagedDllName)
    {
        var path = _resolver.ResolveUnmanagedDllToPath(unmanagedDllName);
        return path is null ? IntPtr.Zero : LoadUnmanagedDllFromPath(path);
    }
}
