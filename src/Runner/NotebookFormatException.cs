namespace Differentials.Runner;

/// <summary>A notebook file the runner cannot execute: not valid notebook JSON, not nbformat 4, or not a
/// C# notebook. The message names the file and what is wrong with it.</summary>
internal sealed class NotebookFormatException : ArgumentException
{
    /// <summary>Creates the exception for <paramref name="path"/>.</summary>
    /// <param name="path">The notebook file.</param>
    /// <param name="problem">What is wrong, as a sentence fragment.</param>
    /// <param name="inner">The parser's exception, if any.</param>
    public NotebookFormatException(string path, string problem, Exception? inner = null)
        : base($"{path}: {problem}", inner) => NotebookPath = path;

    /// <summary>The notebook file that was rejected.</summary>
    public string NotebookPath { get; }
}
