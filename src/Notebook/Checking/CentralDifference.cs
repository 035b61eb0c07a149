using Differentials.Verification;
using MathNet.Numerics.LinearAlgebra;

namespace Differentials.Notebook;

/// <summary>
/// A central difference of a black-box function with a tolerance derived from the data, for comparing it with an
/// exact directional derivative (notebooks 02 and 03). Truncation: D(h) = D + c·h² + O(h⁴), so D(2h) − D(h) ≈ 3c·h²
/// and |D(2h) − D(h)|/3 estimates the truncation at h. Round-off: each evaluation carries ε‖f(x)‖, divided by 2h.
/// The tolerance is the safety factor 10 times their sum, relative to the exact derivative's norm.
/// </summary>
public static class CentralDifference
{
    /// <summary>The central difference at h = ε^(1/3) along u, and its tolerance relative to <paramref name="exactNorm"/>.</summary>
    /// <param name="f">The function.</param>
    /// <param name="x">The point.</param>
    /// <param name="u">The direction, of the length of x.</param>
    /// <param name="exactNorm">‖df(x;u)‖ of the derivative it will be compared with; positive.</param>
    /// <returns>The estimate (f(x + hu) − f(x − hu))/(2h) and the relative tolerance.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">x and u differ in length.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="exactNorm"/> is not positive and finite.</exception>
    public static (Vector<double> Estimate, double Tolerance) Estimate(
        Func<Vector<double>, Vector<double>> f, Vector<double> x, Vector<double> u, double exactNorm)
    {
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(u);
        if (x.Count != u.Count) throw new ArgumentException($"x has length {x.Count} but u has length {u.Count}.", nameof(u));
        if (!(exactNorm > 0) || double.IsInfinity(exactNorm))
            throw new ArgumentOutOfRangeException(nameof(exactNorm), exactNorm, "The exact derivative's norm must be positive and finite.");
        double h = Math.Cbrt(Tolerances.Epsilon);
        Vector<double> D(double s) => (f(x + s * u) - f(x - s * u)) / (2 * s);
        var atH = D(h);
        double truncation = (D(2 * h) - atH).L2Norm() / 3;
        double roundOff = Tolerances.Epsilon * f(x).L2Norm() / h;
        return (atH, Tolerances.SafetyFactor * (truncation + roundOff) / exactNorm);
    }
}
