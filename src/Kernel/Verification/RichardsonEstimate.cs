using MathNet.Numerics.LinearAlgebra;

namespace Differentials.Verification;

/// <summary>A directional derivative extrapolated to zero step, with an estimate of its own error.</summary>
/// <param name="Estimate">The estimate of df(x;u) (column-major vec for matrix functions).</param>
/// <param name="ErrorEstimate">Absolute error estimate (2-norm) from the spread of the extrapolation tableau.</param>
/// <param name="InitialStep">The largest step used; later steps shrink from it geometrically.</param>
/// <param name="Evaluations">How many times the function was evaluated.</param>
public sealed record RichardsonEstimate(Vector<double> Estimate, double ErrorEstimate, double InitialStep, int Evaluations);
