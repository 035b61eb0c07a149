namespace Differentials.Notebook.Charts;

/// <summary>
/// Decides which chart carries plotly.js inline. Off by default: fragments load plotly.js from the CDN (VS Code,
/// Jupyter online). When on, the next chart rendered carries the whole script and defines <c>window.Plotly</c>,
/// and the charts after it find that and reuse it, so an exported notebook draws without a network at the cost
/// of one copy (3.6 MB) in its first chart's output. It is turned on by <see cref="Plot.EmbedPlotlyJs"/> or, when
/// that was never called, by the environment variable <see cref="EnvironmentVariable"/> = <c>inline</c>, read at
/// the first chart.
/// </summary>
internal sealed class PlotlyJsEmbedding
{
    /// <summary>The environment variable: <c>inline</c> to embed, <c>cdn</c> (or unset, or empty) not to.</summary>
    public const string EnvironmentVariable = "DIFFERENTIALS_PLOTLYJS";

    private const int Unread = 0, Off = 1, Armed = 2, Carried = 3;
    private readonly Func<string?> _readVariable;
    private int _state = Unread;

    /// <param name="readVariable">Reads the environment variable's value (null when unset).</param>
    public PlotlyJsEmbedding(Func<string?> readVariable) => _readVariable = readVariable;

    /// <summary>The process's setting, which <see cref="Plot.Render"/> consults.</summary>
    public static PlotlyJsEmbedding Shared { get; } = new(() => Environment.GetEnvironmentVariable(EnvironmentVariable));

    /// <summary>Turns embedding on (the next chart carries plotly.js again, even if an earlier one did) or off.</summary>
    /// <param name="embed">True to embed.</param>
    public void Enable(bool embed) => Volatile.Write(ref _state, embed ? Armed : Off);

    /// <summary>True when the chart being rendered now must carry plotly.js; true once per arming.</summary>
    /// <exception cref="InvalidOperationException">The environment variable holds a value other than inline or cdn.</exception>
    public bool TakeTurn()
    {
        if (Volatile.Read(ref _state) == Unread)
            Interlocked.CompareExchange(ref _state, ParseInline(_readVariable()) ? Armed : Off, Unread);
        return Interlocked.CompareExchange(ref _state, Carried, Armed) == Armed;
    }

    /// <summary>Gives the turn back after the chart that took it failed to be written, so the next chart carries plotly.js.</summary>
    public void ReturnTurn() => Interlocked.CompareExchange(ref _state, Armed, Carried);

    /// <summary>Reads the environment variable's value.</summary>
    /// <param name="value">The value; null when unset.</param>
    /// <returns>True for <c>inline</c>, false for <c>cdn</c>, empty or null (case and surrounding blanks ignored).</returns>
    /// <exception cref="InvalidOperationException">Any other value.</exception>
    public static bool ParseInline(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        null or "" or "cdn" => false,
        "inline" => true,
        _ => throw new InvalidOperationException(
            $"{EnvironmentVariable} is '{value}'; it must be 'inline' (the first chart carries plotly.js, for offline HTML) " +
            "or 'cdn' (charts load plotly.js from its CDN; the default), or unset."),
    };
}
