using System.Globalization;
using System.Runtime.CompilerServices;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Double;

namespace Differentials;

/// <summary>
/// The one argument-checking module of the kernel, called at the public boundary only (operators, rules,
/// layers, verification tools; internal code trusts what the boundary checked). One exception policy:
/// <list type="bullet">
/// <item>a null argument: <see cref="ArgumentNullException"/>;</item>
/// <item>a count, dimension or order below 1, a step or scale that is not positive and finite, a condition
/// number below 1: <see cref="ArgumentOutOfRangeException"/> (an <see cref="ArgumentException"/>), naming the value;</item>
/// <item>everything else (an empty or wrongly shaped matrix or vector, NaN or ±∞, a size whose element count
/// exceeds what one array can hold, a destination span overlapping an input): <see cref="ArgumentException"/>
/// naming the problem, the argument and the shapes.</item>
/// </list>
/// Every check is a comparison on the success path; messages are formatted only when a check fails, in
/// the non-inlined <c>Throw…</c> helpers below.
/// </summary>
internal static partial class Checks
{
    /// <summary>The most elements one array may hold (<see cref="Array.MaxLength"/>): the limit every size is checked against.</summary>
    public static readonly long MaxElements = Array.MaxLength;

    // ---- shapes as every message writes them ----

    /// <summary>"m×n", the way every message writes a matrix shape.</summary>
    public static string Shape(Matrix<double> m) => Shape(m.RowCount, m.ColumnCount);

    /// <summary>"m×n" from the two dimensions.</summary>
    public static string Shape(long rows, long columns) =>
        string.Create(CultureInfo.InvariantCulture, $"{rows}×{columns}");

    /// <summary>"length n", the way every message writes a vector shape.</summary>
    public static string Shape(Vector<double> v) =>
        string.Create(CultureInfo.InvariantCulture, $"length {v.Count}");

    // ---- null, counts, steps ----

    /// <summary>Returns <paramref name="value"/>, or throws <see cref="ArgumentNullException"/> naming it.</summary>
    public static T NotNull<T>(T? value, string name) where T : class =>
        value ?? throw new ArgumentNullException(name, $"{name} must not be null.");

    /// <summary>Rejects a count, dimension or order below 1.</summary>
    public static void AtLeastOne(int value, string name)
    {
        if (value < 1) ThrowBelowOne(value, name);
    }

    /// <summary>Rejects a step or scale that is not positive and finite.</summary>
    public static void PositiveFinite(double value, string name)
    {
        if (!(value > 0) || double.IsInfinity(value)) ThrowNotPositive(value, name);
    }

    /// <summary>Rejects a condition number that is below 1, infinite or NaN.</summary>
    public static void ConditionNumber(double kappa, string name)
    {
        if (!(kappa >= 1) || double.IsInfinity(kappa))
            throw new ArgumentOutOfRangeException(name, kappa,
                FormattableString.Invariant($"{name} (a condition number) must be finite and at least 1, got {kappa}."));
    }

    // ---- sizes, in long, before anything is allocated ----

    /// <summary>
    /// Returns rows·columns as an int, or rejects a size whose element count exceeds <see cref="MaxElements"/>,
    /// naming the size and the limit. <paramref name="what"/> names the array, e.g. "the Gram matrix XᵀX".
    /// </summary>
    public static int Elements(long rows, long columns, string what, string name)
    {
        // Each factor is at most about 2³¹ here or already too large, so the product cannot wrap around in long.
        if (rows > MaxElements || columns > MaxElements || rows * columns > MaxElements)
            ThrowTooLarge(Shape(rows, columns), (decimal)rows * columns, what, name);
        return (int)(rows * columns);
    }

    /// <summary>Returns a length as an int, or rejects one above <see cref="MaxElements"/>, naming it and the limit.</summary>
    public static int Length(long length, string what, string name)
    {
        if (length > MaxElements || length < 0)
            ThrowTooLarge(string.Create(CultureInfo.InvariantCulture, $"length {length}"), length, what, name);
        return (int)length;
    }

    // ---- matrices and vectors ----

    /// <summary>Rejects null, empty (0×n or m×0) and non-finite matrices.</summary>
    public static void NonEmptyFinite(Matrix<double>? m, string name)
    {
        ArgumentNullException.ThrowIfNull(m, name);
        if (m.RowCount == 0 || m.ColumnCount == 0) ThrowEmpty(m, name);
        Finite(m, name);
    }

    /// <summary>Rejects null, empty and non-finite vectors.</summary>
    public static void NonEmptyFinite(Vector<double>? v, string name)
    {
        ArgumentNullException.ThrowIfNull(v, name);
        if (v.Count == 0)
            throw new ArgumentException($"{name} is empty (length 0); at least one element is needed.", name);
        Finite(v, name);
    }

    /// <summary>Rejects a matrix holding NaN or ±∞: LU and products would silently propagate them.</summary>
    public static void Finite(Matrix<double> m, string name)
    {
        // Dense storage is scanned in one vectorised pass; the indexer (a virtual call per element) would cost as
        // much as a tenth of the inverse's pullback. The element-wise loop runs only to name the first bad entry.
        if (m is DenseMatrix dense && DenseColumnMajor.AllFinite(dense.Values)) return;
        for (int j = 0; j < m.ColumnCount; j++)
            for (int i = 0; i < m.RowCount; i++)
                if (!double.IsFinite(m.At(i, j))) ThrowNotFinite(name, Shape(m), $"[{i}, {j}]");
    }

    /// <summary>Rejects a vector holding NaN or ±∞.</summary>
    public static void Finite(Vector<double> v, string name)
    {
        if (v is DenseVector dense && DenseColumnMajor.AllFinite(dense.Values)) return;
        for (int i = 0; i < v.Count; i++)
            if (!double.IsFinite(v.At(i))) ThrowNotFinite(name, Shape(v), $"[{i}]");
    }

    /// <summary>Rejects a scalar argument (an output gradient of a scalar function, say) that is NaN or ±∞.</summary>
    public static void Finite(double value, string name)
    {
        if (!double.IsFinite(value))
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"{name} is {value}; a finite number is needed."), name);
    }

    /// <summary>Rejects a column-major rows×columns span holding NaN or ±∞ (columns 1 for a signal).</summary>
    public static void Finite(ReadOnlySpan<double> values, string name, int rows, int columns)
    {
        if (DenseColumnMajor.AllFinite(values)) return;
        for (int k = 0; k < values.Length; k++)
        {
            if (double.IsFinite(values[k])) continue;
            if (columns == 1) ThrowNotFinite(name, $"length {values.Length}", $"[{k}]");
            ThrowNotFinite(name, Shape(rows, columns), $"[{k % rows}, {k / rows}]");
        }
    }

    /// <summary>Checks a matrix point that must be square: not null, not empty, finite, square.</summary>
    public static void SquareFinite(Matrix<double>? x, string name)
    {
        NonEmptyFinite(x, name);
        Square(x!, name);
    }

    /// <summary>
    /// Rejects a square matrix that is not symmetric within rounding: ‖X − Xᵀ‖_F ≤ 2nε‖X‖_F, the error a
    /// product like BBᵀ or a sum of n-term inner products leaves in the two triangles. Operators that require
    /// symmetry (Cholesky, the symmetric eigendecomposition) call it after <see cref="SquareFinite"/>; the
    /// message says "symmetric" and gives the measured asymmetry against the tolerance.
    /// </summary>
    public static void Symmetric(Matrix<double> x, string name, string operation)
    {
        int n = x.RowCount;
        var (asymmetrySquared, normSquared) = Numerics.Norms.Asymmetry(DenseColumnMajor.Values(x), n);
        double asymmetry = Math.Sqrt(asymmetrySquared);
        double tolerance = 2.0 * n * Verification.Tolerances.Epsilon * Math.Sqrt(normSquared);
        if (!(asymmetry <= tolerance)) ThrowNotSymmetric(name, operation, n, asymmetry, tolerance);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowNotSymmetric(string name, string operation, int n, double asymmetry, double tolerance) =>
        throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
            $"{operation} needs a symmetric {name}, but {name} ({Shape(n, n)}) has ‖{name} − {name}ᵀ‖_F = {asymmetry:G3}, above the rounding tolerance 2nε‖{name}‖_F = {tolerance:G3}."), name);

    /// <summary>Checks a perturbation of the point x: not null, finite, x's shape ("… (the shape of x, m×n)").</summary>
    public static void LikeX(Matrix<double>? other, string name, Matrix<double> x) =>
        Like(other, name, x.RowCount, x.ColumnCount, "the shape of x,", x.RowCount, x.ColumnCount);

    /// <summary>Rejects a matrix that is not square.</summary>
    public static void Square(Matrix<double> m, string name)
    {
        if (m.RowCount != m.ColumnCount) throw new ArgumentException($"{name} must be square but is {Shape(m)}.", name);
    }

    /// <summary>
    /// Rejects <paramref name="other"/> unless it is exactly rows×columns. The message reads
    /// "dx is 3×2 but must be 3×3 (<paramref name="what"/> <paramref name="ofRows"/>×<paramref name="ofColumns"/>)",
    /// e.g. what = "the shape of x," with x's shape.
    /// </summary>
    public static void HasShape(Matrix<double> other, string name, int rows, int columns, string what, int ofRows, int ofColumns)
    {
        if (other.RowCount != rows || other.ColumnCount != columns)
            throw new ArgumentException(
                $"{name} is {Shape(other)} but must be {Shape(rows, columns)} ({what} {Shape(ofRows, ofColumns)}).", name);
    }

    /// <summary>Checks a perturbation or output gradient: not null, finite, and rows×columns.</summary>
    public static void Like(Matrix<double>? other, string name, int rows, int columns, string what, int ofRows, int ofColumns)
    {
        NonEmptyFinite(other, name);
        HasShape(other!, name, rows, columns, what, ofRows, ofColumns);
    }

    /// <summary>Rejects <paramref name="other"/> unless its length is <paramref name="length"/>: "(<paramref name="what"/> n)".</summary>
    public static void HasLength(Vector<double> other, string name, int length, string what)
    {
        if (other.Count != length)
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"{name} has length {other.Count} but must have length {length} ({what} {length})."), name);
    }

    /// <summary>Checks a vector argument: not null, finite, and of length n.</summary>
    public static void Like(Vector<double>? other, string name, int length, string what)
    {
        NonEmptyFinite(other, name);
        HasLength(other!, name, length, what);
    }

    /// <summary>Rejects two vectors of different lengths (the verification tools' form: both names in the message).</summary>
    public static void SameLength(Vector<double> a, string aName, Vector<double> b, string bName)
    {
        if (a.Count != b.Count)
            throw new ArgumentException($"{aName} has length {a.Count} but {bName} has length {b.Count}; they must match.", bName);
    }

    /// <summary>Rejects two matrices of different shapes (the verification tools' form: both names in the message).</summary>
    public static void SameShape(Matrix<double> a, string aName, Matrix<double> b, string bName)
    {
        if (a.RowCount != b.RowCount || a.ColumnCount != b.ColumnCount)
            throw new ArgumentException($"{aName} is {Shape(a)} but {bName} is {Shape(b)}; they must have the same shape.", bName);
    }

    // ---- layers ----

    /// <summary>Checks a layer's vector argument: not null, of the layer's length, finite. The message names the layer.</summary>
    public static void LayerVector(ILayer layer, Vector<double>? v, string name, int expected, string what)
    {
        ArgumentNullException.ThrowIfNull(v, name);
        if (v.Count != expected)
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"{name} has length {v.Count} but must have length {expected} (the {what} of layer '{layer.Name}')."), name);
        Finite(v, name);
    }

    // ---- spans ----

    /// <summary>
    /// Rejects a destination that overlaps an input: the span forms that read their input after writing part
    /// of the result (all of them: an LU factorisation, a product, transforms) cannot run in place.
    /// </summary>
    public static void NoOverlap(ReadOnlySpan<double> input, string inputName, ReadOnlySpan<double> destination, string destinationName)
    {
        if (input.Overlaps(destination))
            throw new ArgumentException(
                $"{destinationName} overlaps {inputName}; this operation cannot run in place, so give it a separate buffer.", destinationName);
    }

    // ---- what a user's function returned (verification tools) ----

    /// <summary>Checks a vector a user function returned: not null and of the expected length.</summary>
    public static Vector<double> Returned(Vector<double>? value, int expected, string function, string paramName)
    {
        if (value is null) throw new ArgumentException($"{function} returned null.", paramName);
        if (value.Count != expected)
            throw new ArgumentException($"{function} returned a vector of length {value.Count}, expected length {expected}.", paramName);
        return value;
    }

    /// <summary>Checks a matrix a user function returned: not null and of the expected shape.</summary>
    public static Matrix<double> Returned(Matrix<double>? value, int rows, int cols, string function, string paramName)
    {
        if (value is null) throw new ArgumentException($"{function} returned null.", paramName);
        if (value.RowCount != rows || value.ColumnCount != cols)
            throw new ArgumentException($"{function} returned a {Shape(value)} matrix, expected {Shape(rows, cols)}.", paramName);
        return value;
    }

    /// <summary>Checks a matrix a user function returned: not null.</summary>
    public static Matrix<double> ReturnedAny(Matrix<double>? value, string function, string paramName) =>
        value ?? throw new ArgumentException($"{function} returned null.", paramName);

    // ---- results ----

    /// <summary>
    /// Returns a rule's result, or rejects one holding NaN or ±∞: the arguments were checked finite, so a
    /// non-finite entry means the result overflowed the double range (or an intermediate did), and a silent
    /// NaN or ∞ would pass downstream. Knows matrices, vectors, scalars and tuples of them.
    /// </summary>
    public static T Result<T>(T value, string operation)
    {
        if (!AllFinite(value)) ThrowOverflow(operation);
        return value;
    }

    /// <summary>The span forms' <see cref="Result{T}(T, string)"/>: rejects a written result holding NaN or ±∞.</summary>
    public static void Result(ReadOnlySpan<double> written, string operation)
    {
        if (!DenseColumnMajor.AllFinite(written)) ThrowOverflow(operation);
    }

    private static bool AllFinite(object? value) => value switch
    {
        DenseMatrix m => DenseColumnMajor.AllFinite(m.Values),
        Matrix<double> m => m.Enumerate().All(double.IsFinite),
        DenseVector v => DenseColumnMajor.AllFinite(v.Values),
        Vector<double> v => v.Enumerate().All(double.IsFinite),
        double d => double.IsFinite(d),
        ITuple t => Enumerable.Range(0, t.Length).All(i => AllFinite(t[i])),
        _ => true,
    };

    // ---- failure paths: the only places messages are formatted ----

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowBelowOne(int value, string name) =>
        throw new ArgumentOutOfRangeException(name, value,
            string.Create(CultureInfo.InvariantCulture, $"{name} must be at least 1, got {value}."));

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowNotPositive(double value, string name) =>
        throw new ArgumentOutOfRangeException(name, value,
            string.Create(CultureInfo.InvariantCulture, $"{name} must be positive and finite, got {value}."));

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowTooLarge(string size, decimal count, string what, string name) =>
        throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
            $"{what} would be {size} = {count:N0} elements, more than the limit of {MaxElements:N0} elements one array can hold."), name);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowOverflow(string operation) =>
        throw new ArgumentException(
            $"{operation}: the result overflows the double range (it would hold NaN or infinity although every argument is finite); scale the arguments down.");

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowEmpty(Matrix<double> m, string name) =>
        throw new ArgumentException($"{name} is empty ({Shape(m)}); at least one row and one column are needed.", name);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowNotFinite(string name, string shape, string at) =>
        throw new ArgumentException($"{name} ({shape}) contains NaN or infinity (first at {at}).", name);
}
