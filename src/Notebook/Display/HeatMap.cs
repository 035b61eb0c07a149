using System.Globalization;
using System.Text;
using MathNet.Numerics.LinearAlgebra;

namespace Differentials.Notebook;

/// <summary>
/// A matrix drawn as an HTML table of shaded cells: red for positive entries, blue for negative, the shade's
/// strength proportional to |entry| ÷ the largest |entry|, each cell also showing its value. For small Jacobians
/// (a 4×4 or 9×9 −(Yᵀ ⊗ Y)) whose block structure is the point; it needs no chart library and no script.
/// </summary>
public sealed class HeatMap
{
    /// <summary>Largest side drawn; a bigger matrix is refused rather than drawn unreadably.</summary>
    public const int MaxSide = 40;

    private readonly Matrix<double> _matrix;
    private readonly string[] _rowLabels;
    private readonly string[] _columnLabels;

    private HeatMap(Matrix<double> matrix, string title, string[] rowLabels, string[] columnLabels)
    {
        _matrix = matrix;
        Title = title;
        _rowLabels = rowLabels;
        _columnLabels = columnLabels;
    }

    /// <summary>The caption shown above the table.</summary>
    public string Title { get; }

    /// <summary>Creates a heat map of a matrix.</summary>
    /// <param name="matrix">The matrix, at most <see cref="MaxSide"/> rows and columns, entries finite.</param>
    /// <param name="title">The caption, e.g. "Chart 06.1 — ∂vec Y/∂vec X = −(Yᵀ ⊗ Y), n = 2".</param>
    /// <param name="rowLabels">One label per row (e.g. "dY₁₁"), or null for none.</param>
    /// <param name="columnLabels">One label per column, or null for none.</param>
    /// <returns>The heat map, which displays itself as HTML.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="matrix"/> or <paramref name="title"/> is null.</exception>
    /// <exception cref="ArgumentException">The matrix is too large or holds a non-finite entry, or a label count differs from its dimension.</exception>
    public static HeatMap Of(Matrix<double> matrix, string title, IReadOnlyList<string>? rowLabels = null, IReadOnlyList<string>? columnLabels = null)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        ArgumentNullException.ThrowIfNull(title);
        if (matrix.RowCount > MaxSide || matrix.ColumnCount > MaxSide)
            throw new ArgumentException($"A heat map draws at most {MaxSide}×{MaxSide} cells; the matrix is {matrix.RowCount}×{matrix.ColumnCount}.", nameof(matrix));
        if (matrix.Enumerate().Any(v => !double.IsFinite(v)))
            throw new ArgumentException($"The {matrix.RowCount}×{matrix.ColumnCount} matrix holds a NaN or infinite entry; a shade needs a number.", nameof(matrix));
        if (rowLabels is not null && rowLabels.Count != matrix.RowCount)
            throw new ArgumentException($"{rowLabels.Count} row labels for {matrix.RowCount} rows.", nameof(rowLabels));
        if (columnLabels is not null && columnLabels.Count != matrix.ColumnCount)
            throw new ArgumentException($"{columnLabels.Count} column labels for {matrix.ColumnCount} columns.", nameof(columnLabels));
        return new HeatMap(matrix.Clone(), title, rowLabels?.ToArray() ?? [], columnLabels?.ToArray() ?? []);
    }

    /// <summary>The HTML table.</summary>
    /// <returns>The HTML fragment.</returns>
    public string ToHtml()
    {
        double max = _matrix.Enumerate().Select(Math.Abs).DefaultIfEmpty(0).Max();
        var html = new StringBuilder();
        html.Append("<table class=\"differentials-heatmap\" style=\"border-collapse:collapse;font-family:monospace;font-size:0.8em;margin:0.25em 0;\">");
        html.Append(CultureInfo.InvariantCulture,
            $"<caption style=\"caption-side:top;text-align:left;font-family:sans-serif;font-size:0.9em;color:#333;padding-bottom:4px;\">{HtmlText.Escape(Title)} <span style=\"color:#666;\">(red positive, blue negative, shade ∝ |entry|; largest |entry| {NumberText.Format(max, 3)})</span></caption>");
        if (_columnLabels.Length > 0)
        {
            html.Append("<tr>");
            if (_rowLabels.Length > 0) html.Append("<th></th>");
            foreach (var label in _columnLabels)
                html.Append(CultureInfo.InvariantCulture, $"<th style=\"padding:1px 4px;font-weight:normal;color:#555;\">{HtmlText.Escape(label)}</th>");
            html.Append("</tr>");
        }
        for (int i = 0; i < _matrix.RowCount; i++)
        {
            html.Append("<tr>");
            if (_rowLabels.Length > 0)
                html.Append(CultureInfo.InvariantCulture, $"<th style=\"padding:1px 4px;font-weight:normal;color:#555;text-align:right;\">{HtmlText.Escape(_rowLabels[i])}</th>");
            for (int j = 0; j < _matrix.ColumnCount; j++)
            {
                double v = _matrix[i, j];
                double strength = max > 0 ? Math.Abs(v) / max : 0;
                // Blend white towards red (#d73027) or blue (#4575b4) by strength.
                var (r, g, b) = v >= 0 ? (215, 48, 39) : (69, 117, 180);
                int R = (int)Math.Round(255 + (r - 255) * strength), G = (int)Math.Round(255 + (g - 255) * strength), B = (int)Math.Round(255 + (b - 255) * strength);
                string ink = strength > 0.6 ? "#fff" : "#222";
                html.Append(CultureInfo.InvariantCulture,
                    $"<td style=\"background:rgb({R},{G},{B});color:{ink};padding:3px 6px;text-align:right;border:1px solid #fff;\">{NumberText.Format(v, 2)}</td>");
            }
            html.Append("</tr>");
        }
        return html.Append("</table>").ToString();
    }
}
