namespace Differentials;

/// <summary>
/// Thrown when a matrix cannot be inverted: a pivot of its LU factorisation is exactly zero, or its
/// estimated condition number is so large that the computed inverse carries no correct digit.
/// It is an <see cref="ArgumentException"/>, because the matrix is a bad argument.
/// </summary>
public sealed class SingularMatrixException : ArgumentException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">Says why the matrix is singular and gives its shape.</param>
    /// <param name="paramName">The argument that held the matrix.</param>
    /// <param name="conditionEstimate">κ₁ as estimated, or +∞ for an exactly singular matrix.</param>
    public SingularMatrixException(string message, string paramName, double conditionEstimate)
        : base(message, paramName) => ConditionEstimate = conditionEstimate;

    /// <summary>The condition number κ₁ = ‖X‖₁‖X⁻¹‖₁ as estimated, or +∞ when a pivot was exactly zero.</summary>
    public double ConditionEstimate { get; }
}
