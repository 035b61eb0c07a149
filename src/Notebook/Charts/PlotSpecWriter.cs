using System.Text;
using System.Text.Json;

namespace Differentials.Notebook.Charts;

/// <summary>
/// Serializes a <see cref="PlotSpec"/> to the JSON that Differentials.Charts.ChartSpec reads. Non-finite
/// values are written as the strings "NaN", "Infinity" or "-Infinity", which the plugin reads back as
/// doubles; Plotly draws them as gaps.
/// </summary>
internal static class PlotSpecWriter
{
    public static string Write(PlotSpec spec)
    {
        var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("title", spec.Title);
            json.WriteString("xTitle", spec.XTitle);
            json.WriteString("yTitle", spec.YTitle);
            json.WriteBoolean("xLog", spec.XScale == AxisScale.Log);
            json.WriteBoolean("yLog", spec.YScale == AxisScale.Log);
            json.WriteBoolean("showLegend", spec.ShowLegend);
            json.WriteNumber("width", spec.Width);
            json.WriteNumber("height", spec.Height);
            json.WriteStartArray("series");
            foreach (var s in spec.Series)
            {
                json.WriteStartObject();
                json.WriteString("name", s.Name);
                json.WriteString("kind", KindName(s.Kind));
                json.WriteString("dash", s.Dash switch { LineDash.Dash => "dash", LineDash.Dot => "dot", _ => "solid" });
                WriteNumbers(json, "x", s.X);
                WriteNumbers(json, "y", s.Y);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static string KindName(SeriesKind kind) => kind switch
    {
        SeriesKind.Bar => "bar",
        SeriesKind.Markers => "markers",
        SeriesKind.LineMarkers => "lines+markers",
        _ => "line", // horizontal lines arrive resolved to two points
    };

    private static void WriteNumbers(Utf8JsonWriter json, string name, double[] values)
    {
        json.WriteStartArray(name);
        foreach (var v in values)
        {
            if (double.IsFinite(v)) json.WriteNumberValue(v);
            else json.WriteStringValue(double.IsNaN(v) ? "NaN" : v > 0 ? "Infinity" : "-Infinity");
        }
        json.WriteEndArray();
    }
}
