namespace Differentials.Notebook;

/// <summary>The stroke pattern of a line series.</summary>
public enum LineDash
{
    /// <summary>A continuous line.</summary>
    Solid,

    /// <summary>A dashed line, e.g. for tolerances and reference slopes.</summary>
    Dash,

    /// <summary>A dotted line.</summary>
    Dot,
}
