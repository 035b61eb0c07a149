namespace Differentials.Runner;

/// <summary>The outcome of executing one notebook (or of failing to read it).</summary>
/// <param name="Path">The source notebook file.</param>
/// <param name="Document">The parsed notebook, or null when it could not be read.</param>
/// <param name="Cells">One entry per cell, in order (empty when the notebook could not be read).</param>
/// <param name="Elapsed">Wall time, kernel start included.</param>
/// <param name="Problem">Why the notebook could not be read or run at all, if so.</param>
internal sealed record NotebookRun(string Path, NotebookDocument? Document, IReadOnlyList<CellRun> Cells, TimeSpan Elapsed, string? Problem = null)
{
    /// <summary>What the notebook's numerical backend was, as its own kernel said after its cells ran.</summary>
    public string Backend { get; init; } = "unknown";

    /// <summary>The file name without extension.</summary>
    public string Name => System.IO.Path.GetFileNameWithoutExtension(Path);

    /// <summary>The cell that stopped the notebook, if any.</summary>
    public CellRun? FailedCell => Cells.FirstOrDefault(c => c.State == CellState.Failed);

    /// <summary>True when the notebook was read and every code cell ran without error.</summary>
    public bool Passed => Problem is null && FailedCell is null;

    /// <summary>One line saying why the notebook failed, or null when it passed.</summary>
    public string? FailureSummary => Problem
        ?? (FailedCell is { } cell
            ? $"cell {cell.Cell.Number}: {cell.Outputs.OfType<ErrorOutput>().LastOrDefault()?.Value ?? "failed"}"
            : null);

    /// <summary>A notebook that could not be read or started.</summary>
    /// <param name="path">The notebook file.</param>
    /// <param name="problem">What went wrong, naming the file.</param>
    /// <returns>A failed run with no cells.</returns>
    public static NotebookRun Unreadable(string path, string problem) => new(path, null, [], TimeSpan.Zero, problem);
}
