using MathNet.Numerics.LinearAlgebra.Double;

namespace Differentials.Numerics;

/// <summary>
/// The transposed adjugate adj(A)ᵀ of a square matrix, the gradient of det A, at every rank.
/// <para>
/// For a non-singular A, adj(A) = det(A)·A⁻¹, which the LU factors give in one solve. Formed from the same
/// factors, the two are accurate together even when A is nearly singular: the small pivot that makes det(A)
/// small is the one that makes A⁻¹ large, so its rounding cancels in the product (measured: about 2e-15
/// relative error for a 20×20 A with σ_min/σ_max from 1e-6 down to 1e-20). What the formula cannot do is the
/// singular case: an exactly zero pivot gives 0·∞, and past κ₁·ε ≥ 1 nothing bounds the factors. Yet adj(A) is
/// a polynomial in A's entries, smooth there: at rank n−1 it is the nonzero rank-one matrix
/// det(U)det(V)·σ₁⋯σₙ₋₁·vₙuₙᵀ, and at rank below n−1 it is zero. So when a pivot is exactly zero, when the
/// factors' condition estimate says κ₁·ε ≥ 1, or when the product does not come out finite, the SVD
/// A = UΣVᵀ gives adj(A) = det(U)det(V)·V·diag(∏_{j≠i} σ_j)·Uᵀ instead, in which no singular value is divided
/// by and the products of the others are formed without division, so a zero σ is exact.
/// </para>
/// <para>
/// Range: both paths work on A' = 2⁻ᵉ·A, the matrix the LU factorisation scaled when A's magnitude was extreme,
/// and apply adj(A) = 2^{(n−1)e}·adj(A') with one power-of-two scaling per entry at the end, so neither det A
/// nor A⁻¹ needs to be representable for adj(A) to be computed. An entry that does not fit is ±∞, and the
/// caller's result check refuses it.
/// </para>
/// </summary>
internal static class Adjugate
{
    private const double Epsilon = 1.0 / (1L << 52);

    /// <summary>Which formula <see cref="Transposed"/> used.</summary>
    public enum Method
    {
        /// <summary>det(A)·A⁻ᵀ from the LU factors.</summary>
        LuInverse,

        /// <summary>det(U)det(V)·U·diag(∏_{j≠i} σ_j)·Vᵀ from the SVD.</summary>
        Svd,
    }

    /// <summary>
    /// adj(A)ᵀ, n×n column-major, choosing the formula by the condition estimate of <paramref name="lu"/>.
    /// </summary>
    /// <param name="a">A, column-major, n² values (read only on the SVD path).</param>
    /// <param name="lu">The LU factorisation of A.</param>
    /// <param name="method">Which formula was used.</param>
    /// <returns>A new array holding adj(A)ᵀ.</returns>
    public static double[] Transposed(ReadOnlySpan<double> a, LuFactorization lu, out Method method)
    {
        if (lu.Order == 1)
        {
            method = Method.LuInverse;
            return [1.0]; // adj of a 1×1 matrix is [1] (the empty product), whatever its entry
        }
        if (!lu.IsExactlySingular && lu.EstimateCondition() * Epsilon < 1)
        {
            double[] g = FromLu(lu);
            if (Norms.AllFinite(g))
            {
                method = Method.LuInverse;
                return g;
            }
        }
        method = Method.Svd;
        return FromSvd(a, lu.Order, lu.ScaleExponent);
    }

    /// <summary>adj(A)ᵀ = det(A)·A⁻ᵀ from non-singular factors, as 2^{(n−1)e}·det(A')·A'⁻ᵀ with the powers of two kept apart.</summary>
    public static double[] FromLu(LuFactorization lu)
    {
        int n = lu.Order;
        ReadOnlySpan<double> factors = lu.Factors;
        ReadOnlySpan<int> pivots = lu.Pivots;

        // det A' = mantissa·2^exponent, renormalised at every step so that no partial product overflows.
        double mantissa = 1.0;
        long exponent = 0;
        for (int i = 0; i < n; i++)
        {
            mantissa *= factors[i + i * n];
            if (pivots[i] != i) mantissa = -mantissa;
            int e = Math.ILogB(mantissa);
            mantissa = Math.ScaleB(mantissa, -e);
            exponent += e;
        }

        // A'⁻ᵀ: one solve with A'ᵀ for the identity, straight from the backend so that A' (not A) is inverted
        // and nothing is refused before the final scaling shows whether adj(A) itself fits.
        var z = new double[n * n];
        for (int i = 0; i < n; i++) z[i + i * n] = 1.0;
        Backend.LinearAlgebra.LuSolveTransposed(factors, pivots, n, z, n);

        long shift = exponent + (long)(n - 1) * lu.ScaleExponent;
        int s = (int)Math.Clamp(shift, -2200, 2200); // beyond ±2200 every entry is 0 or ±∞ anyway
        for (int k = 0; k < z.Length; k++) z[k] = Math.ScaleB(mantissa * z[k], s);
        return z;
    }

    /// <summary>
    /// adj(A)ᵀ = det(U)det(V)·U·diag(π)·Vᵀ with π_i = ∏_{j≠i} σ_j, from the SVD of A' = 2⁻ᵉ·A. This is the
    /// rarely taken path (singular or nearly singular A), so MathNet's SVD serves; the product with Vᵀ goes
    /// through the backend like every other product.
    /// </summary>
    public static double[] FromSvd(ReadOnlySpan<double> a, int n, int scaleExponent)
    {
        var scaled = new DenseMatrix(n, n);
        double[] values = scaled.Values;
        for (int k = 0; k < n * n; k++) values[k] = Math.ScaleB(a[k], -scaleExponent);
        var svd = scaled.Svd(computeVectors: true);
        double[] u = DenseColumnMajor.Values(svd.U);
        double[] vt = DenseColumnMajor.Values(svd.VT);
        double[] sigma = svd.S.ToArray();

        // π_i = (σ₀⋯σᵢ₋₁)(σᵢ₊₁⋯σₙ₋₁) from prefix and suffix products: no division, so a zero σ_i leaves π_i exact.
        var pi = new double[n];
        double prefix = 1.0;
        for (int i = 0; i < n; i++) { pi[i] = prefix; prefix *= sigma[i]; }
        double suffix = 1.0;
        for (int i = n - 1; i >= 0; i--) { pi[i] *= suffix; suffix *= sigma[i]; }

        // det U and det V are ±1; their signs come from LU factorisations of the orthogonal factors.
        int sign = LuFactorization.Factor(u, n, "U").LogDeterminant().Sign * LuFactorization.Factor(vt, n, "Vᵀ").LogDeterminant().Sign;

        var scaledU = new double[n * n]; // U·diag(π), column i of U times π_i
        for (int i = 0; i < n; i++)
        {
            double f = sign * pi[i];
            for (int r = 0; r < n; r++) scaledU[r + i * n] = f * u[r + i * n];
        }
        var g = new double[n * n];
        Backend.LinearAlgebra.Multiply(scaledU, false, vt, false, g, n, n, n);
        if (scaleExponent != 0)
        {
            long shift = (long)(n - 1) * scaleExponent;
            int s = (int)Math.Clamp(shift, -2200, 2200);
            for (int k = 0; k < g.Length; k++) g[k] = Math.ScaleB(g[k], s);
        }
        return g;
    }
}
