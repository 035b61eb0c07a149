using System.Globalization;
using Differentials.Numerics;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Double;

namespace Differentials;

/// <summary>
/// The matrix inverse Y = X⁻¹ with its differential dY = −Y dX Y and its adjoint X̄ = −Yᵀ Ȳ Yᵀ.
/// <para>
/// Singularity: X is rejected when a pivot of its partially pivoted LU factorisation is exactly zero,
/// and also when it is numerically singular, meaning κ₁(X)·ε ≥ 1 with κ₁ = ‖X‖₁‖Y‖₁ computed from the
/// inverse actually formed (ε = 2⁻⁵², the unit round-off doubled). Past that point the computed inverse
/// has no correct significant digit, so its differential and adjoint would be noise. A computed inverse
/// that overflows counts as κ₁ = ∞.
/// </para>
/// <para>Inputs holding NaN or ±∞ are rejected: LU would spread NaN silently and defeat the singularity test.</para>
/// </summary>
public static class MatrixInverse
{
    /// <summary>Machine epsilon for double, 2⁻⁵² (not <see cref="double.Epsilon"/>, which is the smallest subnormal).</summary>
    public const double MachineEpsilon = 2.220446049250313e-16;

    /// <summary>Computes Y = X⁻¹ by LU factorisation with partial pivoting.</summary>
    /// <param name="x">A square, finite, non-singular matrix.</param>
    /// <returns>The inverse X⁻¹, as a new dense matrix.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="x"/> is empty, not square, or contains NaN or infinity.</exception>
    /// <exception cref="SingularMatrixException"><paramref name="x"/> is exactly or numerically singular (κ₁·ε ≥ 1).</exception>
    public static Matrix<double> Forward(Matrix<double> x)
    {
        Guard.NonEmptyFinite(x, nameof(x));
        Guard.Square(x, nameof(x));
        return Invert(x, nameof(x));
    }

    /// <summary>The differential dY = df(X; dX) = −Y dX Y, where Y = X⁻¹.</summary>
    /// <param name="x">The point X: square, finite, non-singular.</param>
    /// <param name="dx">The perturbation dX, the same shape as <paramref name="x"/>.</param>
    /// <returns>−Y dX Y.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">An argument is empty or not finite, <paramref name="x"/> is not square, or the shapes differ.</exception>
    /// <exception cref="SingularMatrixException"><paramref name="x"/> is exactly or numerically singular.</exception>
    public static Matrix<double> Differential(Matrix<double> x, Matrix<double> dx)
    {
        Guard.NonEmptyFinite(x, nameof(x));
        Guard.Square(x, nameof(x));
        Guard.NonEmptyFinite(dx, nameof(dx));
        Guard.HasShape(dx, nameof(dx), x.RowCount, x.ColumnCount, $"the shape of x, {Guard.Shape(x)}");
        return DifferentialAt(Invert(x, nameof(x)), dx);
    }

    /// <summary>The adjoint X̄ = −Yᵀ Ȳ Yᵀ, where Y = X⁻¹: the gradient with respect to X given Ȳ = ∇_Y E.</summary>
    /// <param name="x">The point X: square, finite, non-singular.</param>
    /// <param name="yBar">The output gradient Ȳ, the same shape as <paramref name="x"/>.</param>
    /// <returns>−Yᵀ Ȳ Yᵀ.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">An argument is empty or not finite, <paramref name="x"/> is not square, or the shapes differ.</exception>
    /// <exception cref="SingularMatrixException"><paramref name="x"/> is exactly or numerically singular.</exception>
    public static Matrix<double> Backward(Matrix<double> x, Matrix<double> yBar)
    {
        Guard.NonEmptyFinite(x, nameof(x));
        Guard.Square(x, nameof(x));
        Guard.NonEmptyFinite(yBar, nameof(yBar));
        Guard.HasShape(yBar, nameof(yBar), x.RowCount, x.ColumnCount, $"the shape of Y = x⁻¹, {Guard.Shape(x)}");
        return BackwardAt(Invert(x, nameof(x)), yBar);
    }

    /// <summary>
    /// Inverts X once and returns Y = X⁻¹ with closures dX ↦ −Y dX Y and Ȳ ↦ −Yᵀ Ȳ Yᵀ that reuse Y.
    /// </summary>
    /// <param name="x">The point X: square, finite, non-singular.</param>
    /// <returns>The value Y with its differential and adjoint at X.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="x"/> is empty, not square, or contains NaN or infinity.</exception>
    /// <exception cref="SingularMatrixException"><paramref name="x"/> is exactly or numerically singular.</exception>
    public static Linearization<Matrix<double>, Matrix<double>> Linearize(Matrix<double> x)
    {
        Guard.NonEmptyFinite(x, nameof(x));
        Guard.Square(x, nameof(x));
        DenseMatrix y = Invert(x, nameof(x));
        DenseMatrix value = DenseMatrix.OfMatrix(y); // the caller may modify Value; the closures keep their own Y
        string shape = Guard.Shape(x);
        return new Linearization<Matrix<double>, Matrix<double>>(
            value,
            dx =>
            {
                Guard.NonEmptyFinite(dx, nameof(dx));
                Guard.HasShape(dx, nameof(dx), y.RowCount, y.ColumnCount, $"the shape of x, {shape}");
                return DifferentialAt(y, dx);
            },
            yBar =>
            {
                Guard.NonEmptyFinite(yBar, nameof(yBar));
                Guard.HasShape(yBar, nameof(yBar), y.RowCount, y.ColumnCount, $"the shape of Y = x⁻¹, {shape}");
                return BackwardAt(y, yBar);
            });
    }

    /// <summary>−Y dX Y for a known Y.</summary>
    internal static DenseMatrix DifferentialAt(Matrix<double> y, Matrix<double> dx)
    {
        DenseMatrix ydx = DenseColumnMajor.Multiply(y, false, dx, false);
        return DenseColumnMajor.MultiplyNegated(ydx, false, y, false);
    }

    /// <summary>−Yᵀ Ȳ Yᵀ for a known Y.</summary>
    internal static DenseMatrix BackwardAt(Matrix<double> y, Matrix<double> yBar)
    {
        DenseMatrix ytYBar = DenseColumnMajor.Multiply(y, true, yBar, false);
        return DenseColumnMajor.MultiplyNegated(ytYBar, false, y, true);
    }

    /// <summary>
    /// Writes Y = X⁻¹ for an n×n matrix stored column-major in <paramref name="x"/>, without MathNet objects:
    /// the allocation-light form for benchmarks and hot loops. Same checks as <see cref="Forward(Matrix{double})"/>.
    /// </summary>
    /// <param name="x">The n×n matrix X, column-major, length n².</param>
    /// <param name="n">The order n ≥ 1.</param>
    /// <param name="destination">Receives X⁻¹ column-major; length n²; must not overlap <paramref name="x"/>.</param>
    /// <exception cref="ArgumentException">A length is not n², n is below 1, or <paramref name="x"/> contains NaN or infinity.</exception>
    /// <exception cref="SingularMatrixException">X is exactly or numerically singular (κ₁·ε ≥ 1).</exception>
    public static void Forward(ReadOnlySpan<double> x, int n, Span<double> destination)
    {
        if (n < 1 || x.Length != n * n || destination.Length != n * n)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"x and destination must both have length n² = {(long)n * n} for n = {n} (n ≥ 1), but have lengths {x.Length} and {destination.Length}."),
                nameof(destination));
        }
        bool allFinite = DenseColumnMajor.AllFinite(x); // one vectorised pass; the loop only names the first bad value
        for (int i = 0; !allFinite && i < x.Length; i++)
        {
            if (!double.IsFinite(x[i]))
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                    $"x ({Guard.Shape(n, n)}) contains NaN or infinity (first at [{i % n}, {i / n}])."), nameof(x));
            }
        }
        InvertInto(x, n, destination, nameof(x));
    }

    /// <summary>LU-factorises, checks both kinds of singularity, and returns the inverse.</summary>
    internal static DenseMatrix Invert(Matrix<double> x, string paramName)
    {
        int n = x.RowCount;
        var y = DenseColumnMajor.UnwrittenMatrix(n, n);
        InvertInto(DenseColumnMajor.Values(x), n, y.Values, paramName);
        return y;
    }

    /// <summary>
    /// The one inversion routine: LU with partial pivoting, rejection on an exactly zero pivot, inversion,
    /// then rejection when κ₁ = ‖X‖₁‖Y‖₁ satisfies κ₁·ε ≥ 1 (or is not finite).
    /// </summary>
    private static void InvertInto(ReadOnlySpan<double> x, int n, Span<double> y, string paramName)
    {
        var lu = GC.AllocateUninitializedArray<double>(n * n); // the copy below writes all of it
        x.CopyTo(lu);
        var pivots = new int[n];
        int zeroPivot = Backend.LinearAlgebra.LuFactor(lu, n, pivots);
        if (zeroPivot >= 0)
        {
            throw new SingularMatrixException(string.Create(CultureInfo.InvariantCulture,
                $"{paramName} ({Guard.Shape(n, n)}) is singular: LU pivot {zeroPivot} is exactly zero."),
                paramName, double.PositiveInfinity);
        }

        Backend.LinearAlgebra.LuInvert(lu, pivots, n, y);

        double kappa = DenseColumnMajor.OneNorm(x, n, n) * DenseColumnMajor.OneNorm(y, n, n);
        if (!double.IsFinite(kappa)) kappa = double.PositiveInfinity; // overflow or NaN in the inverse
        if (kappa * MachineEpsilon >= 1.0)
        {
            throw new SingularMatrixException(string.Create(CultureInfo.InvariantCulture,
                $"{paramName} ({Guard.Shape(n, n)}) is numerically singular: condition estimate κ₁ = {kappa:E3} ≥ 1/ε = {1 / MachineEpsilon:E3}."),
                paramName, kappa);
        }
    }
}
