namespace Differentials.Notebook;

/// <summary>How an axis maps values to positions.</summary>
public enum AxisScale
{
    /// <summary>Equal steps for equal differences.</summary>
    Linear,

    /// <summary>Equal steps for equal ratios; every value drawn on it must be positive.</summary>
    Log,
}
