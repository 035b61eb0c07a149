using System.Globalization;

namespace Differentials.Numerics;

/// <summary>
/// The default linear algebra where a native BLAS/LAPACK is installed: every routine runs on the C# kernels
/// unless a timing on this machine found the native library faster at it. Each routine is timed once per
/// machine (<see cref="LinearAlgebraTimings"/>, kept in a cache file like FFTW's wisdom) at the orders in
/// <see cref="LinearAlgebraTimings.Orders"/>; a call of order below <see cref="SmallOrder"/> stays on the C#
/// kernels (no timing speaks for the library there), one from there to <see cref="LargeOrder"/> takes the
/// first order's winner, a larger one the second's. A product's order is the cube root of its multiply-adds. The native library wins a routine only when it took less than
/// <see cref="WinningShare"/> of the C# time, so that timing noise does not move work between libraries, and
/// never on timings taken while the machine was busy.
/// Both backends use the same LU format (unit lower triangle, 0-based LAPACK pivots), so factors from one
/// may be solved or inverted by the other.
/// </summary>
internal sealed class AutomaticLinearAlgebra : ILinearAlgebra
{
    /// <summary>A native time must be below this share of the C# time to win.</summary>
    public const double WinningShare = 0.9;

    /// <summary>Below this order (three quarters of the first timed order) the C# kernels run.</summary>
    public const int SmallOrder = 192;

    /// <summary>From this order on, the second timing's winner applies (about the geometric mean of the two orders).</summary>
    public const int LargeOrder = 400;

    private readonly ILinearAlgebra[,] _chosen;

    /// <summary>Dispatches each routine by <paramref name="timings"/>.</summary>
    /// <param name="managed">The C# kernels.</param>
    /// <param name="native">The native library.</param>
    /// <param name="timings">The timings of both, one per routine and order in <see cref="LinearAlgebraTimings.Orders"/>.</param>
    public AutomaticLinearAlgebra(ILinearAlgebra managed, ILinearAlgebra native, LinearAlgebraTimings timings)
    {
        Managed = managed;
        Native = native;
        Timings = timings;
        var routines = Enum.GetValues<LinearAlgebraRoutine>();
        _chosen = new ILinearAlgebra[routines.Length, LinearAlgebraTimings.Orders.Length];
        // Timings from a busy machine are kept so that processes agree, but they decide nothing: another process
        // took a core from one side or the other at random (a C# call on two threads waits for its slower one).
        bool trusted = timings.Busy.Length == 0;
        foreach (var routine in routines)
        {
            for (int o = 0; o < LinearAlgebraTimings.Orders.Length; o++)
                _chosen[(int)routine, o] = trusted && NativeWins(timings[routine, o]) ? native : managed;
        }
    }

    /// <summary>The C# kernels.</summary>
    public ILinearAlgebra Managed { get; }

    /// <summary>The native library.</summary>
    public ILinearAlgebra Native { get; }

    /// <summary>What the choice rests on.</summary>
    public LinearAlgebraTimings Timings { get; }

    /// <summary>Whether a timing hands the routine to the native library.</summary>
    /// <param name="timing">Both backends' times for one routine at one order.</param>
    public static bool NativeWins(RoutineTiming timing) => timing.NativeMilliseconds < WinningShare * timing.ManagedMilliseconds;

    /// <summary>"auto: simd-avx512 (2 threads)", with "+ openblas 0.3.21 (multiply from 400, lu-factor)" for what the library won.</summary>
    public string Name
    {
        get
        {
            string won = NativeShare();
            return won.Length == 0 ? $"auto: {Managed.Name}" : $"auto: {Managed.Name} + {Native.Name} ({won})";
        }
    }

    /// <summary>
    /// The timings behind the choice, in words, for <c>NumericBackend.Describe()</c>: what the native library won
    /// and by how much, and where the timings are kept (the file has every routine's figures). Processes that
    /// share a timings file say the same.
    /// </summary>
    public string Explain()
    {
        var won = new List<string>();
        foreach (var routine in Enum.GetValues<LinearAlgebraRoutine>())
        {
            for (int o = 0; o < LinearAlgebraTimings.Orders.Length; o++)
            {
                var t = Timings[routine, o];
                if (NativeWins(t))
                    won.Add(string.Create(CultureInfo.InvariantCulture,
                        $"{LinearAlgebraTimings.Label(routine)} at order {LinearAlgebraTimings.Orders[o]} in {t.NativeMilliseconds:G3} ms against {t.ManagedMilliseconds:G3} ms"));
            }
        }
        string where = Timings.KeptIn is { } file ? $"timings in {file}" : "timed in this process";
        if (Timings.Busy.Length > 0)
            return $"the C# kernels run every routine until a quiet machine times {Native.Name} again: the timings were taken {Timings.Busy}; {where}";
        string verdict = won.Count == 0
            ? $"{Native.Name} was not a tenth faster than the C# kernels at any routine"
            : $"{Native.Name} took {string.Join(", ", won)}, and was not a tenth faster elsewhere";
        return $"{verdict}; {where}";
    }

    private string NativeShare()
    {
        var won = new List<string>();
        foreach (var routine in Enum.GetValues<LinearAlgebraRoutine>())
        {
            bool small = _chosen[(int)routine, 0] == Native, large = _chosen[(int)routine, 1] == Native;
            string label = LinearAlgebraTimings.Label(routine);
            if (small && large) won.Add(label);
            else if (large) won.Add($"{label} from order {LargeOrder}");
            else if (small) won.Add($"{label} below order {LargeOrder}");
        }
        return string.Join(", ", won);
    }

    private ILinearAlgebra For(LinearAlgebraRoutine routine, double order) =>
        order < SmallOrder ? Managed : _chosen[(int)routine, order < LargeOrder ? 0 : 1];

    // The order of a product: the cube root of its multiply-adds, so a flat product is sized by its work.
    private static double ProductOrder(int m, int n, int k) => Math.Cbrt((double)m * n * k);

    public void Multiply(ReadOnlySpan<double> a, bool transposeA, ReadOnlySpan<double> b, bool transposeB, Span<double> c, int m, int n, int k) =>
        For(LinearAlgebraRoutine.Multiply, ProductOrder(m, n, k)).Multiply(a, transposeA, b, transposeB, c, m, n, k);

    public void MultiplyNegated(ReadOnlySpan<double> a, bool transposeA, ReadOnlySpan<double> b, bool transposeB, Span<double> c, int m, int n, int k) =>
        For(LinearAlgebraRoutine.Multiply, ProductOrder(m, n, k)).MultiplyNegated(a, transposeA, b, transposeB, c, m, n, k);

    public void MultiplyAdd(ReadOnlySpan<double> a, bool transposeA, ReadOnlySpan<double> b, bool transposeB, Span<double> c, int m, int n, int k) =>
        For(LinearAlgebraRoutine.Multiply, ProductOrder(m, n, k)).MultiplyAdd(a, transposeA, b, transposeB, c, m, n, k);

    public void MultiplyBySymmetricSum(ReadOnlySpan<double> a, ReadOnlySpan<double> b, Span<double> c, int m, int n) =>
        For(LinearAlgebraRoutine.Multiply, ProductOrder(m, n, n)).MultiplyBySymmetricSum(a, b, c, m, n);

    public void MultiplyTransposedSymmetrized(ReadOnlySpan<double> a, ReadOnlySpan<double> b, Span<double> c, int m, int n) =>
        For(LinearAlgebraRoutine.Multiply, ProductOrder(n, n, m)).MultiplyTransposedSymmetrized(a, b, c, m, n);

    public void Gram(ReadOnlySpan<double> a, int rows, int cols, Span<double> c) =>
        For(LinearAlgebraRoutine.Gram, ProductOrder(cols, cols, rows)).Gram(a, rows, cols, c);

    // The Cholesky trailing update is a Gram matrix subtracted in place: it follows the Gram matrix's timing.
    public void SubtractGramLower(ReadOnlySpan<double> a, int rows, int cols, Span<double> c, int ldc) =>
        For(LinearAlgebraRoutine.Gram, ProductOrder(cols, cols, rows)).SubtractGramLower(a, rows, cols, c, ldc);

    public int LuFactor(Span<double> a, int n, Span<int> pivots) =>
        For(LinearAlgebraRoutine.LuFactor, n).LuFactor(a, n, pivots);

    public void LuInvert(ReadOnlySpan<double> lu, ReadOnlySpan<int> pivots, int n, Span<double> inverse) =>
        For(LinearAlgebraRoutine.LuInvert, n).LuInvert(lu, pivots, n, inverse);

    public void LuSolve(ReadOnlySpan<double> lu, ReadOnlySpan<int> pivots, int n, Span<double> b, int columns) =>
        For(LinearAlgebraRoutine.LuSolve, ProductOrder(n, n, columns)).LuSolve(lu, pivots, n, b, columns);

    public void LuSolveTransposed(ReadOnlySpan<double> lu, ReadOnlySpan<int> pivots, int n, Span<double> b, int columns) =>
        For(LinearAlgebraRoutine.LuSolve, ProductOrder(n, n, columns)).LuSolveTransposed(lu, pivots, n, b, columns);

    // A triangular solve is half an LU solve's work, of the same kind: it follows the LU solves' timing.
    public void SolveLower(ReadOnlySpan<double> l, int n, bool transposeL, Span<double> b, int columns) =>
        For(LinearAlgebraRoutine.LuSolve, ProductOrder(n, n, columns)).SolveLower(l, n, transposeL, b, columns);
}
