using System.Globalization;
using System.Text;
using MathNet.Numerics.LinearAlgebra;

namespace Differentials.Notebook;

/// <summary>
/// Compact HTML tables for MathNet matrices and vectors: entries rounded to a few significant digits, the
/// shape in a caption, and the middle rows and columns of large ones elided (⋯, ⋮, ⋱) so that the
/// corners stay visible.
/// </summary>
public static class MatrixHtml
{
    /// <summary>Rows or columns shown in full up to this count; larger ones show their first and last few.</summary>
    public const int MaxShown = 10;

    /// <summary>Leading rows or columns shown when a dimension is elided (the trailing ones are one fewer).</summary>
    public const int HeadShown = 5;

    /// <summary>Significant digits of each entry.</summary>
    public const int SignificantDigits = 4;

    private const string TableStyle = "border-collapse:collapse;font-family:monospace;font-size:0.9em;margin:0.25em 0;";
    private const string CaptionStyle = "caption-side:top;text-align:left;font-family:sans-serif;font-size:0.85em;color:#555;padding-bottom:2px;";
    private const string CellStyle = "padding:1px 8px;text-align:right;border-left:1px solid #ddd;";
    private const string GapStyle = "padding:1px 8px;text-align:center;color:#888;border-left:1px solid #ddd;";

    /// <summary>Writes a matrix as an HTML table with caption "rows × columns matrix".</summary>
    /// <param name="matrix">The matrix.</param>
    /// <returns>The HTML fragment.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="matrix"/> is null.</exception>
    public static string Matrix(Matrix<double> matrix)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        var rows = Shown(matrix.RowCount);
        var cols = Shown(matrix.ColumnCount);
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"<table class=\"differentials-matrix\" style=\"{TableStyle}\">");
        html.Append(CultureInfo.InvariantCulture,
            $"<caption style=\"{CaptionStyle}\">{matrix.RowCount} × {matrix.ColumnCount} matrix{Elision(matrix.RowCount, matrix.ColumnCount)}</caption>");
        foreach (var i in rows)
        {
            html.Append("<tr>");
            foreach (var j in cols)
            {
                if (i < 0 && j < 0) Gap(html, "⋱");
                else if (i < 0) Gap(html, "⋮");
                else if (j < 0) Gap(html, "⋯");
                else Cell(html, matrix[i, j]);
            }
            html.Append("</tr>");
        }
        return html.Append("</table>").ToString();
    }

    /// <summary>Writes a vector as a one-row HTML table with caption "vector of length n".</summary>
    /// <param name="vector">The vector.</param>
    /// <returns>The HTML fragment.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="vector"/> is null.</exception>
    public static string Vector(Vector<double> vector)
    {
        ArgumentNullException.ThrowIfNull(vector);
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"<table class=\"differentials-vector\" style=\"{TableStyle}\">");
        var elided = vector.Count > MaxShown ? $", showing {2 * HeadShown - 1}" : "";
        html.Append(CultureInfo.InvariantCulture, $"<caption style=\"{CaptionStyle}\">vector of length {vector.Count}{elided}</caption><tr>");
        foreach (var i in Shown(vector.Count))
        {
            if (i < 0) Gap(html, "⋯");
            else Cell(html, vector[i]);
        }
        return html.Append("</tr></table>").ToString();
    }

    /// <summary>Indices to show along a dimension of length n; -1 marks the elided middle.</summary>
    internal static IEnumerable<int> Shown(int n)
    {
        if (n <= MaxShown)
        {
            for (var i = 0; i < n; i++) yield return i;
            yield break;
        }
        for (var i = 0; i < HeadShown; i++) yield return i;
        yield return -1;
        for (var i = n - (HeadShown - 1); i < n; i++) yield return i;
    }

    private static string Elision(int rows, int cols) =>
        rows > MaxShown || cols > MaxShown
            ? $", showing {Math.Min(rows, rows > MaxShown ? 2 * HeadShown - 1 : rows)} × {Math.Min(cols, cols > MaxShown ? 2 * HeadShown - 1 : cols)}"
            : "";

    private static void Cell(StringBuilder html, double value) =>
        html.Append(CultureInfo.InvariantCulture, $"<td style=\"{CellStyle}\">{HtmlText.Escape(NumberText.Format(value, SignificantDigits))}</td>");

    private static void Gap(StringBuilder html, string symbol) =>
        html.Append(CultureInfo.InvariantCulture, $"<td style=\"{GapStyle}\">{symbol}</td>");
}
