using System.Globalization;
using MathNet.Numerics.LinearAlgebra;

namespace Differentials.Verification;

/// <summary>
/// Explicit Jacobian matrices, built by probing a differential (one forward pass per input
/// coordinate gives the columns) or a backward map (one backward pass per output coordinate gives
/// the rows), the closed forms for the matrix inverse, and their comparison. Forming a Jacobian
/// costs n or m passes, so these are for small checks and for showing the identification theorem.
/// </summary>
public static class Jacobians
{
    /// <summary>The Jacobian from a differential: column j is df(x; eⱼ).</summary>
    /// <param name="differential">u ↦ df(x;u) at a fixed point.</param>
    /// <param name="inputLength">Length n of u (at least 1).</param>
    /// <returns>The m×n Jacobian, m being the differential's output length.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="differential"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="inputLength"/> is below 1.</exception>
    /// <exception cref="ArgumentException">The differential returns null, an empty vector, or vectors of differing lengths.</exception>
    public static Matrix<double> FromForward(Func<Vector<double>, Vector<double>> differential, int inputLength)
    {
        Checks.NotNull(differential, nameof(differential));
        Checks.AtLeastOne(inputLength, nameof(inputLength));
        Matrix<double>? jacobian = null;
        for (int j = 0; j < inputLength; j++)
        {
            Vector<double> e = Vector<double>.Build.Dense(inputLength);
            e[j] = 1;
            Vector<double>? column = differential(e);
            column = Checks.Returned(column, jacobian?.RowCount ?? NonEmpty(column, nameof(differential)),
                "the differential", nameof(differential));
            jacobian ??= Matrix<double>.Build.Dense(column.Count,
                Checks.Elements(column.Count, inputLength, "The Jacobian", nameof(inputLength)) / column.Count);
            jacobian.SetColumn(j, column);
        }
        return jacobian!;
    }

    /// <summary>The Jacobian from a backward map: row i is x̄ for ȳ = eᵢ, since x̄ᵀ = ȳᵀ·J.</summary>
    /// <param name="backward">ȳ ↦ x̄.</param>
    /// <param name="outputLength">Length m of ȳ (at least 1).</param>
    /// <returns>The m×n Jacobian, n being the backward map's output length.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="backward"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="outputLength"/> is below 1.</exception>
    /// <exception cref="ArgumentException">The backward map returns null, an empty vector, or vectors of differing lengths.</exception>
    public static Matrix<double> FromBackward(Func<Vector<double>, Vector<double>> backward, int outputLength)
    {
        Checks.NotNull(backward, nameof(backward));
        Checks.AtLeastOne(outputLength, nameof(outputLength));
        Matrix<double>? jacobian = null;
        for (int i = 0; i < outputLength; i++)
        {
            Vector<double> e = Vector<double>.Build.Dense(outputLength);
            e[i] = 1;
            Vector<double>? row = backward(e);
            row = Checks.Returned(row, jacobian?.ColumnCount ?? NonEmpty(row, nameof(backward)), "the backward map", nameof(backward));
            jacobian ??= Matrix<double>.Build.Dense(
                Checks.Elements(outputLength, row.Count, "The Jacobian", nameof(outputLength)) / row.Count, row.Count);
            jacobian.SetRow(i, row);
        }
        return jacobian!;
    }

    /// <summary>The Jacobian of a matrix function's differential, ∂flat(F)/∂flat(X), by forward probing.</summary>
    /// <param name="differential">U ↦ dF(X;U) at a fixed point X.</param>
    /// <param name="inputRows">Rows of U.</param>
    /// <param name="inputCols">Columns of U.</param>
    /// <param name="order">How both sides are flattened (column-major by default).</param>
    /// <returns>The (pq)×(mn) Jacobian for F: m×n → p×q.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="differential"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A size is below 1.</exception>
    /// <exception cref="ArgumentException">The differential returns null or matrices of differing shapes.</exception>
    public static Matrix<double> FromForward(
        Func<Matrix<double>, Matrix<double>> differential, int inputRows, int inputCols, Flattening order = Flattening.ColumnMajor)
    {
        Checks.NotNull(differential, nameof(differential));
        return FromForward(Vectorization.Flattened(differential, inputRows, inputCols, order),
            Checks.Elements(inputRows, inputCols, "The input U", nameof(inputRows)));
    }

    /// <summary>The Jacobian ∂flat(F)/∂flat(X) of a matrix function, by backward probing.</summary>
    /// <param name="backward">Ȳ ↦ X̄ at a fixed point X.</param>
    /// <param name="outputRows">Rows of Ȳ.</param>
    /// <param name="outputCols">Columns of Ȳ.</param>
    /// <param name="order">How both sides are flattened (column-major by default).</param>
    /// <returns>The (pq)×(mn) Jacobian for F: m×n → p×q.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="backward"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A size is below 1.</exception>
    /// <exception cref="ArgumentException">The backward map returns null or matrices of differing shapes.</exception>
    public static Matrix<double> FromBackward(
        Func<Matrix<double>, Matrix<double>> backward, int outputRows, int outputCols, Flattening order = Flattening.ColumnMajor)
    {
        Checks.NotNull(backward, nameof(backward));
        return FromBackward(Vectorization.Flattened(backward, outputRows, outputCols, order), outputRows * outputCols);
    }

    /// <summary>
    /// The Jacobian of f at x by finite differences: column j is Ridders' extrapolation of f along
    /// eⱼ (see <see cref="FiniteDifferences.Richardson(Func{Vector{double}, Vector{double}}, Vector{double}, Vector{double}, double?)"/>).
    /// Independent of any hand-written differential, so it checks the closed forms.
    /// </summary>
    /// <param name="f">The function.</param>
    /// <param name="x">The point (at least one entry).</param>
    /// <param name="initialStep">Ridders' initial step; by default 0.1·max(1, ‖x‖∞).</param>
    /// <returns>The m×n Jacobian estimate.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="initialStep"/> is not positive and finite.</exception>
    /// <exception cref="ArgumentException"><paramref name="x"/> is empty, or f returns null or vectors of differing lengths.</exception>
    public static Matrix<double> FromFiniteDifferences(Func<Vector<double>, Vector<double>> f, Vector<double> x, double? initialStep = null)
    {
        Checks.NotNull(f, nameof(f));
        Checks.NotNull(x, nameof(x));
        if (x.Count == 0)
            throw new ArgumentException("The point x is empty.", nameof(x));
        return FromForward(u => FiniteDifferences.Richardson(f, x, u, initialStep).Estimate, x.Count);
    }

    /// <summary>The Jacobian ∂flat(F)/∂flat(X) of a matrix function by finite differences (Ridders per column).</summary>
    /// <param name="f">The matrix function.</param>
    /// <param name="x">The point X.</param>
    /// <param name="order">How both sides are flattened (column-major by default).</param>
    /// <param name="initialStep">Ridders' initial step; by default 0.1·max(1, max|Xᵢⱼ|).</param>
    /// <returns>The (pq)×(mn) Jacobian estimate for F: m×n → p×q.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="initialStep"/> is not positive and finite.</exception>
    /// <exception cref="ArgumentException">F returns null or matrices of differing shapes.</exception>
    public static Matrix<double> FromFiniteDifferences(
        Func<Matrix<double>, Matrix<double>> f, Matrix<double> x, Flattening order = Flattening.ColumnMajor, double? initialStep = null)
    {
        Checks.NotNull(f, nameof(f));
        Checks.NotNull(x, nameof(x));
        return FromFiniteDifferences(Vectorization.Flattened(f, x.RowCount, x.ColumnCount, order), Vectorization.Flatten(x, order), initialStep);
    }

    /// <summary>The Kronecker product A ⊗ B: the block matrix whose (i, j) block is aᵢⱼ·B.</summary>
    /// <param name="a">The left factor.</param>
    /// <param name="b">The right factor.</param>
    /// <returns>A new (rows_a·rows_b)×(cols_a·cols_b) matrix.</returns>
    /// <exception cref="ArgumentNullException">A factor is null.</exception>
    public static Matrix<double> Kronecker(Matrix<double> a, Matrix<double> b) =>
        ProductRule.KroneckerUnchecked(Checks.NotNull(a, nameof(a)), Checks.NotNull(b, nameof(b)));

    /// <summary>
    /// The Jacobian of X ↦ X⁻¹ at Y = X⁻¹ with column-major vec: −(Yᵀ ⊗ Y), because
    /// dY = −Y·dX·Y and vec(AXB) = (Bᵀ ⊗ A)·vec X.
    /// </summary>
    /// <param name="y">The inverse Y (square).</param>
    /// <returns>The n²×n² Jacobian.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="y"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="y"/> is not square.</exception>
    public static Matrix<double> InverseColumnMajor(Matrix<double> y)
    {
        CheckSquare(y);
        return -Kronecker(y.Transpose(), y);
    }

    /// <summary>
    /// The Jacobian of X ↦ X⁻¹ at Y = X⁻¹ with row-major vec: −(Y ⊗ Yᵀ), because
    /// vec_r(AXB) = (A ⊗ Bᵀ)·vec_r X.
    /// </summary>
    /// <param name="y">The inverse Y (square).</param>
    /// <returns>The n²×n² Jacobian.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="y"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="y"/> is not square.</exception>
    public static Matrix<double> InverseRowMajor(Matrix<double> y)
    {
        CheckSquare(y);
        return -Kronecker(y, y.Transpose());
    }

    /// <summary>
    /// Compares two Jacobians (or any two matrices of one shape). Error: the relative Frobenius
    /// difference ‖A − B‖_F / max(‖A‖_F, ‖B‖_F) (0 when both are zero; NaN, which fails, when an entry is not
    /// finite), computed from the matrices scaled by their largest entry so that it holds at any magnitude; the result's name also
    /// gives the largest entry difference max|Aᵢⱼ − Bᵢⱼ|. Tolerance by default
    /// <see cref="Tolerances.ForConditioned"/>(κ, max(rows, cols)): each entry of a probed Jacobian
    /// is the result of sums of at most that many products.
    /// </summary>
    /// <param name="a">The first matrix.</param>
    /// <param name="b">The second matrix (same shape).</param>
    /// <param name="conditionNumber">Condition number amplifying the rounding of the entries (≥ 1; 1 by default).</param>
    /// <param name="name">What is being compared, for the result's name.</param>
    /// <returns>The comparison's result.</returns>
    /// <exception cref="ArgumentNullException">A matrix is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="conditionNumber"/> is below 1.</exception>
    /// <exception cref="ArgumentException">The shapes differ.</exception>
    public static VerificationResult Compare(Matrix<double> a, Matrix<double> b, double conditionNumber = 1.0, string? name = null)
    {
        Checks.NotNull(a, nameof(a));
        Checks.NotNull(b, nameof(b));
        Checks.SameShape(a, nameof(a), b, nameof(b));
        Checks.ConditionNumber(conditionNumber, nameof(conditionNumber));
        // Both matrices scaled by their largest entry s (‖A‖_F = s·‖A/s‖_F): the squares in the norms then neither
        // overflow (entries near 1e155) nor underflow (near 1e-170), and A/s − B/s cannot overflow either.
        double s = Math.Max(MaxAbs(a), MaxAbs(b));
        bool finite = double.IsFinite(s);
        Matrix<double> scaledA = finite && s > 0 ? a / s : a, scaledB = finite && s > 0 ? b / s : b;
        Matrix<double> difference = scaledA - scaledB;
        double error = !finite ? double.NaN
            : s == 0 ? 0
            : difference.FrobeniusNorm() / Math.Max(scaledA.FrobeniusNorm(), scaledB.FrobeniusNorm());
        // The largest entry difference is reported alongside, to locate a mismatch at a glance.
        string title = string.Create(CultureInfo.InvariantCulture,
            $"Jacobian comparison (relative Frobenius; largest entry difference {MaxAbs(difference) * (s > 0 && finite ? s : 1):E2})");
        return new VerificationResult(title + (name is null ? "" : ": " + name),
            error, Tolerances.ForConditioned(conditionNumber, Math.Max(a.RowCount, a.ColumnCount)));
    }

    private static double MaxAbs(Matrix<double> m) => m.Enumerate().Aggregate(0.0, (max, v) => double.IsNaN(v) ? double.NaN : Math.Max(max, Math.Abs(v)));

    /// <summary>The length of a first probe's result, which fixes the Jacobian's other dimension.</summary>
    private static int NonEmpty(Vector<double>? first, string paramName) => first switch
    {
        null => throw new ArgumentException("The first probe returned null.", paramName),
        { Count: 0 } => throw new ArgumentException("The first probe returned an empty vector.", paramName),
        _ => first.Count,
    };

    private static void CheckSquare(Matrix<double> y)
    {
        Checks.NotNull(y, nameof(y));
        if (y.RowCount != y.ColumnCount)
            throw new ArgumentException($"The inverse Y must be square, got {Checks.Shape(y)}.", nameof(y));
    }
}
