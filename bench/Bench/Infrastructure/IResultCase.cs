namespace Differentials.Bench.Infrastructure;

/// <summary>What the results table needs from a benchmark's parameter object.</summary>
public interface IResultCase
{
    /// <summary>The backend choice the case runs on.</summary>
    BackendChoice Choice { get; }

    /// <summary>The size column, e.g. "1024" or "4096x1024".</summary>
    string Size { get; }

    /// <summary>Extra facts about the case (e.g. "depth=4;parameters=4160"), or "".</summary>
    string Detail { get; }

    /// <summary>Floating-point operations of one call when a GFLOP/s figure is meaningful, else null.</summary>
    double? Flops(string caseName);
}
