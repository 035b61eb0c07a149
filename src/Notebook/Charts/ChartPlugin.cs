using System.Reflection;

namespace Differentials.Notebook.Charts;

/// <summary>
/// Loads the chart plugin (charts/Differentials.Charts.dll beside this assembly) once, into its own
/// <see cref="PluginLoadContext"/>, and binds its entry points to delegates over strings.
/// </summary>
internal static class ChartPlugin
{
    /// <summary>Folder, relative to this assembly, that holds the plugin's build output.</summary>
    public const string FolderName = "charts";

    /// <summary>File name of the plugin's main assembly.</summary>
    public const string AssemblyFileName = "Differentials.Charts.dll";

    private const string EntryType = "Differentials.Charts.ChartRenderer";
    private const string EntryMethod = "RenderFigureJson";
    private const string PlotlyJsMethod = "PlotlyJs";

    private static readonly Lazy<Loaded> Instance = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Spec JSON in, Plotly figure JSON out.</summary>
    public static Func<string, string> RenderFigureJson => Instance.Value.Render;

    /// <summary>plotly.js <see cref="ChartHtml.PlotlyVersion"/> as Plotly.NET embeds it (3.6 MB), read once per process.</summary>
    public static string PlotlyJs => Instance.Value.PlotlyJs.Value;

    /// <summary>The plugin's main assembly, as loaded (for tests and diagnostics).</summary>
    public static Assembly Assembly => Instance.Value.Assembly;

    /// <summary>Full path of the plugin's main assembly.</summary>
    public static string PluginPath
    {
        get
        {
            var here = Path.GetDirectoryName(typeof(ChartPlugin).Assembly.Location);
            if (string.IsNullOrEmpty(here))
                throw new InvalidOperationException(
                    "Differentials.Notebook was loaded without a file location, so its charts/ folder cannot be found.");
            return Path.Combine(here, FolderName, AssemblyFileName);
        }
    }

    /// <summary>
    /// Loads the plugin and draws one tiny chart on a pool thread, so that the JIT work of a first chart
    /// (most of its cost) overlaps with the cells before it. A failure here is left for the first real
    /// chart to report: the lazy load keeps the exception and throws it there.
    /// </summary>
    public static void WarmUpInBackground() =>
        ThreadPool.UnsafeQueueUserWorkItem(static _ =>
        {
            try
            {
                // Never the chart that carries plotly.js: that turn belongs to the notebook's first real chart.
                new Plot().Line("warm-up", [1.0, 2.0], [1.0, 2.0], LineDash.Dash, markers: true).RenderWith(embedding: null);
            }
            catch (Exception)
            {
                // Reported by the first real Render, with the same exception.
            }
        }, null);

    private sealed record Loaded(Assembly Assembly, Func<string, string> Render, Lazy<string> PlotlyJs);

    private static Loaded Load()
    {
        var path = PluginPath;
        if (!File.Exists(path))
            throw new FileNotFoundException(
                $"The chart plugin is missing: expected '{path}'. Build src/Notebook (dotnet build src/Notebook -c Release) to copy it there.",
                path);
        var assembly = new PluginLoadContext(path).LoadFromAssemblyPath(path);
        var entry = assembly.GetType(EntryType, throwOnError: true)!;
        var render = Bind(entry, EntryMethod);
        var plotlyJs = Bind(entry, PlotlyJsMethod);
        return new Loaded(assembly, render,
            new Lazy<string>(() => plotlyJs(ChartHtml.PlotlyVersion), LazyThreadSafetyMode.ExecutionAndPublication));
    }

    private static Func<string, string> Bind(Type entry, string name)
    {
        var method = entry.GetMethod(name, BindingFlags.Public | BindingFlags.Static, [typeof(string)])
            ?? throw new MissingMethodException(EntryType, name);
        return method.CreateDelegate<Func<string, string>>();
    }
}
