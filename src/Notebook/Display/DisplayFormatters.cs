using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using Differentials.Verification;
using MathNet.Numerics.LinearAlgebra;
using Microsoft.DotNet.Interactive.Formatting;

namespace Differentials.Notebook;

/// <summary>
/// Registers the workbook's text/html formatters with .NET Interactive: charts (<see cref="Plot"/>,
/// <see cref="ChartView"/>), MathNet matrices and vectors of doubles, verification results, expected failures,
/// checked claims and <see cref="Table"/>s.
/// It runs when this assembly is first used; a notebook that only #r-s the library and then displays a
/// matrix should call <see cref="Register"/> once, since a reference alone runs no code.
/// </summary>
public static class DisplayFormatters
{
    private const string Html = "text/html";
    private static int _registered;

    /// <summary>Registers the formatters; later calls do nothing.</summary>
    /// <returns>True on the call that registered them, false if they already were.</returns>
    public static bool Register()
    {
        if (Interlocked.Exchange(ref _registered, 1) == 1) return false;
        Formatter.Register<ChartView>((chart, writer) => writer.Write(chart.Html), Html);
        Formatter.Register<Plot>((plot, writer) => writer.Write(plot.Render().Html), Html);
        Formatter.Register<Matrix<double>>((matrix, writer) => writer.Write(MatrixHtml.Matrix(matrix)), Html);
        Formatter.Register<Vector<double>>((vector, writer) => writer.Write(MatrixHtml.Vector(vector)), Html);
        Formatter.Register<VerificationResult>((result, writer) => writer.Write(VerificationHtml.Result(result)), Html);
        Formatter.Register<IEnumerable<VerificationResult>>((results, writer) => writer.Write(VerificationHtml.Table(results)), Html);
        Formatter.Register<ExpectedFailure>((failure, writer) => writer.Write(VerificationHtml.ExpectedFailure(failure)), Html);
        Formatter.Register<IEnumerable<ExpectedFailure>>((failures, writer) => writer.Write(VerificationHtml.ExpectedFailures(failures)), Html);
        Formatter.Register<Claim>((claim, writer) => writer.Write(VerificationHtml.Claim(claim)), Html);
        Formatter.Register<IEnumerable<Claim>>((claims, writer) => writer.Write(string.Concat(claims.Select(VerificationHtml.Claim))), Html);
        Formatter.Register<HeatMap>((map, writer) => writer.Write(map.ToHtml()), Html);
        Formatter.Register<Table>((table, writer) => writer.Write(table.ToHtml()), Html);
        return true;
    }

    // A library normally leaves module initializers alone (CA2255); here registering on first use is the
    // point, so that displaying a chart needs no setup call. The chart plugin starts loading in the
    // background at the same time, since a notebook that touches this library almost always draws.
    [ModuleInitializer]
    [SuppressMessage("Usage", "CA2255:The 'ModuleInitializer' attribute should not be used in libraries", Justification = "Formatter registration on load is the purpose.")]
    internal static void RegisterOnLoad()
    {
        Register();
        Charts.ChartPlugin.WarmUpInBackground();
    }
}
