using System.Globalization;
using MathNet.Numerics.LinearAlgebra;

namespace Differentials.Verification;

/// <summary>
/// Finite-difference approximations of the directional derivative df(x;u), the error-versus-step
/// data that shows their two error sources, Ridders' extrapolation to zero step, and a check of a
/// hand-written differential against it. Everything works on functions of vectors; the matrix
/// overloads flatten column-major (<see cref="Vectorization.Vec"/>).
/// </summary>
/// <remarks>
/// A finite difference with step h has a truncation error that shrinks with h (O(h²) central,
/// O(h) one-sided) and a round-off error that grows as ε·|f|/h, because two nearly equal values
/// of f are subtracted and divided by h. On a log-log plot of error against h this makes a V;
/// its bottom is at <see cref="OptimalStep(FiniteDifferenceScheme, double)"/>.
/// </remarks>
public static class FiniteDifferences
{
    // Ridders' method (Numerical Recipes' dfridr): each new step is the previous one over Shrink,
    // at most TableauSize steps, and it stops once the diagonal moves by more than
    // StopFactor times the best error so far (round-off has taken over).
    private const double Shrink = 1.4;
    private const int TableauSize = 10;
    private const double StopFactor = 2.0;
    // With the default first step, an untrustworthy extrapolation is repeated from a step this many
    // times smaller, at most DefaultStepRetries times (down to 10⁻⁶ of the default step).
    private const double RetryShrink = 10.0;
    private const int DefaultStepRetries = 6;

    /// <summary>
    /// The largest share of <see cref="CheckDifferential(Func{Vector{double}, Vector{double}}, Func{Vector{double}, Vector{double}, Vector{double}}, Vector{double}, Vector{double}, double?, double, string?)"/>'s
    /// tolerance that Ridders' error estimate may contribute: SafetyFactor·√ε ≈ 1.5e-7. A plain central
    /// difference at its optimal step already reaches about ε^(2/3) ≈ 4e-11, so an extrapolation that
    /// cannot vouch for even √ε (the one-sided optimum) means f is not smooth on the sampled segment
    /// (a kink, a nearby singularity, noise); the check then fails rather than passing vacuously.
    /// </summary>
    public static readonly double MaxExtrapolationTolerance = Tolerances.SafetyFactor * Math.Sqrt(Tolerances.Epsilon);

    /// <summary>Central difference (f(x+hu) − f(x−hu)) / 2h, an O(h²) approximation of df(x;u).</summary>
    /// <param name="f">The function.</param>
    /// <param name="x">The point.</param>
    /// <param name="u">The direction (same length as <paramref name="x"/>).</param>
    /// <param name="h">The step (positive, finite).</param>
    /// <returns>The approximation, a new vector.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="h"/> is not positive and finite.</exception>
    /// <exception cref="ArgumentException"><paramref name="x"/> and <paramref name="u"/> differ in length, or <paramref name="f"/> returns vectors of differing lengths or null.</exception>
    public static Vector<double> Central(Func<Vector<double>, Vector<double>> f, Vector<double> x, Vector<double> u, double h)
    {
        CheckArguments(f, x, u);
        Checks.PositiveFinite(h, nameof(h));
        return CentralUnchecked(f, x, u, h);
    }

    /// <summary>One-sided (forward) difference (f(x+hu) − f(x)) / h, an O(h) approximation of df(x;u).</summary>
    /// <param name="f">The function.</param>
    /// <param name="x">The point.</param>
    /// <param name="u">The direction (same length as <paramref name="x"/>).</param>
    /// <param name="h">The step (positive, finite).</param>
    /// <returns>The approximation, a new vector.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="h"/> is not positive and finite.</exception>
    /// <exception cref="ArgumentException"><paramref name="x"/> and <paramref name="u"/> differ in length, or <paramref name="f"/> returns vectors of differing lengths or null.</exception>
    public static Vector<double> OneSided(Func<Vector<double>, Vector<double>> f, Vector<double> x, Vector<double> u, double h)
    {
        CheckArguments(f, x, u);
        Checks.PositiveFinite(h, nameof(h));
        return OneSidedUnchecked(f, x, u, h);
    }

    /// <summary>Central difference for a matrix function: (F(X+hU) − F(X−hU)) / 2h.</summary>
    /// <param name="f">The matrix function.</param>
    /// <param name="x">The point X.</param>
    /// <param name="u">The direction U (same shape as <paramref name="x"/>).</param>
    /// <param name="h">The step (positive, finite).</param>
    /// <returns>The approximation of dF(X;U), a new matrix shaped like F(X).</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="h"/> is not positive and finite.</exception>
    /// <exception cref="ArgumentException"><paramref name="x"/> and <paramref name="u"/> differ in shape, or <paramref name="f"/> returns matrices of differing shapes or null.</exception>
    public static Matrix<double> Central(Func<Matrix<double>, Matrix<double>> f, Matrix<double> x, Matrix<double> u, double h)
    {
        CheckMatrixArguments(f, x, u);
        Checks.PositiveFinite(h, nameof(h));
        Matrix<double> plus = Checks.ReturnedAny(f(x + h * u), "f", nameof(f));
        Matrix<double> minus = Checks.Returned(f(x - h * u), plus.RowCount, plus.ColumnCount, "f", nameof(f));
        return (plus - minus) / (2 * h);
    }

    /// <summary>One-sided (forward) difference for a matrix function: (F(X+hU) − F(X)) / h.</summary>
    /// <param name="f">The matrix function.</param>
    /// <param name="x">The point X.</param>
    /// <param name="u">The direction U (same shape as <paramref name="x"/>).</param>
    /// <param name="h">The step (positive, finite).</param>
    /// <returns>The approximation of dF(X;U), a new matrix shaped like F(X).</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="h"/> is not positive and finite.</exception>
    /// <exception cref="ArgumentException"><paramref name="x"/> and <paramref name="u"/> differ in shape, or <paramref name="f"/> returns matrices of differing shapes or null.</exception>
    public static Matrix<double> OneSided(Func<Matrix<double>, Matrix<double>> f, Matrix<double> x, Matrix<double> u, double h)
    {
        CheckMatrixArguments(f, x, u);
        Checks.PositiveFinite(h, nameof(h));
        Matrix<double> fx = Checks.ReturnedAny(f(x), "f", nameof(f));
        Matrix<double> plus = Checks.Returned(f(x + h * u), fx.RowCount, fx.ColumnCount, "f", nameof(f));
        return (plus - fx) / h;
    }

    /// <summary>
    /// The relative error ‖fd − exact‖₂ / ‖exact‖₂ of a finite difference at each step: the data
    /// of an error-versus-step chart, whose V shape shows truncation error falling with h and
    /// round-off error rising as h shrinks.
    /// </summary>
    /// <param name="f">The function.</param>
    /// <param name="x">The point.</param>
    /// <param name="u">The direction (same length as <paramref name="x"/>).</param>
    /// <param name="exactDirectionalDerivative">The exact df(x;u) (nonzero, same length as f's output).</param>
    /// <param name="steps">The steps to try (each positive and finite; see <see cref="LogSteps"/>).</param>
    /// <param name="scheme">Central or one-sided.</param>
    /// <returns>One <see cref="StepError"/> per step, in the order given.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A step is not positive and finite, or <paramref name="scheme"/> is unknown.</exception>
    /// <exception cref="ArgumentException">Lengths disagree, the exact derivative is zero, or <paramref name="steps"/> is empty.</exception>
    public static IReadOnlyList<StepError> Sweep(
        Func<Vector<double>, Vector<double>> f, Vector<double> x, Vector<double> u,
        Vector<double> exactDirectionalDerivative, IEnumerable<double> steps, FiniteDifferenceScheme scheme)
    {
        CheckArguments(f, x, u);
        Checks.NotNull(exactDirectionalDerivative, nameof(exactDirectionalDerivative));
        double[] hs = Checks.NotNull(steps, nameof(steps)).ToArray();
        if (hs.Length == 0)
            throw new ArgumentException("At least one step is needed.", nameof(steps));
        foreach (double h in hs)
            Checks.PositiveFinite(h, nameof(steps));
        double exactNorm = exactDirectionalDerivative.L2Norm();
        if (exactNorm == 0)
            throw new ArgumentException(
                "The exact directional derivative is zero, so a relative error is undefined; choose another direction.",
                nameof(exactDirectionalDerivative));

        var result = new List<StepError>(hs.Length);
        foreach (double h in hs)
        {
            Vector<double> fd = Difference(scheme, f, x, u, h);
            if (fd.Count != exactDirectionalDerivative.Count)
                throw new ArgumentException(
                    $"f returns vectors of length {fd.Count} but the exact derivative has length {exactDirectionalDerivative.Count}.",
                    nameof(exactDirectionalDerivative));
            result.Add(new StepError(h, (fd - exactDirectionalDerivative).L2Norm() / exactNorm));
        }
        return result;
    }

    /// <summary>Matrix form of <see cref="Sweep(Func{Vector{double}, Vector{double}}, Vector{double}, Vector{double}, Vector{double}, IEnumerable{double}, FiniteDifferenceScheme)"/>; errors in the Frobenius norm.</summary>
    /// <param name="f">The matrix function.</param>
    /// <param name="x">The point X.</param>
    /// <param name="u">The direction U (same shape as <paramref name="x"/>).</param>
    /// <param name="exactDirectionalDerivative">The exact dF(X;U), shaped like F(X), nonzero.</param>
    /// <param name="steps">The steps to try (each positive and finite).</param>
    /// <param name="scheme">Central or one-sided.</param>
    /// <returns>One <see cref="StepError"/> per step, in the order given.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A step is not positive and finite, or <paramref name="scheme"/> is unknown.</exception>
    /// <exception cref="ArgumentException">Shapes disagree, the exact derivative is zero, or <paramref name="steps"/> is empty.</exception>
    public static IReadOnlyList<StepError> Sweep(
        Func<Matrix<double>, Matrix<double>> f, Matrix<double> x, Matrix<double> u,
        Matrix<double> exactDirectionalDerivative, IEnumerable<double> steps, FiniteDifferenceScheme scheme)
    {
        CheckMatrixArguments(f, x, u);
        Checks.NotNull(exactDirectionalDerivative, nameof(exactDirectionalDerivative));
        Matrix<double> fx = Checks.ReturnedAny(f(x), "f", nameof(f));
        Checks.SameShape(fx, "f(X)", exactDirectionalDerivative, nameof(exactDirectionalDerivative));
        return Sweep(Vectorization.Flattened(f, x.RowCount, x.ColumnCount), Vectorization.Vec(x), Vectorization.Vec(u),
            Vectorization.Vec(exactDirectionalDerivative), steps, scheme);
    }

    /// <summary>Steps spaced evenly on a log scale from <paramref name="from"/> to <paramref name="to"/>, both included.</summary>
    /// <param name="from">The first step (positive, finite).</param>
    /// <param name="to">The last step (positive, finite); may be smaller or larger than <paramref name="from"/>.</param>
    /// <param name="count">How many steps (at least 2).</param>
    /// <returns>A new array of steps.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A bound is not positive and finite, or <paramref name="count"/> is below 2.</exception>
    public static double[] LogSteps(double from, double to, int count)
    {
        Checks.PositiveFinite(from, nameof(from));
        Checks.PositiveFinite(to, nameof(to));
        if (count < 2)
            throw new ArgumentOutOfRangeException(nameof(count), count, $"count must be at least 2, got {count}.");
        double a = Math.Log(from), b = Math.Log(to);
        var steps = new double[count];
        for (int i = 0; i < count; i++)
            steps[i] = Math.Exp(a + (b - a) * i / (count - 1));
        steps[0] = from;
        steps[^1] = to;
        return steps;
    }

    /// <summary>
    /// The step that minimises truncation plus round-off in the model of
    /// <see cref="Tolerances.ForFiniteDifference"/>: central (3ε)^(1/3)·scale ≈ 8.7e-6·scale,
    /// one-sided 2·√ε·scale ≈ 3.0e-8·scale. It assumes a direction of size about 1 (divide by
    /// ‖u‖∞ otherwise) and derivatives that change over a length of about <paramref name="scale"/>.
    /// </summary>
    /// <param name="scheme">Central or one-sided.</param>
    /// <param name="scale">The length scale of the function (positive, finite; 1 by default).</param>
    /// <returns>The step.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="scale"/> is not positive and finite, or <paramref name="scheme"/> is unknown.</exception>
    public static double OptimalStep(FiniteDifferenceScheme scheme, double scale = 1.0)
    {
        Checks.PositiveFinite(scale, nameof(scale));
        return scale * scheme switch
        {
            FiniteDifferenceScheme.Central => Math.Cbrt(3 * Tolerances.Epsilon),
            FiniteDifferenceScheme.OneSided => 2 * Math.Sqrt(Tolerances.Epsilon),
            _ => throw new ArgumentOutOfRangeException(nameof(scheme), scheme, $"Unknown scheme {scheme}."),
        };
    }

    /// <summary>
    /// <see cref="OptimalStep(FiniteDifferenceScheme, double)"/> with the scale taken from the point:
    /// max(1, ‖x‖∞), so that x ± h·u stays resolvable relative to the entries of x.
    /// </summary>
    /// <param name="scheme">Central or one-sided.</param>
    /// <param name="x">The point.</param>
    /// <returns>The step.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="scheme"/> is unknown.</exception>
    public static double OptimalStep(FiniteDifferenceScheme scheme, Vector<double> x) =>
        OptimalStep(scheme, PointScale(Checks.NotNull(x, nameof(x))));

    /// <summary>
    /// The observed order of convergence: the least-squares slope of log(error) against log(step).
    /// About 2 for central and 1 for one-sided differences where truncation dominates, and about −1
    /// where round-off dominates.
    /// </summary>
    /// <param name="points">Sweep results (at least two distinct steps, every error positive).</param>
    /// <returns>The fitted slope.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="points"/> is null.</exception>
    /// <exception cref="ArgumentException">Fewer than two distinct steps, or an error that is zero, negative or not finite.</exception>
    public static double ObservedOrder(IEnumerable<StepError> points)
    {
        StepError[] p = Checks.NotNull(points, nameof(points)).ToArray();
        foreach (StepError s in p)
            if (!(s.Error > 0) || double.IsInfinity(s.Error) || !(s.Step > 0))
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                    $"Every step and error must be positive and finite to take logarithms; got error {s.Error} at step {s.Step}."), nameof(points));
        if (p.Select(s => s.Step).Distinct().Count() < 2)
            throw new ArgumentException($"At least two distinct steps are needed to fit a slope; got {p.Length} point(s).", nameof(points));
        double mx = p.Average(s => Math.Log(s.Step)), my = p.Average(s => Math.Log(s.Error));
        double sxy = 0, sxx = 0;
        foreach (StepError s in p)
        {
            double dx = Math.Log(s.Step) - mx;
            sxy += dx * (Math.Log(s.Error) - my);
            sxx += dx * dx;
        }
        return sxy / sxx;
    }

    /// <summary>
    /// Ridders' method: central differences at steps h, h/1.4, h/1.4², … combined by polynomial
    /// (Richardson) extrapolation to h = 0 in a Neville tableau. The entry whose neighbours agree
    /// best is returned, and their disagreement is the error estimate; it stops once round-off
    /// makes the tableau diverge. A large initial step is fine: the extrapolation removes the
    /// h², h⁴, … terms, so the estimate is typically good to 1e-12 or better on smooth functions.
    /// The default first step can still be too large: for an ill-conditioned matrix inverse,
    /// X + hU is singular near h = σ_min(X)/‖U‖, far inside 0.1·‖X‖/‖U‖. So when the default is used
    /// and the relative error estimate exceeds √ε (the level <see cref="CheckDifferential(Func{Vector{double}, Vector{double}}, Func{Vector{double}, Vector{double}, Vector{double}}, Vector{double}, Vector{double}, double?, double, string?)"/>
    /// calls unreliable), the extrapolation is repeated from a step ten times smaller, up to six times,
    /// and the attempt with the smallest relative error estimate is returned. A given step is used as is.
    /// </summary>
    /// <param name="f">The function (smooth on the segment x ± initialStep·u).</param>
    /// <param name="x">The point.</param>
    /// <param name="u">The direction (same length as <paramref name="x"/>, not zero).</param>
    /// <param name="initialStep">The largest step; by default 0.1·max(1, ‖x‖∞)/‖u‖∞, shrunk as described above when it proves too large.</param>
    /// <returns>The estimate, its error estimate (+∞ when no two tableau entries could be compared,
    /// e.g. because f returned NaN), the initial step of the returned attempt and the number of
    /// evaluations over all attempts.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="initialStep"/> is not positive and finite.</exception>
    /// <exception cref="ArgumentException">Lengths disagree, <paramref name="u"/> is zero, or <paramref name="f"/> returns vectors of differing lengths or null.</exception>
    public static RichardsonEstimate Richardson(
        Func<Vector<double>, Vector<double>> f, Vector<double> x, Vector<double> u, double? initialStep = null)
    {
        CheckArguments(f, x, u);
        double uMax = u.InfinityNorm();
        if (uMax == 0)
            throw new ArgumentException("The direction u is zero; a directional derivative along it says nothing.", nameof(u));
        if (initialStep is double given)
        {
            Checks.PositiveFinite(given, nameof(initialStep));
            return Extrapolate(f, x, u, given);
        }
        double h = 0.1 * PointScale(x) / uMax;
        RichardsonEstimate best = Extrapolate(f, x, u, h);
        // f constant along u at every sampled step: an exact zero that smaller steps cannot improve on.
        if (best.ErrorEstimate == 0 && best.Estimate.L2Norm() == 0) return best;
        int evaluations = best.Evaluations;
        for (int retry = 0; retry < DefaultStepRetries && !(RelativeErrorEstimate(best) <= MaxExtrapolationTolerance / Tolerances.SafetyFactor); retry++)
        {
            h /= RetryShrink;
            RichardsonEstimate next = Extrapolate(f, x, u, h);
            evaluations += next.Evaluations;
            if (RelativeErrorEstimate(next) < RelativeErrorEstimate(best)) best = next;
        }
        return best with { Evaluations = evaluations };
    }

    /// <summary>
    /// Ridders' error estimate relative to the estimate; +∞ for a zero estimate, which after a nonzero
    /// first attempt means the steps became too small to change f (rounded or noisy values), not a derivative.
    /// </summary>
    private static double RelativeErrorEstimate(RichardsonEstimate r)
    {
        double norm = r.Estimate.L2Norm();
        return norm > 0 ? r.ErrorEstimate / norm : double.PositiveInfinity;
    }

    /// <summary>One Ridders extrapolation from first step h (arguments already checked).</summary>
    private static RichardsonEstimate Extrapolate(Func<Vector<double>, Vector<double>> f, Vector<double> x, Vector<double> u, double h)
    {
        // tableau[j] holds column j of the current row: the j-times extrapolated estimates.
        var previous = new Vector<double>[TableauSize];
        var current = new Vector<double>[TableauSize];
        previous[0] = CentralUnchecked(f, x, u, h);
        Vector<double> best = previous[0];
        double bestError = double.PositiveInfinity;
        int evaluations = 2;
        double step = h;
        for (int i = 1; i < TableauSize; i++)
        {
            step /= Shrink;
            current[0] = CentralUnchecked(f, x, u, step);
            if (current[0].Count != previous[0].Count)
                throw new ArgumentException(
                    $"f returned vectors of length {previous[0].Count} and {current[0].Count}; its output length must not change.", nameof(f));
            evaluations += 2;
            double factor = Shrink * Shrink;
            for (int j = 1; j <= i; j++)
            {
                // Eliminate the h^(2j) term: the ratio of squared steps between rows is 1.4².
                current[j] = (current[j - 1] * factor - previous[j - 1]) / (factor - 1);
                factor *= Shrink * Shrink;
                double error = Math.Max((current[j] - current[j - 1]).L2Norm(), (current[j] - previous[j - 1]).L2Norm());
                if (error <= bestError)
                {
                    bestError = error;
                    best = current[j];
                }
            }
            if ((current[i] - previous[i - 1]).L2Norm() >= StopFactor * bestError)
                break;
            (previous, current) = (current, previous);
        }
        return new RichardsonEstimate(best, bestError, h, evaluations);
    }

    /// <summary>Ridders' extrapolation for a matrix function; the estimate is vec(dF(X;U)), column-major.</summary>
    /// <param name="f">The matrix function.</param>
    /// <param name="x">The point X.</param>
    /// <param name="u">The direction U (same shape as <paramref name="x"/>, not zero).</param>
    /// <param name="initialStep">The largest step; by default 0.1·max(1, max|Xᵢⱼ|)/max|Uᵢⱼ|, shrunk when it proves too large (see the vector form).</param>
    /// <returns>The estimate (use <see cref="Vectorization.Unvec"/> to reshape), its error estimate, the initial step and the number of evaluations.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="initialStep"/> is not positive and finite.</exception>
    /// <exception cref="ArgumentException">Shapes disagree, <paramref name="u"/> is zero, or <paramref name="f"/> returns null.</exception>
    public static RichardsonEstimate Richardson(
        Func<Matrix<double>, Matrix<double>> f, Matrix<double> x, Matrix<double> u, double? initialStep = null)
    {
        CheckMatrixArguments(f, x, u);
        return Richardson(Vectorization.Flattened(f, x.RowCount, x.ColumnCount), Vectorization.Vec(x), Vectorization.Vec(u), initialStep);
    }

    /// <summary>
    /// Checks a hand-written differential df(x;u) against Ridders' extrapolation of f along u.
    /// Error: ‖df − estimate‖₂ / max(‖df‖₂, ‖estimate‖₂) (0 when both are zero). Tolerance:
    /// SafetyFactor·(Ridders' error estimate)/‖estimate‖₂, the extrapolation's own uncertainty,
    /// capped at <see cref="MaxExtrapolationTolerance"/> (the name then says the extrapolation was
    /// unreliable even after the default step's retries; f is probably not smooth there), plus
    /// <see cref="Tolerances.ForConditioned"/>(κ, length of x), the rounding of the differential
    /// itself (each output entry is a sum of at most length-of-x terms), with the extrapolation's rounding floor
    /// SafetyFactor·κ·ε·‖f(x)‖₂/(h·‖estimate‖₂) (h its initial step) added to its uncertainty before the cap: every difference it combines subtracts two
    /// values of f rounded to about κ·ε·‖f(x)‖ over a step no larger than h.
    /// </summary>
    /// <param name="f">The function.</param>
    /// <param name="differential">(x, u) ↦ df(x;u), the differential being checked.</param>
    /// <param name="x">The point.</param>
    /// <param name="u">The direction (same length as <paramref name="x"/>, not zero).</param>
    /// <param name="initialStep">Ridders' initial step (see <see cref="Richardson(Func{Vector{double}, Vector{double}}, Vector{double}, Vector{double}, double?)"/>).</param>
    /// <param name="conditionNumber">Condition number of the differential's computation (≥ 1; 1 by default).</param>
    /// <param name="name">What is being checked, for the result's name.</param>
    /// <returns>The check's result.</returns>
    /// <exception cref="ArgumentNullException">A function, <paramref name="x"/> or <paramref name="u"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="initialStep"/> is not positive and finite, or <paramref name="conditionNumber"/> is below 1.</exception>
    /// <exception cref="ArgumentException">Lengths disagree (including the differential's output against f's), or <paramref name="u"/> is zero.</exception>
    public static VerificationResult CheckDifferential(
        Func<Vector<double>, Vector<double>> f, Func<Vector<double>, Vector<double>, Vector<double>> differential,
        Vector<double> x, Vector<double> u, double? initialStep = null, double conditionNumber = 1.0, string? name = null)
    {
        CheckArguments(f, x, u);
        Checks.NotNull(differential, nameof(differential));
        Checks.ConditionNumber(conditionNumber, nameof(conditionNumber));
        RichardsonEstimate estimate = Richardson(f, x, u, initialStep);
        Vector<double> df = Checks.Returned(differential(x, u), estimate.Estimate.Count, "the differential", nameof(differential));

        double scale = Math.Max(df.L2Norm(), estimate.Estimate.L2Norm());
        double error = scale == 0 ? 0 : (df - estimate.Estimate).L2Norm() / scale;
        double extrapolation = scale == 0 ? 0 : Tolerances.SafetyFactor * estimate.ErrorEstimate / scale;
        // An untrustworthy extrapolation must not widen the tolerance until anything passes.
        bool unreliable = !(extrapolation <= MaxExtrapolationTolerance);
        // Rounding floor of the extrapolation: every difference it combines subtracts two values of f rounded to
        // about κ·ε·‖f(x)‖ and divides by at most the initial step h, so no estimate is better than κ·ε·‖f(x)‖/h.
        double roundOff = scale == 0 ? 0
            : Tolerances.SafetyFactor * conditionNumber * Tolerances.Epsilon * Evaluate(f, x, df.Count).L2Norm() / (estimate.InitialStep * scale);
        double tolerance = Math.Min(extrapolation + roundOff, MaxExtrapolationTolerance) + Tolerances.ForConditioned(conditionNumber, x.Count);
        string title = "differential vs Ridders extrapolation" + (name is null ? "" : ": " + name)
            + (unreliable ? string.Create(CultureInfo.InvariantCulture,
                $" (extrapolation unreliable, relative error estimate {extrapolation / Tolerances.SafetyFactor:E1}: f not smooth at step {estimate.InitialStep:E1}?)") : "");
        return new VerificationResult(title, error, tolerance);
    }

    /// <summary>Matrix form of <see cref="CheckDifferential(Func{Vector{double}, Vector{double}}, Func{Vector{double}, Vector{double}, Vector{double}}, Vector{double}, Vector{double}, double?, double, string?)"/>, flattening column-major.</summary>
    /// <param name="f">The matrix function.</param>
    /// <param name="differential">(X, U) ↦ dF(X;U), shaped like F(X).</param>
    /// <param name="x">The point X.</param>
    /// <param name="u">The direction U (same shape as <paramref name="x"/>, not zero).</param>
    /// <param name="initialStep">Ridders' initial step.</param>
    /// <param name="conditionNumber">Condition number of the differential's computation (≥ 1; 1 by default).</param>
    /// <param name="name">What is being checked, for the result's name.</param>
    /// <returns>The check's result.</returns>
    /// <exception cref="ArgumentNullException">A function, <paramref name="x"/> or <paramref name="u"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="initialStep"/> is not positive and finite, or <paramref name="conditionNumber"/> is below 1.</exception>
    /// <exception cref="ArgumentException">Shapes disagree (including the differential's output against F(X)), or <paramref name="u"/> is zero.</exception>
    public static VerificationResult CheckDifferential(
        Func<Matrix<double>, Matrix<double>> f, Func<Matrix<double>, Matrix<double>, Matrix<double>> differential,
        Matrix<double> x, Matrix<double> u, double? initialStep = null, double conditionNumber = 1.0, string? name = null)
    {
        CheckMatrixArguments(f, x, u);
        Checks.NotNull(differential, nameof(differential));
        Matrix<double> fx = Checks.ReturnedAny(f(x), "f", nameof(f));
        int rows = x.RowCount, cols = x.ColumnCount;
        return CheckDifferential(
            Vectorization.Flattened(f, rows, cols),
            (xv, uv) => Vectorization.Vec(Checks.Returned(
                differential(Vectorization.Unvec(xv, rows, cols), Vectorization.Unvec(uv, rows, cols)),
                fx.RowCount, fx.ColumnCount, "the differential", nameof(differential))),
            Vectorization.Vec(x), Vectorization.Vec(u), initialStep, conditionNumber, name);
    }

    /// <summary>The finite difference of the given scheme (no argument checks beyond f's output).</summary>
    private static Vector<double> Difference(
        FiniteDifferenceScheme scheme, Func<Vector<double>, Vector<double>> f, Vector<double> x, Vector<double> u, double h) =>
        scheme switch
        {
            FiniteDifferenceScheme.Central => CentralUnchecked(f, x, u, h),
            FiniteDifferenceScheme.OneSided => OneSidedUnchecked(f, x, u, h),
            _ => throw new ArgumentOutOfRangeException(nameof(scheme), scheme, $"Unknown scheme {scheme}."),
        };

    private static Vector<double> CentralUnchecked(Func<Vector<double>, Vector<double>> f, Vector<double> x, Vector<double> u, double h)
    {
        Vector<double> plus = Evaluate(f, x + h * u, null);
        Vector<double> minus = Evaluate(f, x - h * u, plus.Count);
        return (plus - minus) / (2 * h);
    }

    private static Vector<double> OneSidedUnchecked(Func<Vector<double>, Vector<double>> f, Vector<double> x, Vector<double> u, double h)
    {
        Vector<double> fx = Evaluate(f, x, null);
        Vector<double> plus = Evaluate(f, x + h * u, fx.Count);
        return (plus - fx) / h;
    }

    private static Vector<double> Evaluate(Func<Vector<double>, Vector<double>> f, Vector<double> at, int? expectedLength)
    {
        Vector<double>? y = f(at);
        if (y is null)
            throw new ArgumentException("f returned null.", nameof(f));
        if (expectedLength is int n && y.Count != n)
            throw new ArgumentException(
                $"f returned vectors of length {n} and {y.Count}; its output length must not change.", nameof(f));
        return y;
    }

    private static double PointScale(Vector<double> x) => Math.Max(1.0, x.InfinityNorm());

    private static void CheckArguments(Func<Vector<double>, Vector<double>> f, Vector<double> x, Vector<double> u)
    {
        Checks.NotNull(f, nameof(f));
        Checks.NotNull(x, nameof(x));
        Checks.NotNull(u, nameof(u));
        Checks.SameLength(x, nameof(x), u, nameof(u));
    }

    private static void CheckMatrixArguments(Func<Matrix<double>, Matrix<double>> f, Matrix<double> x, Matrix<double> u)
    {
        Checks.NotNull(f, nameof(f));
        Checks.NotNull(x, nameof(x));
        Checks.NotNull(u, nameof(u));
        Checks.SameShape(x, nameof(x), u, nameof(u));
    }
}
