using Differentials.Verification;
using MathNet.Numerics.LinearAlgebra;

namespace Differentials.Tests.Operators;

/// <summary>
/// Short forms of the verification tools for the operator, rule and layer tests (seeded random inputs,
/// central differences), plus what those tools do not offer: the Frobenius inner product and the
/// direct O(n²) convolution and correlation sums the FFT route is checked against.
/// </summary>
internal static class OperatorTestSupport
{
    /// <summary>Machine epsilon 2⁻⁵².</summary>
    public const double Eps = Tolerances.Epsilon;

    public static Matrix<double> Gaussian(int rows, int columns, int seed) =>
        RandomMatrices.Gaussian(rows, columns, new Random(seed));

    public static Vector<double> Gaussian(int length, int seed) =>
        RandomMatrices.GaussianVector(length, new Random(seed));

    /// <summary>A random n×n matrix with 2-norm condition number κ (1 when n = 1, where no other is possible).</summary>
    public static Matrix<double> WithConditionNumber(int n, double kappa, int seed) =>
        RandomMatrices.WithConditionNumber(n, n == 1 ? 1 : kappa, new Random(seed));

    /// <summary>⟨A, B⟩ = tr(AᵀB) = Σ A_ij B_ij.</summary>
    public static double Inner(Matrix<double> a, Matrix<double> b) => a.PointwiseMultiply(b).Enumerate().Sum();

    /// <summary>⟨a, b⟩.</summary>
    public static double Inner(Vector<double> a, Vector<double> b) => a.DotProduct(b);

    /// <summary>[F(X + hU) − F(X − hU)] / 2h.</summary>
    public static Matrix<double> Central(Func<Matrix<double>, Matrix<double>> f, Matrix<double> x, Matrix<double> u, double h) =>
        FiniteDifferences.Central(f, x, u, h);

    /// <summary>[f(x + hu) − f(x − hu)] / 2h.</summary>
    public static Vector<double> Central(Func<Vector<double>, Vector<double>> f, Vector<double> x, Vector<double> u, double h) =>
        FiniteDifferences.Central(f, x, u, h);

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
