using System.Runtime.Loader;
using Differentials.Notebook;
using Differentials.Notebook.Charts;

namespace Differentials.Notebook.Tests;

/// <summary>The plugin and its FSharp.Core 10.1 live in their own load context, never in the default one.</summary>
public class ChartPluginTests
{
    [OneTimeSetUp]
    public void LoadPlugin() => new Plot().Line("a", [1.0, 2.0], [1.0, 2.0]).Render();

    [Test]
    public void PluginFilesAreCopiedIntoTheChartsFolder()
    {
        var folder = Path.GetDirectoryName(ChartPlugin.PluginPath)!;

        Assert.That(Path.GetFileName(folder), Is.EqualTo("charts"));
        Assert.That(File.Exists(Path.Combine(folder, "Differentials.Charts.dll")), Is.True);
        Assert.That(File.Exists(Path.Combine(folder, "Plotly.NET.dll")), Is.True);
        Assert.That(File.Exists(Path.Combine(folder, "FSharp.Core.dll")), Is.True);
        Assert.That(File.Exists(Path.Combine(folder, "Differentials.Charts.deps.json")), Is.True);
    }

    [Test]
    public void PluginLoadsInItsOwnContext()
    {
        var context = AssemblyLoadContext.GetLoadContext(ChartPlugin.Assembly);

        Assert.That(context, Is.InstanceOf<PluginLoadContext>());
        Assert.That(context, Is.Not.SameAs(AssemblyLoadContext.Default));
    }

    [Test]
    public void PluginUsesFSharpCore101FromItsFolder()
    {
        var context = AssemblyLoadContext.GetLoadContext(ChartPlugin.Assembly)!;
        var fsharp = context.Assemblies.Single(a => a.GetName().Name == "FSharp.Core");

        Assert.That(fsharp.GetName().Version, Is.EqualTo(new Version(10, 1, 0, 0)));
        Assert.That(Path.GetDirectoryName(fsharp.Location), Is.EqualTo(Path.GetDirectoryName(ChartPlugin.PluginPath)));
        Assert.That(context.Assemblies.Select(a => a.GetName().Name), Does.Contain("Plotly.NET"));
    }

    [Test]
    public void DefaultContextHoldsNeitherPlotlyNorThePluginsFSharpCore()
    {
        var defaults = AssemblyLoadContext.Default.Assemblies.ToList();

        Assert.That(defaults.Select(a => a.GetName().Name), Does.Not.Contain("Plotly.NET"));
        Assert.That(defaults.Where(a => a.GetName().Name == "FSharp.Core").Select(a => a.Location),
            Has.None.StartsWith(Path.GetDirectoryName(ChartPlugin.PluginPath)!));
    }

    [Test]
    public void PluginIsLoadedOnce()
    {
        var first = ChartPlugin.RenderFigureJson;
        var second = ChartPlugin.RenderFigureJson;
        Assert.That(second, Is.SameAs(first));
        Assert.That(AssemblyLoadContext.All.Count(c => c is PluginLoadContext), Is.EqualTo(1));
    }

    [Test]
    public void PluginRejectsABadSpecWithAnArgumentException()
    {
        Assert.Throws<ArgumentException>(() => ChartPlugin.RenderFigureJson("not json"));
        Assert.Throws<ArgumentException>(() => ChartPlugin.RenderFigureJson("{\"series\": []}"));
    }
}
