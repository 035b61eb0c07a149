namespace Differentials.Runner;

/// <summary>A command line the runner does not understand; the message says which argument and why.</summary>
/// <param name="message">What is wrong.</param>
internal sealed class RunnerOptionsException(string message) : ArgumentException(message);
