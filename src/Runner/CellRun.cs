namespace Differentials.Runner;

/// <summary>What happened to a cell in a run.</summary>
internal enum CellState
{
    /// <summary>Not executed: markdown, raw, empty, or after a failure.</summary>
    NotRun,
    /// <summary>Executed without error.</summary>
    Passed,
    /// <summary>Threw, failed to compile, or timed out: the notebook stopped here.</summary>
    Failed,
}

/// <summary>The outcome of one cell.</summary>
/// <param name="Cell">The source cell.</param>
/// <param name="State">Whether it ran and how it ended.</param>
/// <param name="ExecutionCount">Jupyter's execution counter, for executed code cells.</param>
/// <param name="Outputs">What the cell produced, in order.</param>
/// <param name="Elapsed">Wall time of the submission.</param>
internal sealed record CellRun(NotebookCell Cell, CellState State, int? ExecutionCount, IReadOnlyList<CellOutput> Outputs, TimeSpan Elapsed)
{
    /// <summary>A cell that did not run.</summary>
    /// <param name="cell">The source cell.</param>
    /// <returns>A run with no outputs and no execution count.</returns>
    public static CellRun NotRun(NotebookCell cell) => new(cell, CellState.NotRun, null, [], TimeSpan.Zero);
}
