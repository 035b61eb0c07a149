using Differentials.Numerics;
using Differentials.Tests.Operators;
using Differentials.Verification;
using MathNet.Numerics.LinearAlgebra;

namespace Differentials.Tests.Numerics;

/// <summary>
/// The blocked triangular solves on the active backend: residuals ‖L·X − B‖ and ‖Lᵀ·X − B‖ within the
/// backward-stability bound c·n·ε·‖L‖‖X‖ (Higham, Thm 8.5), across block boundaries and shapes.
/// </summary>
public class TriangularBlockedTests
{
    private static IEnumerable<TestCaseData> Cases() =>
        from c in new[] { (1, 1, 64), (5, 3, 2), (17, 17, 4), (70, 9, 64), (130, 130, 32) }
        select new TestCaseData(c.Item1, c.Item2, c.Item3).SetArgDisplayNames($"n={c.Item1}", $"r={c.Item2}", $"block={c.Item3}");

    private static Matrix<double> Factor(int n, int seed) => Cholesky.Forward(CholeskyTests.Spd(n, 100, seed));

    [TestCaseSource(nameof(Cases))]
    public void SolveLowerHasASmallResidual(int n, int r, int block) => Check(n, r, block, transposed: false);

    [TestCaseSource(nameof(Cases))]
    public void SolveLowerTransposedHasASmallResidual(int n, int r, int block) => Check(n, r, block, transposed: true);

    private static void Check(int n, int r, int block, bool transposed)
    {
        Matrix<double> l = Factor(n, n + r);
        Matrix<double> b = OperatorTestSupport.Gaussian(n, r, n * r);
        double[] lv = l.ToColumnMajorArray();
        for (int j = 1; j < n; j++) for (int i = 0; i < j; i++) lv[i + j * n] = double.NaN; // the upper triangle is never read
        double[] x = b.ToColumnMajorArray();
        if (transposed) TriangularBlocked.SolveLowerTransposed(Backend.LinearAlgebra, lv, n, x, r, block);
        else TriangularBlocked.SolveLower(Backend.LinearAlgebra, lv, n, x, r, block);
        Matrix<double> xm = Matrix<double>.Build.DenseOfColumnMajor(n, r, x);
        Matrix<double> residual = (transposed ? l.Transpose() : l) * xm - b;
        Assert.That(residual.FrobeniusNorm(), Is.LessThanOrEqualTo(Tolerances.ForProduct(n) * l.FrobeniusNorm() * xm.FrobeniusNorm()));
    }
}
