using System.Globalization;
using Differentials.Numerics;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Double;

namespace Differentials;

/// <summary>
/// The Cholesky factor L of a symmetric positive definite X: L lower triangular with a positive diagonal and
/// LLᵀ = X. Its differential is dL = L·Φ(L⁻¹ dX L⁻ᵀ) and its adjoint X̄ = ½(G + Gᵀ) with
/// G = L⁻ᵀ Φ(LᵀL̄) L⁻¹, where Φ keeps the strictly lower triangle and half the diagonal.
/// <para>
/// Symmetry. X must be symmetric to within rounding (‖X − Xᵀ‖_F ≤ 2nε‖X‖_F); within that, the factor is
/// computed from the symmetric part ½(X + Xᵀ), so the map is exactly X ↦ chol(½(X + Xᵀ)) and its derivative is
/// defined for every dX. A perturbation dX is therefore replaced by its symmetric part (a non-symmetric one is
/// accepted, not refused), and the adjoint is the symmetric gradient: the X̄ = X̄ᵀ with ⟨X̄, dX⟩ = ⟨L̄, dL⟩ for
/// every dX, symmetric or not, which is what PyTorch and JAX return. The "unconstrained" gradient that treats
/// x_ij and x_ji as unrelated is not unique for a symmetric input; mixing it with this one doubles or halves
/// the off-diagonal entries.
/// </para>
/// <para>
/// The output gradient. L's upper triangle is identically zero, so dL has none and only L̄'s lower triangle
/// (diagonal included) affects X̄: the adjoint reads L̄ through LᵀL̄'s lower triangle, which involves L̄'s lower
/// triangle alone, and the upper triangle of L̄ is ignored exactly, not rounded away.
/// </para>
/// <para>Failures: a non-square, non-symmetric, empty, or non-finite X is refused with an
/// <see cref="ArgumentException"/>; so is one that is not positive definite, the message naming the first pivot
/// of the factorisation that is not positive and its value. A result that overflows is refused as every
/// operator's is.</para>
/// </summary>
public static class Cholesky
{
    /// <summary>Computes the lower triangular L with a positive diagonal and LLᵀ = X (blocked, through the active backend's products).</summary>
    /// <param name="x">A square, finite, symmetric (to within rounding) positive definite matrix; its symmetric part is factored.</param>
    /// <returns>L, a new dense matrix with exact zeros above the diagonal.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="x"/> is empty, not square, not finite, not symmetric, or not positive definite.</exception>
    public static Matrix<double> Forward(Matrix<double> x) => CholeskyRule.Instance.Forward(x);

    /// <summary>The differential dL = L·Φ(L⁻¹ dX L⁻ᵀ), Φ keeping the strictly lower triangle and half the diagonal.</summary>
    /// <param name="x">The point X, as for <see cref="Forward"/>.</param>
    /// <param name="dx">The perturbation dX, the shape of <paramref name="x"/>; its symmetric part ½(dX + dXᵀ) is used.</param>
    /// <returns>dL, lower triangular.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">An argument is empty or not finite, the shapes differ, <paramref name="x"/> is not square, symmetric and positive definite, or the result overflows.</exception>
    public static Matrix<double> Differential(Matrix<double> x, Matrix<double> dx) => CholeskyRule.Instance.Differential(x, dx);

    /// <summary>
    /// The symmetric gradient X̄ = ½(G + Gᵀ), G = L⁻ᵀ Φ(LᵀL̄) L⁻¹: the symmetric matrix with ⟨X̄, dX⟩ = ⟨L̄, dL⟩ for every dX.
    /// </summary>
    /// <param name="x">The point X, as for <see cref="Forward"/>.</param>
    /// <param name="lBar">The output gradient L̄, the shape of <paramref name="x"/>; its upper triangle is ignored.</param>
    /// <returns>X̄, symmetric.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">An argument is empty or not finite, the shapes differ, <paramref name="x"/> is not square, symmetric and positive definite, or the result overflows.</exception>
    public static Matrix<double> Backward(Matrix<double> x, Matrix<double> lBar) => CholeskyRule.Instance.Backward(x, lBar);

    /// <summary>Factors X once and returns L with the differential and the adjoint, both reusing the factor.</summary>
    /// <param name="x">The point X, as for <see cref="Forward"/>.</param>
    /// <returns>L with dX ↦ dL and L̄ ↦ X̄ at X.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="x"/> is empty, not square, not finite, not symmetric, or not positive definite.</exception>
    public static Linearization<Matrix<double>, Matrix<double>> Linearize(Matrix<double> x) => CholeskyRule.Instance.Linearize(x);
}

/// <summary>The rule: one blocked factorisation, then dL and X̄ each by two blocked triangular solves and one product.</summary>
internal sealed class CholeskyRule : Rule<Matrix<double>, Matrix<double>>
{
    public static readonly CholeskyRule Instance = new();

    public override string Name => "Cholesky";

    public override void CheckPoint(Matrix<double> x)
    {
        Checks.SquareFinite(x, "x");
        Checks.Symmetric(x, "x", "Cholesky");
    }

    public override void CheckTangent(Matrix<double> x, Matrix<double> dx) => Checks.LikeX(dx, "dx", x);

    public override void CheckCotangent(Matrix<double> x, Matrix<double> lBar) =>
        Checks.Like(lBar, "lBar", x.RowCount, x.ColumnCount, "the shape of L = chol(x),", x.RowCount, x.ColumnCount);

    public override RulePoint<Matrix<double>, Matrix<double>> At(Matrix<double> x, bool retained)
    {
        int n = x.RowCount;
        DenseMatrix l = Factor(x, "x"); // the rule's own storage; the closures only read it
        return new(
            () => retained ? DenseMatrix.OfMatrix(l) : l,
            dx => Differential(l.Values, n, dx),
            lBar => Adjoint(l, n, lBar));
    }

    /// <summary>L of ½(X + Xᵀ): the symmetric part's lower triangle is written, then factored in place.</summary>
    internal static DenseMatrix Factor(Matrix<double> x, string paramName)
    {
        int n = x.RowCount;
        double[] xv = DenseColumnMajor.Values(x);
        var l = DenseColumnMajor.UnwrittenMatrix(n, n);
        double[] a = l.Values;
        for (int j = 0; j < n; j++)
            for (int i = j; i < n; i++) a[i + j * n] = 0.5 * (xv[i + j * n] + xv[j + i * n]);
        int failed = BlockedCholesky.Factor(a, n, out double pivot);
        if (failed >= 0)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"Cholesky needs a positive definite {paramName}, but {paramName} ({n}×{n}) is not positive definite: pivot {failed} (0-based) of its factorisation is {pivot:G6}, not positive."),
                paramName);
        }
        return l;
    }

    /// <summary>dL = L·Φ(S) with S = L⁻¹ dXₛ L⁻ᵀ, dXₛ = ½(dX + dXᵀ): S as L⁻¹(L⁻¹dXₛ)ᵀ, since dXₛ is symmetric.</summary>
    private static Matrix<double> Differential(double[] l, int n, Matrix<double> dx)
    {
        double[] d = DenseColumnMajor.Values(dx);
        double[] w = GC.AllocateUninitializedArray<double>(n * n);
        for (int j = 0; j < n; j++)
            for (int i = 0; i < n; i++) w[i + j * n] = 0.5 * (d[i + j * n] + d[j + i * n]);
        Backend.LinearAlgebra.SolveLower(l, n, false, w, n);   // W = L⁻¹ dXₛ
        double[] s = Transposed(w, n);                      // Wᵀ = dXₛ L⁻ᵀ
        Backend.LinearAlgebra.SolveLower(l, n, false, s, n);   // S = L⁻¹ dXₛ L⁻ᵀ
        PhiOfSymmetricPart(s, n);
        var dl = DenseColumnMajor.UnwrittenMatrix(n, n);
        Backend.LinearAlgebra.Multiply(l, false, s, false, dl.Values, n, n, n);
        ClearUpper(dl.Values, n);                           // the product of two lower triangles: its upper part is exactly zero anyway
        return dl;
    }

    /// <summary>X̄ = ½(G + Gᵀ) with G = L⁻ᵀ Φ(LᵀL̄) L⁻¹, formed as Gᵀ = L⁻ᵀ(L⁻ᵀ Φ(LᵀL̄))ᵀ by two solves with Lᵀ.</summary>
    private static Matrix<double> Adjoint(DenseMatrix l, int n, Matrix<double> lBar)
    {
        double[] p = GC.AllocateUninitializedArray<double>(n * n);
        Backend.LinearAlgebra.Multiply(l.Values, true, DenseColumnMajor.Values(lBar), false, p, n, n, n); // P = LᵀL̄
        Phi(p, n);
        Backend.LinearAlgebra.SolveLower(l.Values, n, true, p, n);   // Y = L⁻ᵀ Φ(P)
        double[] z = Transposed(p, n);
        Backend.LinearAlgebra.SolveLower(l.Values, n, true, z, n);   // Z = L⁻ᵀ Yᵀ = Gᵀ
        var xBar = DenseColumnMajor.UnwrittenMatrix(n, n);
        double[] g = xBar.Values;
        for (int j = 0; j < n; j++)
            for (int i = j; i < n; i++)
            {
                double v = 0.5 * (z[i + j * n] + z[j + i * n]);
                g[i + j * n] = v;
                g[j + i * n] = v;
            }
        return xBar;
    }

    private static double[] Transposed(double[] a, int n)
    {
        double[] t = GC.AllocateUninitializedArray<double>(n * n);
        VectorOps.Transpose(a, t, n);
        return t;
    }

    /// <summary>Φ in place: zero the strict upper triangle, halve the diagonal.</summary>
    private static void Phi(double[] a, int n)
    {
        ClearUpper(a, n);
        for (int i = 0; i < n; i++) a[i + i * n] *= 0.5;
    }

    /// <summary>Φ of ½(S + Sᵀ) in place: S is symmetric in exact arithmetic, and averaging the two rounded halves costs nothing extra.</summary>
    private static void PhiOfSymmetricPart(double[] s, int n)
    {
        for (int j = 0; j < n; j++)
        {
            s[j + j * n] *= 0.5;
            for (int i = j + 1; i < n; i++) s[i + j * n] = 0.5 * (s[i + j * n] + s[j + i * n]);
        }
        ClearUpper(s, n);
    }

    private static void ClearUpper(double[] a, int n)
    {
        for (int j = 1; j < n; j++) Array.Clear(a, j * n, j);
    }
}
