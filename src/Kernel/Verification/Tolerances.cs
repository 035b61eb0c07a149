namespace Differentials.Verification;

/// <summary>
/// Tolerances derived from machine epsilon and the size and conditioning of a computation, so
/// that no check in the workbook uses a magic number.
/// </summary>
/// <remarks>
/// The standard rounding bounds of numerical linear algebra read "error ≤ n·ε·(scale)" for a
/// sum of n terms (an inner product, a matrix product), and gain a factor κ, the condition
/// number, when a solve or an inverse is involved. Those bounds carry small constants that
/// depend on the exact algorithm; <see cref="SafetyFactor"/> covers them once, for all tools.
/// </remarks>
public static class Tolerances
{
    /// <summary>Machine epsilon of IEEE double precision, 2^-52 (the gap between 1 and the next double).</summary>
    public const double Epsilon = 1.0 / (1L << 52);

    /// <summary>
    /// The one constant multiplying every derived bound (10): it absorbs the small algorithm-dependent
    /// constants in the rounding bounds (a factor 2 for a subtraction of two rounded values, a
    /// factor 2–3 for error propagation through two products) with some margin, while staying
    /// orders of magnitude below the size of a genuine mistake.
    /// </summary>
    public const double SafetyFactor = 10.0;

    /// <summary>
    /// Relative tolerance for a result made of sums of <paramref name="size"/> products
    /// (inner products, matrix products, Kronecker products): SafetyFactor·size·ε, from the
    /// classic bound |fl(Σ aᵢbᵢ) − Σ aᵢbᵢ| ≤ n·ε·Σ|aᵢbᵢ|.
    /// </summary>
    /// <param name="size">The number of terms summed (e.g. the inner dimension or the vector length); at least 1.</param>
    /// <returns>The relative tolerance.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="size"/> is less than 1.</exception>
    public static double ForProduct(int size)
    {
        Checks.AtLeastOne(size, nameof(size));
        return SafetyFactor * size * Epsilon;
    }

    /// <summary>
    /// Relative tolerance for a computation whose rounding errors are amplified by a condition
    /// number κ, such as the differential or adjoint of the matrix inverse (−Y·dX·Y, −Yᵀ·Ȳ·Yᵀ) or a
    /// singular value of an ill-conditioned matrix: SafetyFactor·κ·size·ε, the product bound
    /// <see cref="ForProduct"/> times κ.
    /// </summary>
    /// <param name="kappa">The condition number (≥ 1; use 1 for a well-conditioned computation).</param>
    /// <param name="size">The number of terms summed, as in <see cref="ForProduct"/>; at least 1.</param>
    /// <returns>The relative tolerance.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="kappa"/> is below 1 or not finite, or <paramref name="size"/> is less than 1.</exception>
    public static double ForConditioned(double kappa, int size)
    {
        Checks.ConditionNumber(kappa, nameof(kappa));
        return kappa * ForProduct(size);
    }

    /// <summary>
    /// Relative error bound of a finite-difference derivative with step <paramref name="h"/>, as
    /// truncation plus round-off, for a function whose derivatives change on a length scale
    /// <paramref name="scale"/> (so that |f⁽ᵏ⁾| ≈ |f|/scaleᵏ):
    /// central (h/scale)²/6 + ε·scale/h, one-sided (h/scale)/2 + 2·ε·scale/h, each times
    /// <see cref="SafetyFactor"/>. The truncation terms are the leading Taylor remainders
    /// h²f‴/6 and h·f″/2; the round-off terms are ε|f| (twice for one-sided, where f(x) is not
    /// symmetric) divided by h, all relative to |f′| ≈ |f|/scale.
    /// </summary>
    /// <param name="scheme">The difference scheme.</param>
    /// <param name="h">The step (positive, finite).</param>
    /// <param name="scale">The length over which the function's derivatives change by order one (positive, finite; 1 by default).</param>
    /// <returns>The relative tolerance.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="h"/> or <paramref name="scale"/> is not positive and finite, or <paramref name="scheme"/> is unknown.</exception>
    public static double ForFiniteDifference(FiniteDifferenceScheme scheme, double h, double scale = 1.0)
    {
        Checks.PositiveFinite(h, nameof(h));
        Checks.PositiveFinite(scale, nameof(scale));
        double r = h / scale;
        return SafetyFactor * scheme switch
        {
            FiniteDifferenceScheme.Central => r * r / 6 + Epsilon / r,
            FiniteDifferenceScheme.OneSided => r / 2 + 2 * Epsilon / r,
            _ => throw new ArgumentOutOfRangeException(nameof(scheme), scheme, $"Unknown scheme {scheme}."),
        };
    }
}
