namespace Differentials.Verification;

/// <summary>One point of an error-versus-step sweep: a finite-difference step and the relative error it gave.</summary>
/// <param name="Step">The step h.</param>
/// <param name="Error">‖finite difference − exact‖ / ‖exact‖ at that step.</param>
public readonly record struct StepError(double Step, double Error);
