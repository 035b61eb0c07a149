using MathNet.Numerics.Distributions;
using MathNet.Numerics.LinearAlgebra;

namespace Differentials.Verification;

/// <summary>
/// Random test inputs from a caller-supplied (seeded) <see cref="Random"/>, so every check is
/// reproducible: Gaussian matrices and vectors, and matrices with a prescribed condition number.
/// </summary>
public static class RandomMatrices
{
    /// <summary>An m×n matrix of independent standard normal entries.</summary>
    /// <param name="rows">Row count (at least 1).</param>
    /// <param name="cols">Column count (at least 1).</param>
    /// <param name="random">The source of randomness (seed it for reproducibility).</param>
    /// <returns>A new dense matrix.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="random"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A size is less than 1.</exception>
    public static Matrix<double> Gaussian(int rows, int cols, Random random)
    {
        Checks.AtLeastOne(rows, nameof(rows));
        Checks.AtLeastOne(cols, nameof(cols));
        Checks.NotNull(random, nameof(random));
        var values = new double[Checks.Elements(rows, cols, "A Gaussian matrix", nameof(rows))];
        Normal.Samples(random, values, 0.0, 1.0);
        return Matrix<double>.Build.DenseOfColumnMajor(rows, cols, values);
    }

    /// <summary>A vector of n independent standard normal entries.</summary>
    /// <param name="length">Length (at least 1).</param>
    /// <param name="random">The source of randomness (seed it for reproducibility).</param>
    /// <returns>A new dense vector.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="random"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="length"/> is less than 1.</exception>
    public static Vector<double> GaussianVector(int length, Random random)
    {
        Checks.AtLeastOne(length, nameof(length));
        Checks.NotNull(random, nameof(random));
        var values = new double[length];
        Normal.Samples(random, values, 0.0, 1.0);
        return Vector<double>.Build.DenseOfArray(values);
    }

    /// <summary>A random n×n orthogonal matrix: the Q of a QR factorisation of a Gaussian matrix,
    /// with column signs fixed by R's diagonal so that Q is uniformly (Haar) distributed.</summary>
    /// <param name="n">Size (at least 1).</param>
    /// <param name="random">The source of randomness.</param>
    /// <returns>A new orthogonal matrix.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="random"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="n"/> is less than 1.</exception>
    public static Matrix<double> Orthogonal(int n, Random random)
    {
        var qr = Gaussian(n, n, random).QR();
        Matrix<double> q = qr.Q.Clone();
        for (int j = 0; j < n; j++)
            if (qr.R[j, j] < 0)
                q.SetColumn(j, q.Column(j).Negate());
        return q;
    }

    /// <summary>
    /// An n×n matrix U·Σ·Vᵀ with random orthogonal U and V and singular values spaced evenly on a
    /// log scale from 1 down to 1/κ, so its 2-norm condition number is κ (up to rounding: the
    /// smallest singular value, 1/κ, is resolved to about n·ε absolute, i.e. relative error ≈ κ·n·ε,
    /// see <see cref="Tolerances.ForConditioned"/>).
    /// </summary>
    /// <param name="n">Size (at least 1; for n = 1, κ must be 1).</param>
    /// <param name="kappa">The condition number wanted (finite, ≥ 1).</param>
    /// <param name="random">The source of randomness.</param>
    /// <returns>A new matrix with κ₂ = <paramref name="kappa"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="random"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="n"/> is less than 1, or <paramref name="kappa"/> is below 1, infinite or NaN.</exception>
    /// <exception cref="ArgumentException"><paramref name="n"/> is 1 and <paramref name="kappa"/> is not 1.</exception>
    public static Matrix<double> WithConditionNumber(int n, double kappa, Random random)
    {
        Checks.AtLeastOne(n, nameof(n));
        Checks.Elements(n, n, "A matrix of chosen condition number", nameof(n));
        Checks.ConditionNumber(kappa, nameof(kappa));
        Checks.NotNull(random, nameof(random));
        if (n == 1 && kappa != 1)
            throw new ArgumentException(FormattableString.Invariant(
                $"A 1×1 matrix has condition number 1; cannot reach kappa = {kappa}."), nameof(kappa));
        var sigma = Vector<double>.Build.Dense(n, i => n == 1 ? 1.0 : Math.Pow(kappa, -(double)i / (n - 1)));
        Matrix<double> u = Orthogonal(n, random);
        Matrix<double> v = Orthogonal(n, random);
        return u * Matrix<double>.Build.DiagonalOfDiagonalVector(sigma) * v.Transpose();
    }

    /// <summary>The 2-norm condition number σ_max / σ_min, from the singular values.</summary>
    /// <param name="m">The matrix (any shape; at least one entry).</param>
    /// <returns>σ_max/σ_min; +∞ when the smallest singular value is zero.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="m"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="m"/> is empty (0×n or m×0) or holds NaN or infinity.</exception>
    public static double ConditionNumber(Matrix<double> m)
    {
        Checks.NonEmptyFinite(m, nameof(m));
        Vector<double> s = m.Svd(computeVectors: false).S;
        double min = s.Minimum();
        return min == 0 ? double.PositiveInfinity : s.Maximum() / min;
    }
}
