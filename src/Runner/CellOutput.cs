namespace Differentials.Runner;

/// <summary>One output of an executed code cell, in the shapes nbformat knows.</summary>
internal abstract record CellOutput;

/// <summary>Text written to standard output or standard error.</summary>
/// <param name="Name">"stdout" or "stderr".</param>
/// <param name="Text">The text, as written.</param>
internal sealed record StreamOutput(string Name, string Text) : CellOutput;

/// <summary>A displayed value or the cell's return value: one formatted string per MIME type.</summary>
/// <param name="Data">MIME type to formatted value, in the kernel's order.</param>
/// <param name="IsResult">True for the cell's return value (nbformat's execute_result).</param>
internal sealed record DataOutput(IReadOnlyDictionary<string, string> Data, bool IsResult) : CellOutput;

/// <summary>The error that stopped a cell: an exception, a compile error, or a timeout.</summary>
/// <param name="Name">The error's kind (an exception type name, "CompilationError", "Timeout").</param>
/// <param name="Value">One line saying what went wrong.</param>
/// <param name="Traceback">The full message, line by line.</param>
internal sealed record ErrorOutput(string Name, string Value, IReadOnlyList<string> Traceback) : CellOutput;
