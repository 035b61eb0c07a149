using Differentials.Verification;
using MathNet.Numerics.LinearAlgebra;
using static Differentials.Tests.Operators.OperatorTestSupport;

namespace Differentials.Tests.Operators;

/// <summary>
/// The Cholesky factor: the conformance table in the symmetric convention, then what it cannot know (LLᵀ = X,
/// the triangular shapes, the symmetric-gradient convention, the ignored upper triangle of L̄, the messages).
/// </summary>
public class CholeskyTests
{
    /// <summary>A symmetric positive definite n×n matrix with 2-norm condition number κ: AAᵀ for A with κ(A) = √κ, symmetrised exactly.</summary>
    internal static Matrix<double> Spd(int n, double kappa, int seed)
    {
        Matrix<double> a = WithConditionNumber(n, Math.Sqrt(kappa), seed);
        Matrix<double> x = a * a.Transpose();
        return (x + x.Transpose()) / 2;
    }

    private static Matrix<double> Symmetrize(Matrix<double> x) => (x + x.Transpose()) / 2;

    // The conformance table: one line per case (order n, seed, 2-norm condition number κ of X). 70 crosses the
    // 64-row block of the factorisation and the triangular solves. The κ stay small because the check's
    // finite differences start from a step of 0.1·max(1, max|x_ij|) per entry, which must leave X + hU positive
    // definite (‖hU‖₂ ≈ 0.07·√n·max|x_ij| must stay below λ_min); the ill-conditioned cases are in
    // DifferentialMatchesRiddersAtHighConditionNumbers, with a step sized to λ_min.
    [TestCase(1, 1, 1.0)]
    [TestCase(2, 2, 2.0)]
    [TestCase(5, 3, 4.0)]
    [TestCase(17, 4, 2.0)]
    [TestCase(17, 5, 3.0)]
    [TestCase(70, 6, 1.5)]
    public void PassesTheConformanceCheck(int n, int seed, double kappa) =>
        Conformance.Check(CholeskyRule.Instance, Spd(n, kappa, seed), kappa, seed,
            project: X => (X + X.Transpose()) / 2,
            badPoints: [Gaussian(n, n + 1, seed), -Spd(n, kappa, seed)]).EnsurePassed();

    [TestCase(5, 1, 1e3)]
    [TestCase(17, 2, 1e5)]
    [TestCase(70, 3, 1e2)]
    public void DifferentialMatchesRiddersAtHighConditionNumbers(int n, int seed, double kappa)
    {
        Matrix<double> x = Spd(n, kappa, seed), u = Symmetrize(Gaussian(n, n, seed + 10));
        // X ± hU stays positive definite while h‖U‖₂ < λ_min(X) = 1/κ (X's spectrum is [1/κ, 1]); a tenth of that.
        double step = 0.1 / (kappa * u.L2Norm());
        FiniteDifferences.CheckDifferential(
            xv => V(Cholesky.Forward(Matrix<double>.Build.DenseOfColumnMajor(n, n, xv.ToArray())).ToColumnMajorArray()),
            (xv, uv) => V(Cholesky.Differential(Matrix<double>.Build.DenseOfColumnMajor(n, n, xv.ToArray()),
                Matrix<double>.Build.DenseOfColumnMajor(n, n, uv.ToArray())).ToColumnMajorArray()),
            Vectorize(x), Vectorize(u), initialStep: step, conditionNumber: kappa, name: "Cholesky").EnsurePassed();
    }

    private static Vector<double> V(double[] a) => Vector<double>.Build.DenseOfArray(a);

    private static Vector<double> Vectorize(Matrix<double> m) => Vector<double>.Build.DenseOfArray(m.ToColumnMajorArray());

    [TestCase(1, 1)]
    [TestCase(5, 2)]
    [TestCase(64, 3)]
    [TestCase(65, 4)]
    [TestCase(150, 5)]
    public void FactorIsLowerTriangularWithPositiveDiagonalAndReproducesX(int n, int seed)
    {
        Matrix<double> x = Spd(n, 1e3, seed);
        Matrix<double> l = Cholesky.Forward(x);
        for (int j = 0; j < n; j++)
        {
            Assert.That(l[j, j], Is.GreaterThan(0));
            for (int i = 0; i < j; i++) Assert.That(l[i, j], Is.EqualTo(0.0));
        }
        // Backward stability of Cholesky: ‖LLᵀ − X‖_F ≤ c·n·ε·‖X‖_F (Higham, Thm 10.3), c from ForProduct.
        double residual = (l * l.Transpose() - x).FrobeniusNorm();
        Assert.That(residual, Is.LessThanOrEqualTo(Tolerances.ForProduct(n) * x.FrobeniusNorm()));
    }

    [Test]
    public void FactorOfTwoByTwoIsTheClosedForm()
    {
        // [[4, 2], [2, 5]] = LLᵀ with L = [[2, 0], [1, 2]]: every step is exact in binary.
        var x = Matrix<double>.Build.DenseOfArray(new double[,] { { 4, 2 }, { 2, 5 } });
        Assert.That(Cholesky.Forward(x), Is.EqualTo(Matrix<double>.Build.DenseOfArray(new double[,] { { 2, 0 }, { 1, 2 } })));
    }

    [TestCase(6, 1)]
    [TestCase(70, 2)]
    public void DifferentialIsLowerTriangular(int n, int seed)
    {
        Matrix<double> dl = Cholesky.Differential(Spd(n, 10, seed), Symmetrize(Gaussian(n, n, seed + 100)));
        for (int j = 1; j < n; j++)
            for (int i = 0; i < j; i++) Assert.That(dl[i, j], Is.EqualTo(0.0));
    }

    [TestCase(5, 1)]
    [TestCase(70, 2)]
    public void DifferentialUsesTheSymmetricPartOfTheTangent(int n, int seed)
    {
        Matrix<double> x = Spd(n, 10, seed), dx = Gaussian(n, n, seed + 1);
        Matrix<double> a = Cholesky.Differential(x, dx), b = Cholesky.Differential(x, Symmetrize(dx));
        Assert.That((a - b).FrobeniusNorm(), Is.LessThanOrEqualTo(Tolerances.ForConditioned(10, n) * b.FrobeniusNorm()));
    }

    [TestCase(4, 1)]
    [TestCase(70, 2)]
    public void GradientIsSymmetricAndPairsWithEverySymmetricTangent(int n, int seed)
    {
        Matrix<double> x = Spd(n, 10, seed), lBar = Gaussian(n, n, seed + 1);
        Matrix<double> xBar = Cholesky.Backward(x, lBar);
        Assert.That(xBar, Is.EqualTo(xBar.Transpose()));
        // ⟨X̄, dX⟩ = ⟨L̄, dL⟩ for symmetric dX, and (because Forward reads ½(X + Xᵀ)) for a non-symmetric one too.
        foreach (Matrix<double> dx in new[] { Symmetrize(Gaussian(n, n, seed + 2)), Gaussian(n, n, seed + 3) })
        {
            double lhs = Inner(xBar, dx), rhs = Inner(lBar, Cholesky.Differential(x, dx));
            double scale = xBar.FrobeniusNorm() * dx.FrobeniusNorm();
            Assert.That(Math.Abs(lhs - rhs), Is.LessThanOrEqualTo(Tolerances.ForConditioned(10, n * n) * scale));
        }
    }

    [Test]
    public void GradientAgreesWithCentralDifferencesOfAScalarLoss()
    {
        // E = ⟨C, L⟩ perturbed along a symmetric direction: the directional derivative is ⟨X̄, dX⟩.
        int n = 6;
        Matrix<double> x = Spd(n, 10, 7), c = Gaussian(n, n, 8), dx = Symmetrize(Gaussian(n, n, 9));
        double h = 1e-5;
        double fd = (Inner(c, Cholesky.Forward(x + h * dx)) - Inner(c, Cholesky.Forward(x - h * dx))) / (2 * h);
        double adjoint = Inner(Cholesky.Backward(x, c), dx);
        double scale = c.FrobeniusNorm() * dx.FrobeniusNorm();
        Assert.That(Math.Abs(fd - adjoint), Is.LessThanOrEqualTo(
            10 * Tolerances.ForFiniteDifference(FiniteDifferenceScheme.Central, h, 1.0) * scale));
    }

    [Test]
    public void UpperTriangleOfTheOutputGradientIsIgnored()
    {
        int n = 9;
        Matrix<double> x = Spd(n, 10, 3), lBar = Gaussian(n, n, 4);
        Matrix<double> lower = lBar.LowerTriangle();
        Assert.That(Cholesky.Backward(x, lBar), Is.EqualTo(Cholesky.Backward(x, lower)));
    }

    [Test]
    public void TheUnconstrainedGradientDiffersByTwoOffTheDiagonal()
    {
        // E(X) = Σ_ij L_ij for X 2×2; the symmetric gradient's (1,0) entry is half of what a convention
        // that sends the whole off-diagonal sensitivity to one entry (the lower one) would report.
        var x = Matrix<double>.Build.DenseOfArray(new double[,] { { 4, 2 }, { 2, 5 } });
        Matrix<double> g = Cholesky.Backward(x, Matrix<double>.Build.Dense(2, 2, 1.0));
        var e10 = Matrix<double>.Build.Dense(2, 2);
        e10[1, 0] = 1; e10[0, 1] = 1; // the only symmetric way to move x₁₀ moves x₀₁ with it
        double along = Inner(Matrix<double>.Build.Dense(2, 2, 1.0), Cholesky.Differential(x, e10));
        Assert.That(g[1, 0] + g[0, 1], Is.EqualTo(along).Within(8 * Eps * Math.Abs(along)));
        Assert.That(g[1, 0], Is.EqualTo(along / 2).Within(8 * Eps * Math.Abs(along)));
    }

    [Test]
    public void NonSymmetricInputIsRefusedAndTheMessageSaysSymmetric()
    {
        Matrix<double> x = Spd(4, 10, 1);
        x[3, 0] += 1e-3;
        var e = Assert.Throws<ArgumentException>(() => Cholesky.Forward(x))!;
        Assert.That(e.Message, Does.Contain("symmetric"));
        Assert.That(e.ParamName, Is.EqualTo("x"));
    }

    [Test]
    public void IndefiniteInputIsRefusedAndTheMessageNamesThePivot()
    {
        // diag(4, 9, −1, 1): the pivots are the diagonal; index 2 is −1.
        var x = Matrix<double>.Build.DenseOfDiagonalArray([4, 9, -1, 1]);
        var e = Assert.Throws<ArgumentException>(() => Cholesky.Forward(x))!;
        Assert.That(e.Message, Does.Contain("positive definite"));
        Assert.That(e.Message, Does.Contain("pivot 2"));
        Assert.That(e.Message, Does.Contain("-1"));
    }

    [Test]
    public void SemidefiniteInputPastTheFirstBlockIsRefusedAtItsPivot()
    {
        // A rank-99 Gram matrix of order 100 (shifted so the first 80 pivots stay clear of zero): the failing pivot lies in the second block.
        int n = 100;
        Matrix<double> x = Spd(n, 10, 5);
        x[90, 90] = -x[90, 90];
        var e = Assert.Throws<ArgumentException>(() => Cholesky.Forward(x))!;
        Assert.That(e.Message, Does.Contain("positive definite"));
        Assert.That(e.Message, Does.Match("pivot (8\\d|9\\d) "));
    }

    [Test]
    public void NonSquareInputIsRefusedAndTheMessageSaysSquare()
    {
        var e = Assert.Throws<ArgumentException>(() => Cholesky.Forward(Gaussian(3, 4, 1)))!;
        Assert.That(e.Message, Does.Contain("square"));
    }

    [Test]
    public void NaNAndInfinityAreRefused()
    {
        Matrix<double> x = Spd(3, 10, 1);
        x[1, 1] = double.PositiveInfinity;
        Assert.Throws<ArgumentException>(() => Cholesky.Forward(x));
        x[1, 1] = double.NaN;
        Assert.Throws<ArgumentException>(() => Cholesky.Forward(x));
    }
}
