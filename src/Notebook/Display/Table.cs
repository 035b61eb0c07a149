using System.Globalization;
using System.Reflection;
using System.Text;

namespace Differentials.Notebook;

/// <summary>
/// A table of rows (records, anonymous objects, any class) for display: one column per public property,
/// numbers rounded with <see cref="NumberText"/>. A list of objects would otherwise display as a collapsed
/// tree per row; a <see cref="Table"/> that ends a cell displays as an HTML table (text/html formatter).
/// </summary>
public sealed class Table
{
    private const string TableStyle = "border-collapse:collapse;font-size:0.9em;margin:0.25em 0;";
    private const string CaptionStyle = "caption-side:top;text-align:left;font-family:sans-serif;font-size:0.85em;color:#555;padding-bottom:2px;";
    private const string HeaderStyle = "padding:1px 8px;border-bottom:1px solid #bbb;font-family:sans-serif;";
    private const string NumberStyle = "padding:1px 8px;text-align:right;font-family:monospace;";
    private const string TextStyle = "padding:1px 8px;text-align:left;";

    private readonly bool[] _numeric;

    private Table(string? caption, IReadOnlyList<string> columns, IReadOnlyList<IReadOnlyList<string>> cells, bool[] numeric)
    {
        Caption = caption;
        Columns = columns;
        Cells = cells;
        _numeric = numeric;
    }

    /// <summary>The caption shown above the table, if any.</summary>
    public string? Caption { get; }

    /// <summary>Column names: the rows' public property names in declaration order, then public field names.</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>Cell texts, row by row, one per column ("" where a row lacks the column or holds null).</summary>
    public IReadOnlyList<IReadOnlyList<string>> Cells { get; }

    /// <summary>
    /// Builds a table from <paramref name="rows"/>. Columns are the public instance properties (then public
    /// fields, as value tuples have) of each row's run-time type, in order of first appearance (so a <c>List&lt;object&gt;</c> of anonymous objects works);
    /// rows of a simple type (numbers, strings) form a single column "value". Doubles and floats are shown to
    /// <paramref name="significantDigits"/> significant digits by <see cref="NumberText.Format"/>, other
    /// numbers and values in invariant culture.
    /// </summary>
    /// <typeparam name="T">The row type (its run-time types are what count).</typeparam>
    /// <param name="rows">The rows, in display order; enumerated once.</param>
    /// <param name="caption">Optional caption.</param>
    /// <param name="significantDigits">Significant digits of floating-point cells, 1 to 17 (4 by default).</param>
    /// <returns>The table.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="rows"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="significantDigits"/> is outside 1..17.</exception>
    public static Table Of<T>(IEnumerable<T> rows, string? caption = null, int significantDigits = 4)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentOutOfRangeException.ThrowIfLessThan(significantDigits, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(significantDigits, 17);

        var list = rows.ToList();
        var columns = new List<string>();
        var membersByType = new Dictionary<Type, Dictionary<string, MemberInfo>>();
        var types = list.Where(r => r is not null).Select(r => r!.GetType()).Distinct().ToList();
        if (types.Count == 0 && !IsSimple(typeof(T))) types.Add(typeof(T)); // no rows: headers from the static type
        foreach (var type in types)
        {
            if (IsSimple(type))
            {
                if (!columns.Contains(ValueColumn)) columns.Add(ValueColumn);
                continue;
            }
            // Properties, then public fields (value tuples have only fields: Item1, Item2, …).
            var members = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => p.CanRead && p.GetIndexParameters().Length == 0)
                .Cast<MemberInfo>()
                .Concat(type.GetFields(BindingFlags.Public | BindingFlags.Instance))
                .ToList();
            membersByType[type] = members.DistinctBy(m => m.Name).ToDictionary(m => m.Name);
            foreach (var m in members)
                if (!columns.Contains(m.Name)) columns.Add(m.Name);
        }

        var numeric = new bool[columns.Count];
        var anyText = new bool[columns.Count];
        var cells = new List<IReadOnlyList<string>>(list.Count);
        foreach (var row in list)
        {
            var texts = new string[columns.Count];
            for (var j = 0; j < columns.Count; j++)
            {
                var value = ValueOf(row, columns[j], membersByType);
                texts[j] = Text(value, significantDigits);
                if (IsNumber(value)) numeric[j] = true;
                else if (value is not null) anyText[j] = true;
            }
            cells.Add(texts);
        }
        for (var j = 0; j < columns.Count; j++) numeric[j] &= !anyText[j];
        return new Table(caption, columns, cells, numeric);
    }

    /// <summary>The table as an HTML fragment: caption, header row, one row per item; all text escaped.</summary>
    /// <returns>The HTML.</returns>
    public string ToHtml()
    {
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"<table class=\"differentials-table\" style=\"{TableStyle}\">");
        if (Caption is not null)
            html.Append(CultureInfo.InvariantCulture, $"<caption style=\"{CaptionStyle}\">{HtmlText.Escape(Caption)}</caption>");
        html.Append("<tr>");
        for (var j = 0; j < Columns.Count; j++)
            html.Append(CultureInfo.InvariantCulture,
                $"<th style=\"{HeaderStyle}text-align:{(_numeric[j] ? "right" : "left")};\">{HtmlText.Escape(Columns[j])}</th>");
        html.Append("</tr>");
        foreach (var row in Cells)
        {
            html.Append("<tr>");
            for (var j = 0; j < row.Count; j++)
                html.Append(CultureInfo.InvariantCulture, $"<td style=\"{(_numeric[j] ? NumberStyle : TextStyle)}\">{HtmlText.Escape(row[j])}</td>");
            html.Append("</tr>");
        }
        return html.Append("</table>").ToString();
    }

    /// <summary>The table as aligned plain text (caption, header, rows; numbers right-aligned).</summary>
    /// <returns>The text, lines separated by '\n'.</returns>
    public override string ToString()
    {
        var widths = Columns.Select((c, j) => Cells.Select(r => r[j].Length).Append(c.Length).Max()).ToArray();
        string Line(IReadOnlyList<string> texts) =>
            string.Join("  ", texts.Select((t, j) => _numeric[j] ? t.PadLeft(widths[j]) : t.PadRight(widths[j]))).TrimEnd();
        var lines = new List<string>();
        if (Caption is not null) lines.Add(Caption);
        lines.Add(Line(Columns));
        lines.AddRange(Cells.Select(Line));
        return string.Join('\n', lines);
    }

    private const string ValueColumn = "value";

    private static object? ValueOf(object? row, string column, Dictionary<Type, Dictionary<string, MemberInfo>> membersByType)
    {
        if (row is null) return null;
        var type = row.GetType();
        if (IsSimple(type)) return column == ValueColumn ? row : null;
        if (!membersByType[type].TryGetValue(column, out var member)) return null;
        return member is PropertyInfo property ? property.GetValue(row) : ((FieldInfo)member).GetValue(row);
    }

    private static bool IsSimple(Type type) =>
        type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal);

    private static bool IsNumber(object? value) =>
        value is double or float or decimal or int or long or short or byte or sbyte or uint or ulong or ushort;

    private static string Text(object? value, int significantDigits) => value switch
    {
        null => "",
        double d => NumberText.Format(d, significantDigits),
        float f => NumberText.Format(f, significantDigits),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
