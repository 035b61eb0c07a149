namespace Differentials.Bench.Infrastructure;

/// <summary>
/// One parameter point of a benchmark: which backend runs it and at what size. A single parameter
/// object (rather than separate backend and size parameters) lets each suite list exactly the
/// combinations worth running, e.g. no MathNet managed inverse at n ≥ 1024.
/// </summary>
/// <param name="Choice">Which backend runs the case.</param>
/// <param name="Rows">Rows m of a matrix input, or the length n of a vector input.</param>
/// <param name="Columns">Columns n of a matrix input; 1 for vectors.</param>
public sealed record SizeCase(BackendChoice Choice, int Rows, int Columns) : IResultCase
{
    /// <inheritdoc />
    public string Detail => "";

    /// <summary>GFLOP/s is reported for the raw matrix product only (2n³ flops).</summary>
    public double? Flops(string caseName) =>
        caseName == "multiply" ? 2.0 * Rows * Rows * Columns : null;

    /// <summary>A square matrix case.</summary>
    public static SizeCase Square(BackendChoice choice, int n) => new(choice, n, n);

    /// <summary>A vector (length n) case.</summary>
    public static SizeCase Vector(BackendChoice choice, int n) => new(choice, n, 1);

    /// <summary>The size as written in the results: "n" for square matrices and vectors, "mxn" otherwise.</summary>
    public string Size => Columns == 1 || Rows == Columns ? Rows.ToString() : $"{Rows}x{Columns}";

    /// <summary>Shown by BenchmarkDotNet in its tables.</summary>
    public override string ToString() => $"{Choice.Label}:{Size}";
}
