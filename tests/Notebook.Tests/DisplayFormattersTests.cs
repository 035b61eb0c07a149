using Differentials.Notebook;
using Differentials.Verification;
using MathNet.Numerics.LinearAlgebra;
using Microsoft.DotNet.Interactive.Formatting;

namespace Differentials.Notebook.Tests;

/// <summary>The formatters reach .NET Interactive's Formatter, as a notebook kernel would call it.</summary>
public class DisplayFormattersTests
{
    private const string Html = "text/html";

    [Test]
    public void RegistrationHappensOnLoadAndOnlyOnce()
    {
        _ = typeof(Plot); // touching the assembly runs its module initializer
        Assert.That(DisplayFormatters.Register(), Is.False);
        Assert.That(DisplayFormatters.Register(), Is.False);
    }

    [Test]
    public void PlotAndChartViewDisplayAsChartHtml()
    {
        var plot = new Plot("shown").Line("a", [1.0, 2.0], [3.0, 4.0]);

        Assert.That(plot.ToDisplayString(Html), Does.Contain("Plotly.newPlot").And.Contain("shown"));
        var chart = plot.Render();
        Assert.That(chart.ToDisplayString(Html), Is.EqualTo(chart.Html));
    }

    [Test]
    public void MatricesOfAnyStorageDisplayAsTables()
    {
        Assert.That(Matrix<double>.Build.Dense(2, 3).ToDisplayString(Html), Does.Contain(">2 × 3 matrix</caption>"));
        Assert.That(Matrix<double>.Build.DenseIdentity(4).ToDisplayString(Html), Does.Contain(">4 × 4 matrix</caption>"));
        Assert.That(Matrix<double>.Build.SparseIdentity(3).ToDisplayString(Html), Does.Contain(">3 × 3 matrix</caption>"));
        Assert.That(Vector<double>.Build.Dense(5).ToDisplayString(Html), Does.Contain(">vector of length 5</caption>"));
    }

    [Test]
    public void VerificationResultsDisplayWithBadges()
    {
        Assert.That(new VerificationResult("one", 0, 1).ToDisplayString(Html), Does.Contain(">PASS</span>"));
        VerificationResult[] several = [new("a", 0, 1), new("b", 2, 1)];
        Assert.That(several.ToDisplayString(Html), Does.Contain(">1 of 2 checks passed</caption>"));
        Assert.That(new List<VerificationResult>(several).ToDisplayString(Html), Does.Contain("checks passed"));
    }
}
