namespace Differentials.Notebook.Charts;

/// <summary>How a series is drawn; the names are the plugin's wire names.</summary>
internal enum SeriesKind { Line, LineMarkers, Markers, Bar, HorizontalLine, PowerLaw }

/// <summary>One series as the builder keeps it: its own copies of the data, validated on entry.</summary>
/// <param name="Name">Legend entry.</param>
/// <param name="Kind">How it is drawn.</param>
/// <param name="Dash">Stroke pattern for lines.</param>
/// <param name="X">Abscissae; for the guides (horizontal line, power law), which span the data series, the anchor x or nothing.</param>
/// <param name="Y">Ordinates; for a horizontal line its height, for a power law its exponent and the anchor y.</param>
internal sealed record PlotSeries(string Name, SeriesKind Kind, LineDash Dash, double[] X, double[] Y);
