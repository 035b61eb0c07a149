using System.Globalization;
using Differentials.Numerics;
using Differentials.Verification;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Double;

namespace Differentials;

/// <summary>
/// The symmetric eigendecomposition X = V Λ Vᵀ: eigenvalues λ₁ ≤ … ≤ λₙ ascending, eigenvectors orthonormal in the
/// columns of V, with the differentials dλᵢ = vᵢᵀ dX vᵢ and dV = V (F ∘ (Vᵀ dX V)), Fᵢⱼ = 1/(λⱼ − λᵢ) for i ≠ j and
/// 0 on the diagonal, and the adjoint X̄ = V (diag(λ̄) + F ∘ (VᵀV̄)) Vᵀ, symmetrised.
/// <para>
/// Sign convention: an eigenvector is defined only up to sign, so each column of V is chosen with its entry of
/// largest magnitude positive (the first such entry on an exact tie). That rule is locally constant in X, so V is a
/// smooth function of X wherever the spectrum is simple (and the largest entry of each vector is unique), and dV
/// above is its derivative; the unit normalisation is kept to first order since F ∘ (VᵀdXV) is antisymmetric.
/// </para>
/// <para>
/// Symmetric inputs: X must be symmetric within rounding (‖X − Xᵀ‖_F ≤ 2nε‖X‖_F); the solver reads its lower
/// triangle. Perturbations dX are replaced by their symmetric part (dX + dXᵀ)/2, the only part along which a
/// symmetric matrix can move, and the adjoint is the symmetric G with ⟨G, dX⟩ = dE for every symmetric dX. That G
/// differs from the "unconstrained" gradient ∂E/∂Xᵢⱼ that treats Xᵢⱼ and Xⱼᵢ as one variable by a factor 2 off the
/// diagonal: ∂E/∂Xᵢⱼ = Gᵢⱼ + Gⱼᵢ = 2Gᵢⱼ for i ≠ j.
/// </para>
/// <para>
/// Near-degenerate spectra: the eigenvector part divides by the gaps λⱼ − λᵢ, and when a gap is at or below the
/// threshold <c>10·n·ε·‖X‖₂</c> (ε = 2⁻⁵², ‖X‖₂ = maxᵢ|λᵢ|, 10 the <see cref="Tolerances.SafetyFactor"/>) the
/// computed eigenvectors of that pair are determined only up to a rotation of their plane: the backward error
/// nε‖X‖₂ of any eigensolver is as large as the gap. <see cref="Differential"/> (which returns both parts) and
/// <see cref="Backward"/> with a <c>vectorsBar</c> then refuse with an <see cref="ArgumentException"/> naming the
/// smallest gap, the pair's indices and the threshold. Eigenvalues themselves are Lipschitz in X whatever the gaps,
/// so <see cref="Backward"/> with <c>vectorsBar</c> null (a loss of the eigenvalues alone) has no gap condition:
/// X̄ = V diag(λ̄) Vᵀ. <see cref="Forward"/> never refuses on gaps.
/// </para>
/// <para>The decomposition is the kernel's own (Householder tridiagonalisation and implicit QL,
/// <c>Numerics/Decompositions/SymmetricEigensolver.cs</c>); the products of the differential and adjoint go through
/// the linear-algebra backend.</para>
/// </summary>
public static class SymmetricEigen
{
    /// <summary>Computes the eigendecomposition X = V Λ Vᵀ of a symmetric matrix.</summary>
    /// <param name="x">A square, finite, symmetric matrix (symmetric within rounding; the lower triangle is used).</param>
    /// <returns>The eigenvalues ascending, and the orthonormal eigenvectors as the columns of a new matrix, each with its largest-magnitude entry positive.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="x"/> is empty, not square, not symmetric, or contains NaN or infinity.</exception>
    public static (Vector<double> Values, Matrix<double> Vectors) Forward(Matrix<double> x) => SymmetricEigenRule.Instance.Forward(x);

    /// <summary>
    /// The differential at X along the symmetric part of dX: dλᵢ = vᵢᵀ dX vᵢ and dV = V (F ∘ (Vᵀ dX V)) with
    /// Fᵢⱼ = 1/(λⱼ − λᵢ) (i ≠ j), 0 on the diagonal.
    /// </summary>
    /// <param name="x">The point X: square, finite, symmetric, with a simple spectrum (every gap above the threshold of the class remarks).</param>
    /// <param name="dx">The perturbation dX, the shape of <paramref name="x"/>; its symmetric part is used.</param>
    /// <returns>The tuple (dΛ, dV).</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">An argument is empty or not finite, <paramref name="x"/> is not square or not symmetric, the shapes differ, the result overflows, or two eigenvalues are closer than the gap threshold (the message names the smallest gap, its indices and the threshold).</exception>
    public static (Vector<double> Values, Matrix<double> Vectors) Differential(Matrix<double> x, Matrix<double> dx) =>
        SymmetricEigenRule.Instance.Differential(x, dx);

    /// <summary>
    /// The adjoint: the symmetric gradient X̄ = V (diag(λ̄) + F ∘ (VᵀV̄)) Vᵀ, symmetrised, given λ̄ = ∇_Λ E and
    /// V̄ = ∇_V E; it is the G with ⟨G, dX⟩ = ⟨λ̄, dΛ⟩ + ⟨V̄, dV⟩ for every symmetric dX. With
    /// <paramref name="vectorsBar"/> null the loss depends on the eigenvalues alone and X̄ = V diag(λ̄) Vᵀ, with no
    /// gap condition (it holds at repeated eigenvalues too).
    /// </summary>
    /// <param name="x">The point X: square, finite, symmetric.</param>
    /// <param name="valuesBar">λ̄, of length n.</param>
    /// <param name="vectorsBar">V̄, n×n, or null when the loss does not depend on the eigenvectors.</param>
    /// <returns>X̄, a new symmetric n×n matrix.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> or <paramref name="valuesBar"/> is null.</exception>
    /// <exception cref="ArgumentException">An argument is empty or not finite, <paramref name="x"/> is not square or not symmetric, <paramref name="valuesBar"/> is not of length n, <paramref name="vectorsBar"/> is not n×n, the result overflows, or (with <paramref name="vectorsBar"/> given) two eigenvalues are closer than the gap threshold.</exception>
    public static Matrix<double> Backward(Matrix<double> x, Vector<double> valuesBar, Matrix<double>? vectorsBar) =>
        SymmetricEigenRule.Instance.Backward(x, (valuesBar, vectorsBar!));

    /// <summary>
    /// Decomposes X once and returns (Λ, V) with closures dX ↦ (dΛ, dV) and (λ̄, V̄) ↦ X̄ that reuse the decomposition.
    /// The pullback accepts a tuple whose <c>Vectors</c> part is null for an eigenvalue-only loss; the differential and a
    /// pullback with V̄ refuse, at call time, when the spectrum is near-degenerate (see the class remarks).
    /// </summary>
    /// <param name="x">The point X: square, finite, symmetric.</param>
    /// <returns>The value (Λ, V) with its differential and adjoint at X.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="x"/> is empty, not square, not symmetric, or contains NaN or infinity.</exception>
    public static Linearization<Matrix<double>, (Vector<double> Values, Matrix<double> Vectors)> Linearize(Matrix<double> x) =>
        SymmetricEigenRule.Instance.Linearize(x);
}

/// <summary>The rule: one decomposition, then dΛ, dV and X̄ side by side, all reading the one (λ, V).</summary>
internal sealed class SymmetricEigenRule : Rule<Matrix<double>, (Vector<double> Values, Matrix<double> Vectors)>
{
    public static readonly SymmetricEigenRule Instance = new();

    public override string Name => "SymmetricEigen";

    public override void CheckPoint(Matrix<double> x)
    {
        Checks.SquareFinite(x, "x");
        Checks.Symmetric(x, "x", "SymmetricEigen");
    }

    public override void CheckTangent(Matrix<double> x, Matrix<double> dx) => Checks.LikeX(dx, "dx", x);

    public override void CheckCotangent(Matrix<double> x, (Vector<double> Values, Matrix<double> Vectors) yBar)
    {
        int n = x.RowCount;
        Checks.Like(yBar.Values, "valuesBar", n, "the number of eigenvalues of x, n =");
        if (yBar.Vectors is not null)
            Checks.Like(yBar.Vectors, "vectorsBar", n, n, "the shape of V for x", n, n);
    }

    public override RulePoint<Matrix<double>, (Vector<double> Values, Matrix<double> Vectors)> At(Matrix<double> x, bool retained)
    {
        int n = x.RowCount;
        var values = DenseColumnMajor.UnwrittenVector(n);
        var vectors = DenseColumnMajor.UnwrittenMatrix(n, n);
        SymmetricEigensolver.Decompose(DenseColumnMajor.Values(x), n, values.Values, vectors.Values);
        double[] lambda = values.Values;
        return new(
            () => retained ? (DenseVector.OfVector(values), DenseMatrix.OfMatrix(vectors)) : (values, vectors),
            dx =>
            {
                RequireGaps(lambda, n, "SymmetricEigen.Differential");
                // W = Vᵀ sym(dX) V = sym(Vᵀ dX V): symmetrising after the products costs one pass instead of a copy of dX.
                var w = DenseColumnMajor.Multiply(DenseColumnMajor.Multiply(vectors, true, dx, false), false, vectors, false);
                double[] a = w.Values;
                var dLambda = DenseColumnMajor.UnwrittenVector(n);
                for (int i = 0; i < n; i++) dLambda.Values[i] = a[i + i * n];
                for (int j = 0; j < n; j++)
                {
                    a[j + j * n] = 0;
                    for (int i = j + 1; i < n; i++)
                    {
                        double s = 0.5 * (a[i + j * n] + a[j + i * n]);
                        a[i + j * n] = s / (lambda[j] - lambda[i]); // Fᵢⱼ Wᵢⱼ
                        a[j + i * n] = s / (lambda[i] - lambda[j]); // Fⱼᵢ Wⱼᵢ
                    }
                }
                return (dLambda, DenseColumnMajor.Multiply(vectors, false, w, false));
            },
            yBar =>
            {
                // M = diag(λ̄) + F ∘ (VᵀV̄), symmetrised before the outer products: V sym(M) Vᵀ = sym(V M Vᵀ).
                DenseMatrix m;
                if (yBar.Vectors is null)
                {
                    m = new DenseMatrix(n, n);
                }
                else
                {
                    RequireGaps(lambda, n, "SymmetricEigen.Backward");
                    m = DenseColumnMajor.Multiply(vectors, true, yBar.Vectors, false);
                    double[] a = m.Values;
                    for (int j = 0; j < n; j++)
                    {
                        for (int i = j + 1; i < n; i++)
                        {
                            // Fᵢⱼ = 1/(λⱼ − λᵢ) = −Fⱼᵢ, so sym(F ∘ A)ᵢⱼ = (Aᵢⱼ − Aⱼᵢ) / (2(λⱼ − λᵢ)).
                            double s = 0.5 * (a[i + j * n] - a[j + i * n]) / (lambda[j] - lambda[i]);
                            a[i + j * n] = s;
                            a[j + i * n] = s;
                        }
                    }
                }
                for (int i = 0; i < n; i++) m.Values[i + i * n] = yBar.Values[i];
                var g = DenseColumnMajor.Multiply(DenseColumnMajor.Multiply(vectors, false, m, false), false, vectors, true);
                MakeSymmetric(g.Values, n);
                return g;
            });
    }

    /// <summary>
    /// The gap threshold 10·n·ε·‖X‖₂ (‖X‖₂ = max|λ|) below which an eigenvector pair is not determined by X to
    /// working precision: a backward-stable eigensolver's error nε‖X‖₂ rotates the pair's plane by O(nε‖X‖₂/gap).
    /// </summary>
    internal static double GapThreshold(ReadOnlySpan<double> lambda, int n)
    {
        double norm = Math.Max(Math.Abs(lambda[0]), Math.Abs(lambda[n - 1]));
        return Tolerances.SafetyFactor * n * Tolerances.Epsilon * norm;
    }

    /// <summary>Refuses a spectrum whose smallest adjacent gap (the eigenvalues are sorted) is at or below <see cref="GapThreshold"/>.</summary>
    internal static void RequireGaps(ReadOnlySpan<double> lambda, int n, string operation)
    {
        if (n < 2) return;
        int smallest = 0;
        for (int i = 1; i < n - 1; i++)
            if (lambda[i + 1] - lambda[i] < lambda[smallest + 1] - lambda[smallest]) smallest = i;
        double gap = lambda[smallest + 1] - lambda[smallest];
        double threshold = GapThreshold(lambda, n);
        if (!(gap > threshold)) ThrowDegenerate(operation, smallest, gap, threshold, n);
    }

    private static void ThrowDegenerate(string operation, int i, double gap, double threshold, int n) =>
        throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
            $"{operation}: the eigenvector part divides by eigenvalue gaps, but the smallest gap λ[{i + 1}] − λ[{i}] = {gap:G3} (between eigenvalues {i} and {i + 1} of x, {Checks.Shape(n, n)}) is at or below the threshold 10·n·ε·‖x‖₂ = {threshold:G3}, where the eigenvectors are not determined by x. A loss of the eigenvalues alone needs no gap: call Backward with vectorsBar null."),
            "x");

    /// <summary>Averages each pair (i, j), (j, i) so that the returned gradient is exactly symmetric.</summary>
    private static void MakeSymmetric(double[] a, int n)
    {
        for (int j = 0; j < n; j++)
            for (int i = j + 1; i < n; i++)
            {
                double s = 0.5 * (a[i + j * n] + a[j + i * n]);
                a[i + j * n] = s;
                a[j + i * n] = s;
            }
    }
}
