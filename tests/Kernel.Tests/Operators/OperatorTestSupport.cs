using MathNet.Numerics.Distributions;
using MathNet.Numerics.LinearAlgebra;

namespace Differentials.Tests.Operators;

/// <summary>
/// Small helpers the operator, rule and layer tests share: seeded random inputs, the Frobenius inner
/// product, and central differences. The generic versions live in Differentials.Verification; these stay
/// minimal and are only what the tests here need beyond them.
/// </summary>
internal static class OperatorTestSupport
{
    /// <summary>Machine epsilon 2⁻⁵².</summary>
    public const double Eps = 2.220446049250313e-16;

    public static Matrix<double> Gaussian(int rows, int columns, int seed) =>
        Matrix<double>.Build.Random(rows, columns, new Normal(0, 1, new Random(seed)));

    public static Vector<double> Gaussian(int length, int seed) =>
        Vector<double>.Build.Random(length, new Normal(0, 1, new Random(seed)));

    /// <summary>
    /// A random n×n matrix U diag(σ) Vᵀ with singular values spaced geometrically from 1 down to 1/κ,
    /// U and V orthogonal (QR of Gaussian matrices), so κ₂ = κ up to rounding.
    /// </summary>
    public static Matrix<double> WithConditionNumber(int n, double kappa, int seed)
    {
        Matrix<double> u = Gaussian(n, n, seed).QR().Q;
        Matrix<double> v = Gaussian(n, n, seed + 7919).QR().Q;
        var sigma = Vector<double>.Build.Dense(n, i => n == 1 ? 1.0 : Math.Pow(kappa, -(double)i / (n - 1)));
        return u * Matrix<double>.Build.DiagonalOfDiagonalVector(sigma) * v.Transpose();
    }

    /// <summary>⟨A, B⟩ = tr(AᵀB) = Σ A_ij B_ij.</summary>
    public static double Inner(Matrix<double> a, Matrix<double> b) => a.PointwiseMultiply(b).Enumerate().Sum();

    /// <summary>⟨a, b⟩.</summary>
    public static double Inner(Vector<double> a, Vector<double> b) => a.DotProduct(b);

    /// <summary>[F(X + hU) − F(X − hU)] / 2h.</summary>
    public static Matrix<double> Central(Func<Matrix<double>, Matrix<double>> f, Matrix<double> x, Matrix<double> u, double h) =>
        (f(x + h * u) - f(x - h * u)) / (2 * h);

    /// <summary>[f(x + hu) − f(x − hu)] / 2h.</summary>
    public static Vector<double> Central(Func<Vector<double>, Vector<double>> f, Vector<double> x, Vector<double> u, double h) =>
        (f(x + h * u) - f(x - h * u)) / (2 * h);

    /// <summary>The direct O(n²) circular convolution y_k = Σ_t a_t x_{(k−t) mod n}.</summary>
    public static Vector<double> DirectConvolution(Vector<double> a, Vector<double> x)
    {
        int n = a.Count;
        return Vector<double>.Build.Dense(n, k =>
        {
            double s = 0;
            for (int t = 0; t < n; t++) s += a[t] * x[((k - t) % n + n) % n];
            return s;
        });
    }

    /// <summary>The direct O(n²) circular cross-correlation (a ⋆ b)_k = Σ_t a_t b_{(t+k) mod n}.</summary>
    public static Vector<double> DirectCorrelation(Vector<double> a, Vector<double> b)
    {
        int n = a.Count;
        return Vector<double>.Build.Dense(n, k =>
        {
            double s = 0;
            for (int t = 0; t < n; t++) s += a[t] * b[(t + k) % n];
            return s;
        });
    }
}
