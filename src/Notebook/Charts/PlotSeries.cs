namespace Differentials.Notebook.Charts;

/// <summary>How a series is drawn; the names are the plugin's wire names.</summary>
internal enum SeriesKind { Line, LineMarkers, Markers, Bar, HorizontalLine }

/// <summary>One series as the builder keeps it: its own copies of the data, validated on entry.</summary>
/// <param name="Name">Legend entry.</param>
/// <param name="Kind">How it is drawn.</param>
/// <param name="Dash">Stroke pattern for lines.</param>
/// <param name="X">Abscissae (empty for a horizontal line, which spans the other series).</param>
/// <param name="Y">Ordinates (one value for a horizontal line).</param>
internal sealed record PlotSeries(string Name, SeriesKind Kind, LineDash Dash, double[] X, double[] Y);
