using System.Globalization;

namespace Differentials.Numerics;

/// <summary>
/// A square matrix A factored once (P·A = L·U, partial pivoting, through a backend's
/// <see cref="ILinearAlgebra.LuFactor"/>), then reused: the inverse, solves with A and Aᵀ for any number
/// of right-hand sides, log|det A| with its sign, det A, and κ₁(A) = ‖A‖₁‖A⁻¹‖₁.
/// <para>
/// Range: when the largest |a_ij| lies outside [2⁻³⁰⁰, 2³⁰⁰] the factors are those of A' = 2⁻ᵉ·A, with 2ᵉ
/// near that entry, and every result is scaled back at the end. A power of two scales exactly, and LU with
/// partial pivoting picks the same pivots for A and A', so κ₁, the solutions and the inverse are those of A;
/// but a matrix with κ = 1 and norm 1e-310 or 1e308 is no longer "singular" through overflow in its norms or
/// its factors. When a result itself does not fit in a double, the method says so with an
/// <see cref="OverflowException"/> rather than returning ±∞ or NaN. (Entries below 2⁻¹⁰⁷⁴ of the largest one
/// become zero in A'; that is a backward error below ε‖A‖₁.)
/// </para>
/// Not thread-safe; the factors are private copies, so later changes to the input do not reach them.
/// </summary>
internal sealed class LuFactorization
{
    /// <summary>2⁻⁵², the gap between 1 and the next double; κ₁·ε ≥ 1 means no correct digit.</summary>
    private const double Epsilon = 1.0 / (1L << 52);

    /// <summary>Inputs whose largest magnitude has a binary exponent within ±this are factored unscaled.</summary>
    private const int UnscaledExponentLimit = 300;

    private readonly ILinearAlgebra _backend;
    private readonly double[] _factors;
    private readonly int[] _pivots;
    private readonly double _scaledOneNorm;
    private readonly string _name;

    private LuFactorization(ILinearAlgebra backend, double[] factors, int[] pivots, int n, int scaleExponent,
                            double scaledOneNorm, int zeroPivot, string name)
    {
        _backend = backend;
        _factors = factors;
        _pivots = pivots;
        Order = n;
        ScaleExponent = scaleExponent;
        _scaledOneNorm = scaledOneNorm;
        ZeroPivot = zeroPivot;
        _name = name;
    }

    /// <summary>
    /// Copies and factors the n×n column-major matrix <paramref name="a"/>. Never throws for a singular
    /// matrix: <see cref="ZeroPivot"/> says whether a pivot was exactly zero, and the methods that need an
    /// inverse throw <see cref="SingularMatrixException"/>.
    /// </summary>
    /// <param name="a">A, column-major; its first n² values are read, and it is not modified.</param>
    /// <param name="n">The order, at least 1.</param>
    /// <param name="name">The argument that held A, for exception messages.</param>
    /// <param name="backend">The linear algebra to factor and solve with; <see cref="Backend.LinearAlgebra"/> when null.</param>
    /// <returns>The factorisation.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="n"/> is below 1.</exception>
    /// <exception cref="ArgumentException"><paramref name="a"/> holds fewer than n² values, or a value is NaN or infinite.</exception>
    public static LuFactorization Factor(ReadOnlySpan<double> a, int n, string name = "a", ILinearAlgebra? backend = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        Checks.SquareBuffer(a.Length, n, name);
        backend ??= Backend.LinearAlgebra;
        int size = n * n;
        a = a[..size];

        // One pass gives ‖A‖₁ and max |a_ij|; at ordinary magnitudes that norm is already the one to use.
        var (norm, largest) = Norms.OneNormAndMaxAbs(a, n, n);
        if (!double.IsFinite(norm) || !double.IsFinite(largest))
        {
            int bad = 0;
            while (bad < size && double.IsFinite(a[bad])) bad++;
            if (bad < size)
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                    $"{name} ({n}×{n}) contains NaN or infinity (first at [{bad % n}, {bad / n}])."), name);
            }
        }

        var factors = GC.AllocateUninitializedArray<double>(size); // every value is written below
        int exponent = largest == 0 ? 0 : Math.ILogB(largest);
        if (Math.Abs(exponent) <= UnscaledExponentLimit && double.IsFinite(norm))
        {
            exponent = 0;
            a.CopyTo(factors);
        }
        else
        {
            norm = 0;
            for (int j = 0; j < n; j++)
            {
                double sum = 0;
                for (int i = j * n; i < (j + 1) * n; i++)
                {
                    factors[i] = Math.ScaleB(a[i], -exponent);
                    sum += Math.Abs(factors[i]);
                }
                norm = Math.Max(norm, sum);
            }
        }
        var pivots = new int[n];
        int zeroPivot = backend.LuFactor(factors, n, pivots);
        return new LuFactorization(backend, factors, pivots, n, exponent, norm, zeroPivot, name);
    }

    /// <summary>The order n of A.</summary>
    public int Order { get; }

    /// <summary>e in A = 2ᵉ·A', where <see cref="Factors"/> are those of A'; 0 unless A's magnitude was extreme.</summary>
    public int ScaleExponent { get; }

    /// <summary>L (unit, below the diagonal) and U (on and above it) of A' = 2⁻ᵉ·A, column-major n×n.</summary>
    public ReadOnlySpan<double> Factors => _factors;

    /// <summary><c>Pivots[i]</c> is the row swapped with row i at step i (0-based, LAPACK's order).</summary>
    public ReadOnlySpan<int> Pivots => _pivots;

    /// <summary>The first column whose pivot is exactly zero, or -1 when none is.</summary>
    public int ZeroPivot { get; }

    /// <summary>Whether a pivot is exactly zero, so that A is singular.</summary>
    public bool IsExactlySingular => ZeroPivot >= 0;

    /// <summary>‖A‖₁; +∞ when it exceeds the double range although A's entries do not.</summary>
    public double OneNorm => Math.ScaleB(_scaledOneNorm, ScaleExponent);

    /// <summary>
    /// Writes A⁻¹ into <paramref name="destination"/> and returns κ₁ = ‖A‖₁‖A⁻¹‖₁, computed from the scaled
    /// factors so that it is finite whenever κ₁ is. This is the inverse operator's policy in one call.
    /// </summary>
    /// <param name="destination">n×n, column-major, overwritten; must not overlap the input given to <see cref="Factor"/> if that is still needed.</param>
    /// <returns>κ₁(A), below 1/ε.</returns>
    /// <exception cref="ArgumentException"><paramref name="destination"/> holds fewer than n² values.</exception>
    /// <exception cref="SingularMatrixException">A pivot is exactly zero, or κ₁·ε ≥ 1 (numerically singular, no correct digit).</exception>
    /// <exception cref="OverflowException">A is well conditioned but an entry of A⁻¹ exceeds the double range (A near 1e-308·I).</exception>
    public double Inverse(Span<double> destination)
    {
        Checks.SquareBuffer(destination.Length, Order, nameof(destination));
        RequireNonzeroPivots();
        var inverse = destination[..(Order * Order)];
        _backend.LuInvert(_factors, _pivots, Order, inverse);
        double kappa = _scaledOneNorm * Norms.OneNorm(inverse, Order, Order);
        RequireWellConditioned(kappa);
        // A finite κ₁ bounds every entry of the unscaled inverse, so only a rescaled one needs checking.
        if (ScaleExponent != 0) Unscale(inverse, "A⁻¹");
        return kappa;
    }

    /// <summary>
    /// Overwrites the n×<paramref name="columns"/> column-major <paramref name="b"/> with X = A⁻¹·B.
    /// Conditioning is not checked here: see <see cref="EstimateCondition"/> and <see cref="RequireWellConditioned()"/>.
    /// </summary>
    /// <param name="b">B on entry, X on return.</param>
    /// <param name="columns">The number of right-hand sides, at least 0.</param>
    /// <exception cref="ArgumentException"><paramref name="b"/> holds fewer than n·columns values.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="columns"/> is negative.</exception>
    /// <exception cref="SingularMatrixException">A pivot is exactly zero.</exception>
    /// <exception cref="OverflowException">An entry of X exceeds the double range (or B held NaN or infinity).</exception>
    public void Solve(Span<double> b, int columns)
    {
        Checks.RightHandSideBuffer(b.Length, Order, columns);
        RequireNonzeroPivots();
        var x = b[..(Order * columns)];
        _backend.LuSolve(_factors, _pivots, Order, x, columns);
        Unscale(x, "the solution of A·X = B");
    }

    /// <summary>
    /// Overwrites the n×<paramref name="columns"/> column-major <paramref name="b"/> with X = A⁻ᵀ·B, the
    /// solution of Aᵀ·X = B (what an adjoint needs). Same contract as <see cref="Solve"/>.
    /// </summary>
    /// <param name="b">B on entry, X on return.</param>
    /// <param name="columns">The number of right-hand sides, at least 0.</param>
    /// <exception cref="ArgumentException"><paramref name="b"/> holds fewer than n·columns values.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="columns"/> is negative.</exception>
    /// <exception cref="SingularMatrixException">A pivot is exactly zero.</exception>
    /// <exception cref="OverflowException">An entry of X exceeds the double range (or B held NaN or infinity).</exception>
    public void SolveTransposed(Span<double> b, int columns)
    {
        Checks.RightHandSideBuffer(b.Length, Order, columns);
        RequireNonzeroPivots();
        var x = b[..(Order * columns)];
        _backend.LuSolveTransposed(_factors, _pivots, Order, x, columns);
        Unscale(x, "the solution of Aᵀ·X = B");
    }

    /// <summary>
    /// log|det A| and the sign of det A, from the pivots: finite for every non-singular A, however far det A
    /// itself lies outside the double range. For an exactly singular A: (−∞, 0).
    /// </summary>
    /// <returns>The natural logarithm of |det A|, and the sign −1, 0 or +1.</returns>
    public (double LogAbsDeterminant, int Sign) LogDeterminant()
    {
        if (IsExactlySingular) return (double.NegativeInfinity, 0);
        int n = Order, sign = 1;
        double log = 0;
        for (int i = 0; i < n; i++)
        {
            double u = _factors[i + i * n];
            if (u < 0) sign = -sign;
            if (_pivots[i] != i) sign = -sign;
            log += Math.Log(Math.Abs(u));
        }
        return (log + (double)n * ScaleExponent * Math.Log(2.0), sign);
    }

    /// <summary>
    /// det A, as the product of the pivots with the exponent kept apart until the end (so no intermediate
    /// overflow or underflow). 0 for an exactly singular A; a determinant below the smallest double rounds
    /// towards 0 (subnormal or 0): use <see cref="LogDeterminant"/> where that matters.
    /// </summary>
    /// <returns>det A.</returns>
    /// <exception cref="OverflowException">|det A| exceeds the double range (use <see cref="LogDeterminant"/>).</exception>
    public double Determinant()
    {
        if (IsExactlySingular) return 0.0;
        int n = Order;
        double mantissa = 1.0;
        long exponent = (long)n * ScaleExponent;
        for (int i = 0; i < n; i++)
        {
            mantissa *= _factors[i + i * n];
            if (_pivots[i] != i) mantissa = -mantissa;
            int e = Math.ILogB(mantissa); // |mantissa| in [1, 2) after this, so the next product cannot overflow
            mantissa = Math.ScaleB(mantissa, -e);
            exponent += e;
        }
        if (exponent > 1024)
            throw new OverflowException(Message($"det {_name} exceeds the double range (log|det| = {LogDeterminant().LogAbsDeterminant:E3})"));
        double det = Math.ScaleB(mantissa, (int)Math.Max(exponent, -1100));
        if (double.IsInfinity(det))
            throw new OverflowException(Message($"det {_name} exceeds the double range (log|det| = {LogDeterminant().LogAbsDeterminant:E3})"));
        return det;
    }

    /// <summary>
    /// An estimate of κ₁(A) = ‖A‖₁‖A⁻¹‖₁ without forming A⁻¹: Hager's method as refined by Higham (LAPACK's
    /// dlacn2), a few solves with A and Aᵀ. It never exceeds the true κ₁ by more than rounding, and is almost
    /// always within a small factor of it. +∞ for an exactly singular A.
    /// </summary>
    /// <returns>The estimate of κ₁(A).</returns>
    public double EstimateCondition()
    {
        if (IsExactlySingular) return double.PositiveInfinity;
        int n = Order;
        var x = new double[n];
        var signs = new double[n];
        Array.Fill(x, 1.0 / n);
        double estimate = 0;
        int previous = -1;
        for (int iteration = 0; iteration < 5; iteration++)
        {
            _backend.LuSolve(_factors, _pivots, n, x, 1);                // x ← A'⁻¹ x
            double norm = Norms.OneNorm(x, n, 1);
            if (!double.IsFinite(norm)) return double.PositiveInfinity;
            bool sameSigns = iteration > 0;
            for (int i = 0; i < n; i++)
            {
                double s = x[i] >= 0 ? 1.0 : -1.0;
                if (s != signs[i]) sameSigns = false;
                signs[i] = s;
            }
            if (iteration > 0 && (norm <= estimate || sameSigns))
            {
                estimate = Math.Max(estimate, norm);
                break;
            }
            estimate = norm;
            signs.CopyTo(x, 0);
            _backend.LuSolveTransposed(_factors, _pivots, n, x, 1);      // z ← A'⁻ᵀ sign(y)
            int best = 0;
            for (int i = 1; i < n; i++) if (Math.Abs(x[i]) > Math.Abs(x[best])) best = i;
            if (best == previous) break;
            previous = best;
            Array.Clear(x);
            x[best] = 1.0;
        }
        // Higham's extra test vector catches the matrices on which the iteration stalls.
        for (int i = 0; i < n; i++) x[i] = (i % 2 == 0 ? 1.0 : -1.0) * (1.0 + (n == 1 ? 0.0 : (double)i / (n - 1)));
        _backend.LuSolve(_factors, _pivots, n, x, 1);
        estimate = Math.Max(estimate, 2.0 * Norms.OneNorm(x, n, 1) / (3.0 * n));
        double kappa = _scaledOneNorm * estimate;
        return double.IsFinite(kappa) ? kappa : double.PositiveInfinity;
    }

    /// <summary>Throws unless A is non-singular with an estimated κ₁·ε below 1 (for solves and determinants).</summary>
    /// <exception cref="SingularMatrixException">A pivot is exactly zero, or κ₁·ε ≥ 1.</exception>
    public void RequireWellConditioned()
    {
        RequireNonzeroPivots();
        RequireWellConditioned(EstimateCondition());
    }

    private void RequireNonzeroPivots()
    {
        if (IsExactlySingular)
        {
            throw new SingularMatrixException(Message($"{_name} ({Order}×{Order}) is singular: LU pivot {ZeroPivot} is exactly zero"),
                                              _name, double.PositiveInfinity);
        }
    }

    private void RequireWellConditioned(double kappa)
    {
        if (!double.IsFinite(kappa)) kappa = double.PositiveInfinity;
        if (kappa * Epsilon >= 1.0)
        {
            throw new SingularMatrixException(Message(
                $"{_name} ({Order}×{Order}) is numerically singular: condition estimate κ₁ = {kappa:E3} ≥ 1/ε = {1 / Epsilon:E3}"),
                _name, kappa);
        }
    }

    /// <summary>Multiplies a result of A' by 2⁻ᵉ, turning it into A's, and refuses one that does not fit.</summary>
    private void Unscale(Span<double> values, string what)
    {
        if (ScaleExponent != 0)
        {
            for (int i = 0; i < values.Length; i++) values[i] = Math.ScaleB(values[i], -ScaleExponent);
        }
        if (!Norms.AllFinite(values))
        {
            throw new OverflowException(Message(
                $"{what} for {_name} ({Order}×{Order}, ‖{_name}‖₁ = {OneNorm:E3}) exceeds the double range"));
        }
    }

    private static string Message(FormattableString text) => text.ToString(CultureInfo.InvariantCulture) + ".";
}
