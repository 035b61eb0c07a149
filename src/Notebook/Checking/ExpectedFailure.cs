using Differentials.Verification;

namespace Differentials.Notebook;

/// <summary>
/// A check that must fail, and did: a wrong formula that a test is shown to reject. It displays in its own
/// style (<see cref="VerificationHtml.ExpectedFailure"/>), never as a red FAIL, because in a passing notebook
/// the rejection is the expected outcome.
/// </summary>
public sealed class ExpectedFailure
{
    internal ExpectedFailure(VerificationResult result) => Result = result;

    /// <summary>The rejected check: its error exceeds its tolerance.</summary>
    public VerificationResult Result { get; }

    /// <summary>How many tolerances the error is off: error ÷ tolerance (infinite for a zero tolerance).</summary>
    public double TolerancesOff => Result.Tolerance > 0 ? Result.Error / Result.Tolerance : double.PositiveInfinity;

    /// <inheritdoc />
    public override string ToString() =>
        $"REJECTED (as it must) {Result.Name}: error {Result.Error:E3} vs tolerance {Result.Tolerance:E3}, {TolerancesOff:E1} tolerances off";
}

/// <summary>Turns a check that must fail into an <see cref="ExpectedFailure"/>, throwing when it passes.</summary>
public static class ExpectedFailures
{
    /// <summary>
    /// Returns the result as an expected failure when its error exceeds its tolerance (a NaN error counts as
    /// a rejection only if <paramref name="allowNaN"/> is true, since NaN usually means the check itself broke).
    /// </summary>
    /// <param name="result">The check that a wrong formula must fail.</param>
    /// <param name="allowNaN">Whether a NaN error counts as a rejection.</param>
    /// <returns>The expected failure, for display.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="result"/> is null.</exception>
    /// <exception cref="UnexpectedPassException">The check passed: the wrong formula was not rejected.</exception>
    public static ExpectedFailure MustFail(this VerificationResult result, bool allowNaN = false)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.Passed || (double.IsNaN(result.Error) && !allowNaN))
            throw new UnexpectedPassException(result);
        return new ExpectedFailure(result);
    }
}

/// <summary>Thrown when a check that must fail (a wrong formula's) passes, or measures NaN.</summary>
public sealed class UnexpectedPassException : Exception
{
    /// <summary>Creates the exception for the check that should have failed.</summary>
    /// <param name="result">The check.</param>
    public UnexpectedPassException(VerificationResult result)
        : base($"A check that must fail did not reject its formula: {result}") => Result = result;

    /// <summary>The check that should have failed.</summary>
    public VerificationResult Result { get; }
}
