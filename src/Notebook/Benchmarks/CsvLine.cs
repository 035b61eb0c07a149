using System.Text;

namespace Differentials.Notebook;

/// <summary>Splits one CSV line into fields (RFC 4180 quoting: "a,b" and doubled quotes; no line breaks inside fields).</summary>
internal static class CsvLine
{
    /// <summary>The fields of <paramref name="line"/>, unquoted.</summary>
    public static List<string> Split(string line)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c != '"') field.Append(c);
                else if (i + 1 < line.Length && line[i + 1] == '"') { field.Append('"'); i++; }
                else quoted = false;
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { fields.Add(field.ToString()); field.Clear(); }
            else field.Append(c);
        }
        fields.Add(field.ToString());
        return fields;
    }
}
