namespace Differentials.Notebook;

/// <summary>Least-squares fits the notebooks use to turn a measured curve into the number the prose quotes.</summary>
public static class Fit
{
    /// <summary>
    /// The slope of log y against log x by least squares: the exponent p of a power law y ∝ xᵖ (2 for a cost
    /// that quadruples when the size doubles).
    /// </summary>
    /// <param name="x">The sizes, positive and finite, at least two distinct.</param>
    /// <param name="y">The measured values, positive and finite, one per size.</param>
    /// <returns>The fitted exponent.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The lengths differ, a value is not positive and finite, or fewer than two sizes are distinct.</exception>
    public static double LogLogSlope(IEnumerable<double> x, IEnumerable<double> y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        var xs = x.ToArray();
        var ys = y.ToArray();
        if (xs.Length != ys.Length)
            throw new ArgumentException($"x has {xs.Length} values and y has {ys.Length}; a fit needs one y per x.", nameof(y));
        for (int i = 0; i < xs.Length; i++)
            if (!(xs[i] > 0) || !(ys[i] > 0) || double.IsInfinity(xs[i]) || double.IsInfinity(ys[i]))
                throw new ArgumentException($"Point {i} is ({xs[i]}, {ys[i]}); logarithms need positive finite values.", nameof(x));
        if (xs.Distinct().Count() < 2)
            throw new ArgumentException($"A slope needs at least two distinct sizes; got {xs.Length} point(s).", nameof(x));
        double mx = xs.Average(Math.Log), my = ys.Average(Math.Log), sxy = 0, sxx = 0;
        for (int i = 0; i < xs.Length; i++)
        {
            double dx = Math.Log(xs[i]) - mx;
            sxy += dx * (Math.Log(ys[i]) - my);
            sxx += dx * dx;
        }
        return sxy / sxx;
    }
}
