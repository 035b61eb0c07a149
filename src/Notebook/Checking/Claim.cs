using System.Globalization;

namespace Differentials.Notebook;

/// <summary>
/// A sentence of a notebook's prose that the run checks: the statement, the measured figures it rests on,
/// and whether it held. <see cref="That"/> throws when it does not, so prose cannot drift from the run.
/// </summary>
/// <param name="Statement">The claim as the prose states it, e.g. "κ cancels in the relative error".</param>
/// <param name="Measured">The measured figures, as text (e.g. "8.1e-6 at κ = 10, 1.5e-6 at κ = 10⁶").</param>
public sealed record Claim(string Statement, string Measured)
{
    /// <summary>Checks a claim: returns it for display when it holds.</summary>
    /// <param name="statement">The claim, as the prose states it.</param>
    /// <param name="holds">Whether the measured figures satisfy it.</param>
    /// <param name="measured">The measured figures, shown beside the statement.</param>
    /// <returns>The claim, for display.</returns>
    /// <exception cref="ArgumentException"><paramref name="statement"/> is null or blank.</exception>
    /// <exception cref="ClaimFailedException">The claim does not hold.</exception>
    public static Claim That(string statement, bool holds, string measured)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(statement);
        var claim = new Claim(statement, measured ?? "");
        return holds ? claim : throw new ClaimFailedException(claim);
    }

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"HOLDS {Statement} (measured: {Measured})");
}

/// <summary>Thrown when a claim of the prose does not hold in the run.</summary>
public sealed class ClaimFailedException : Exception
{
    /// <summary>Creates the exception; the message gives the statement and what was measured.</summary>
    /// <param name="claim">The claim that did not hold.</param>
    public ClaimFailedException(Claim claim)
        : base($"The prose claims \"{claim.Statement}\", but the run measured: {claim.Measured}") => Claim = claim;

    /// <summary>The claim that did not hold.</summary>
    public Claim Claim { get; }
}
