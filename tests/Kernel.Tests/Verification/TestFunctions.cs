using MathNet.Numerics.LinearAlgebra;

namespace Differentials.Tests.Verification;

/// <summary>
/// Functions with known differentials and adjoints, written inline so the verification tools can be
/// tested before the workbook's operators exist.
/// </summary>
internal static class TestFunctions
{
    // Square: F(X) = X·X, dF = dX·X + X·dX, X̄ = Ȳ·Xᵀ + Xᵀ·Ȳ.
    public static Matrix<double> Square(Matrix<double> x) => x * x;

    public static Matrix<double> SquareDifferential(Matrix<double> x, Matrix<double> u) => u * x + x * u;

    public static Matrix<double> SquareAdjoint(Matrix<double> x, Matrix<double> yBar) =>
        yBar * x.Transpose() + x.Transpose() * yBar;

    // Inverse: Y = X⁻¹, dY = −Y·dX·Y, X̄ = −Yᵀ·Ȳ·Yᵀ.
    public static Matrix<double> Inverse(Matrix<double> x) => x.Inverse();

    public static Matrix<double> InverseDifferential(Matrix<double> y, Matrix<double> u) => -(y * u * y);

    public static Matrix<double> InverseAdjoint(Matrix<double> y, Matrix<double> yBar) =>
        -(y.Transpose() * yBar * y.Transpose());

    // Element-wise sine: dy = cos(x)∘u, x̄ = cos(x)∘ȳ.
    public static Vector<double> Sin(Vector<double> x) => x.Map(Math.Sin);

    public static Vector<double> SinDifferential(Vector<double> x, Vector<double> u) => x.Map(Math.Cos).PointwiseMultiply(u);

    /// <summary>A fixed, well-scaled point with entries in [0.5, 1.5], away from the zeros of sin and cos.</summary>
    public static Vector<double> SinPoint(int n) => Vector<double>.Build.Dense(n, i => 0.5 + (double)i / Math.Max(1, n - 1));

    /// <summary>A well-conditioned test matrix: identity plus a small Gaussian perturbation.</summary>
    public static Matrix<double> WellConditioned(int n, Random random) =>
        Matrix<double>.Build.DenseIdentity(n) * 2 + Differentials.Verification.RandomMatrices.Gaussian(n, n, random) * (0.5 / Math.Sqrt(n));
}
