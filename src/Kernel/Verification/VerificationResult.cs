using System.Globalization;

namespace Differentials.Verification;

/// <summary>
/// The outcome of one numerical check: what was compared, the error measured and the tolerance it
/// was held to. Every verification tool returns one, notebooks display it, and
/// <see cref="EnsurePassed"/> turns a failed identity into an exception so that CI catches it.
/// </summary>
/// <param name="Name">What was checked, e.g. "dot-product test: MatrixInverse".</param>
/// <param name="Error">The measured error (relative unless the name says otherwise); NaN fails.</param>
/// <param name="Tolerance">The largest error accepted; how it was derived belongs in <paramref name="Name"/> or the caller's docs.</param>
public sealed record VerificationResult(string Name, double Error, double Tolerance)
{
    /// <summary>True when the error is a number no larger than the tolerance.</summary>
    public bool Passed => Error <= Tolerance; // NaN compares false, so NaN fails.

    /// <summary>Returns this result when it passed.</summary>
    /// <exception cref="VerificationFailedException">The error exceeds the tolerance or is NaN.</exception>
    public VerificationResult EnsurePassed() =>
        Passed ? this : throw new VerificationFailedException(this);

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{(Passed ? "PASS" : "FAIL")} {Name}: error {Error:E3} vs tolerance {Tolerance:E3}");
}

/// <summary>Thrown when a numerical identity does not hold within its tolerance.</summary>
public sealed class VerificationFailedException : Exception
{
    /// <summary>Creates the exception for a failed result; the message gives error and tolerance.</summary>
    /// <param name="result">The failed check.</param>
    public VerificationFailedException(VerificationResult result) : base(result.ToString()) => Result = result;

    /// <summary>The check that failed.</summary>
    public VerificationResult Result { get; }
}
