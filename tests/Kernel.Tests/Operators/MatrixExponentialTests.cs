using Differentials.Verification;
using MathNet.Numerics.LinearAlgebra;
using static Differentials.Tests.Operators.OperatorTestSupport;

namespace Differentials.Tests.Operators;

public class MatrixExponentialTests
{
    /// <summary>A seeded Gaussian n×n matrix scaled to ‖X‖₁ = norm.</summary>
    internal static Matrix<double> WithOneNorm(int n, double norm, int seed)
    {
        var g = Gaussian(n, n, seed);
        return g * (norm / g.L1Norm());
    }

    /// <summary>
    /// The relative condition number of exp at X, bounded from above: κ_exp(X) = ‖L(X)‖‖X‖/‖e^X‖ and, from
    /// L(X, E) = ∫₀¹ e^{sX} E e^{(1−s)X} ds with ‖e^{tX}‖₁ ≤ e^{tμ₁(X)} (μ₁ the logarithmic 1-norm,
    /// max_j x_jj + Σ_{i≠j}|x_ij|, never above ‖X‖₁), ‖L(X)‖₁ ≤ e^{μ₁(X)}. So κ ≤ ‖X‖₁e^{μ₁(X)}/‖e^X‖₁, at least 1.
    /// </summary>
    internal static double ConditionBound(Matrix<double> x)
    {
        int n = x.RowCount;
        double mu = double.NegativeInfinity;
        for (int j = 0; j < n; j++)
        {
            double column = x[j, j];
            for (int i = 0; i < n; i++) if (i != j) column += Math.Abs(x[i, j]);
            mu = Math.Max(mu, column);
        }
        return Math.Max(1.0, x.L1Norm() * Math.Exp(mu) / MatrixExponential.Forward(x).L1Norm());
    }

    // The conformance table: one line per case (order n, seed, ‖X‖₁). The norms pick each Padé degree in turn:
    // 0.01 → m = 3, 0.15 → 5, 0.5 → 7, 1.5 → 9, 4 → 13 without squaring, 20 → 13 with s = 3 (ℓ table).
    [TestCase(1, 1, 0.5)]
    [TestCase(1, 2, 20.0)]
    [TestCase(2, 3, 0.01)]
    [TestCase(2, 4, 4.0)]
    [TestCase(5, 5, 0.15)]
    [TestCase(5, 6, 1.5)]
    [TestCase(17, 7, 0.5)]
    [TestCase(17, 8, 20.0)]
    [TestCase(40, 9, 1.0)]
    [TestCase(40, 10, 4.0)]
    public void PassesTheConformanceCheck(int n, int seed, double norm)
    {
        var x = WithOneNorm(n, norm, seed);
        double kappa = ConditionBound(x);
        var report = Conformance.Check(MatrixExponentialRule.Instance, x, kappa, seed, badPoints: [Gaussian(n, n + 1, seed)]);
        TestContext.Out.WriteLine($"n = {n}, ‖X‖₁ = {norm}, κ bound = {kappa:G3}");
        foreach (var r in report.Results.Take(2)) TestContext.Out.WriteLine(r.ToString());
        report.EnsurePassed();
    }

    [Test]
    public void ExpOfZeroIsTheIdentity()
    {
        // r_m(0) = q(0)⁻¹p(0) = b₀/b₀ = 1 exactly, and s = 0: the identity, bit for bit.
        Assert.That(MatrixExponential.Forward(Matrix<double>.Build.Dense(4, 4)), Is.EqualTo(Matrix<double>.Build.DenseIdentity(4)));
    }

    [TestCase(3, 21, 0.5)]
    [TestCase(8, 22, 3.0)]
    [TestCase(20, 23, 12.0)]
    public void DiagonalisableCaseMatchesSExpDSInverse(int n, int seed, double spread)
    {
        // X = S D S⁻¹ with a known real spectrum D in [−spread, spread]: exp X = S e^D S⁻¹.
        var random = new Random(seed);
        var s = WithConditionNumber(n, 10, seed);
        var d = Enumerable.Range(0, n).Select(_ => spread * (2 * random.NextDouble() - 1)).ToArray();
        var sInv = s.Inverse();
        var x = s * Matrix<double>.Build.DenseOfDiagonalArray(d) * sInv;
        var expected = s * Matrix<double>.Build.DenseOfDiagonalArray(d.Select(Math.Exp).ToArray()) * sInv;
        var actual = MatrixExponential.Forward(x);
        // Both sides carry rounding amplified by κ(S)² (forming X, forming the reference), and ours by κ_exp too.
        double kappaS = s.ConditionNumber();
        double tolerance = Tolerances.ForConditioned(kappaS * kappaS * ConditionBound(x), n);
        Assert.That((actual - expected).FrobeniusNorm() / expected.FrobeniusNorm(), Is.LessThanOrEqualTo(tolerance));
    }

    [TestCase(4, 31, 1.0)]
    [TestCase(16, 32, 8.0)]
    [TestCase(40, 33, 30.0)]
    public void SymmetricCaseMatchesTheEigendecomposition(int n, int seed, double norm)
    {
        var g = Gaussian(n, n, seed);
        var x = (g + g.Transpose()) * (norm / (g + g.Transpose()).L1Norm());
        var evd = x.Evd(Symmetricity.Symmetric); // MathNet's, an independent reference (tests only)
        var v = evd.EigenVectors;
        var expected = v * Matrix<double>.Build.DenseOfDiagonalArray(evd.EigenValues.Select(l => Math.Exp(l.Real)).ToArray()) * v.Transpose();
        var actual = MatrixExponential.Forward(x);
        // X is normal, so κ_exp(X) = ‖X‖₂ ≤ ‖X‖₁; the reference's error is ε‖X‖₂-relative too (eigenvalue errors ε‖X‖ in the exponent).
        double tolerance = Tolerances.ForConditioned(Math.Max(1, norm), n);
        Assert.That((actual - expected).FrobeniusNorm() / expected.FrobeniusNorm(), Is.LessThanOrEqualTo(tolerance));
    }

    [TestCase(5, 41, 0.3)]
    [TestCase(17, 42, 2.0)]
    [TestCase(30, 43, 10.0)]
    public void ExpOfXTimesExpOfMinusXIsTheIdentity(int n, int seed, double norm)
    {
        var x = WithOneNorm(n, norm, seed);
        var a = MatrixExponential.Forward(x);
        var b = MatrixExponential.Forward(-x);
        // Each factor has relative error ≲ κ_exp ε; the product's error is then ≲ (κ(X) + κ(−X))·‖e^X‖‖e^{−X}‖ ε.
        double tolerance = Tolerances.ForConditioned((ConditionBound(x) + ConditionBound(-x)) * a.L1Norm() * b.L1Norm(), n);
        Assert.That((a * b - Matrix<double>.Build.DenseIdentity(n)).L1Norm(), Is.LessThanOrEqualTo(tolerance));
    }

    [Test]
    public void NilpotentCaseIsTheFiniteSeries()
    {
        // N strictly upper triangular 4×4: N⁴ = 0, so exp N = I + N + N²/2 + N³/6 exactly. ‖N‖₁ = 9 forces squarings.
        var nMat = Matrix<double>.Build.DenseOfArray(new double[,] { { 0, 1, 2, 3 }, { 0, 0, 4, 1 }, { 0, 0, 0, 5 }, { 0, 0, 0, 0 } });
        var n2 = nMat * nMat;
        var expected = Matrix<double>.Build.DenseIdentity(4) + nMat + n2 / 2 + n2 * nMat / 6;
        var actual = MatrixExponential.Forward(nMat);
        // κ_exp ≤ ‖N‖e^{‖N‖}/‖e^N‖ again; the reference is exact up to a few roundings.
        Assert.That((actual - expected).FrobeniusNorm() / expected.FrobeniusNorm(),
            Is.LessThanOrEqualTo(Tolerances.ForConditioned(ConditionBound(nMat), 4)));
    }

    [TestCase(3, 51, 0.1)]
    [TestCase(10, 52, 1.5)]
    [TestCase(24, 53, 6.0)]
    public void DifferentialMatchesTheBlockTriangularIdentity(int n, int seed, double norm)
    {
        // exp([[X, E], [0, X]]) = [[e^X, L(X, E)], [0, e^X]], the upper-right block computed by our own forward at order 2n.
        var x = WithOneNorm(n, norm, seed);
        var e = Gaussian(n, n, seed + 100);
        var block = Matrix<double>.Build.Dense(2 * n, 2 * n);
        block.SetSubMatrix(0, 0, x);
        block.SetSubMatrix(0, n, e);
        block.SetSubMatrix(n, n, x);
        var expected = MatrixExponential.Forward(block).SubMatrix(0, n, n, n);
        var actual = MatrixExponential.Differential(x, e);
        // Both are κ_exp-conditioned computations (the block has norm ‖X‖₁ + ‖E‖₁ and ‖E‖ is O(1) against ‖X‖ here).
        double kappa = ConditionBound(block) + ConditionBound(x);
        double error = (actual - expected).FrobeniusNorm() / expected.FrobeniusNorm();
        TestContext.Out.WriteLine($"n = {n}, ‖X‖₁ = {norm}: block-identity relative difference {error:E2}");
        Assert.That(error, Is.LessThanOrEqualTo(Tolerances.ForConditioned(kappa, 2 * n)));
    }

    [TestCase(6, 61, 0.5)]
    [TestCase(20, 62, 8.0)]
    public void CommutingDirectionGivesEExpX(int n, int seed, double norm)
    {
        // E = X² − 2X + 3I commutes with X, and then L(X, E) = ∫ e^{sX} E e^{(1−s)X} ds = E e^X.
        var x = WithOneNorm(n, norm, seed);
        var e = x * x - 2 * x + 3 * Matrix<double>.Build.DenseIdentity(n);
        var expected = e * MatrixExponential.Forward(x);
        var actual = MatrixExponential.Differential(x, e);
        Assert.That((actual - expected).FrobeniusNorm() / expected.FrobeniusNorm(),
            Is.LessThanOrEqualTo(Tolerances.ForConditioned(ConditionBound(x), n)));
    }

    [TestCase(7, 71, 0.7)]
    [TestCase(25, 72, 9.0)]
    public void BackwardIsTheDifferentialAtTheTransposeAndTheTransposedDifferential(int n, int seed, double norm)
    {
        // L(Xᵀ, Ȳ) = L(X, Ȳᵀ)ᵀ, and ⟨Ȳ, L(X, E)⟩ = ⟨L(Xᵀ, Ȳ), E⟩.
        var x = WithOneNorm(n, norm, seed);
        var yBar = Gaussian(n, n, seed + 1);
        var e = Gaussian(n, n, seed + 2);
        var backward = MatrixExponential.Backward(x, yBar);
        var atTranspose = MatrixExponential.Differential(x.Transpose(), yBar);
        var transposed = MatrixExponential.Differential(x, yBar.Transpose()).Transpose();
        double kappa = ConditionBound(x);
        double tolerance = Tolerances.ForConditioned(kappa, n);
        Assert.That((backward - atTranspose).FrobeniusNorm() / backward.FrobeniusNorm(), Is.LessThanOrEqualTo(tolerance));
        Assert.That((backward - transposed).FrobeniusNorm() / backward.FrobeniusNorm(), Is.LessThanOrEqualTo(Tolerances.ForProduct(n)));
        var lin = MatrixExponential.Linearize(x);
        double left = Inner(yBar, lin.Differential(e)), right = Inner(lin.Backward(yBar), e);
        double mismatch = Math.Abs(left - right) / (yBar.FrobeniusNorm() * lin.Differential(e).FrobeniusNorm());
        TestContext.Out.WriteLine($"n = {n}, ‖X‖₁ = {norm}: dot-product mismatch {mismatch:E2}");
        Assert.That(mismatch, Is.LessThanOrEqualTo(Tolerances.ForConditioned(kappa, n * n)));
    }

    [Test]
    public void NonSquareIsRejected()
    {
        var ex = Assert.Throws<ArgumentException>(() => MatrixExponential.Forward(Gaussian(3, 4, 1)));
        Assert.That(ex!.Message, Does.Contain("square").And.Contain("3×4"));
    }

    [Test]
    public void NaNIsRejected()
    {
        var x = Gaussian(3, 3, 2);
        x[1, 2] = double.NaN;
        var ex = Assert.Throws<ArgumentException>(() => MatrixExponential.Forward(x));
        Assert.That(ex!.Message, Does.Contain("NaN").And.Contain("[1, 2]"));
        x[1, 2] = double.PositiveInfinity;
        Assert.Throws<ArgumentException>(() => MatrixExponential.Backward(x, Gaussian(3, 3, 3)));
    }

    [Test]
    public void OverflowingExponentialIsRefusedByName()
    {
        // e^800 > 1.8·10³⁰⁸: exp(800 I) overflows, and so do its derivatives.
        var x = 800 * Matrix<double>.Build.DenseIdentity(3);
        var ex = Assert.Throws<ArgumentException>(() => MatrixExponential.Forward(x));
        Assert.That(ex!.Message, Does.Contain("MatrixExponential.Forward").And.Contain("overflows"));
        ex = Assert.Throws<ArgumentException>(() => MatrixExponential.Differential(x, x));
        Assert.That(ex!.Message, Does.Contain("MatrixExponential.Differential"));
        ex = Assert.Throws<ArgumentException>(() => MatrixExponential.Backward(x, x));
        Assert.That(ex!.Message, Does.Contain("MatrixExponential.Backward"));
    }

    [Test]
    public void NormBeyondOneOverEpsilonIsRefusedBeforeAnySquaring()
    {
        // −10¹⁶ I has a representable exponential (0), but ‖X‖ ≥ 1/ε leaves no correct digit: refused, s stays ≤ 50.
        var x = -1e16 * Matrix<double>.Build.DenseIdentity(2);
        var ex = Assert.Throws<ArgumentException>(() => MatrixExponential.Forward(x));
        Assert.That(ex!.Message, Does.Contain("1/ε").And.Contain("‖x‖₁"));
        Assert.That(ex.ParamName, Is.EqualTo("x"));
    }

    [Test]
    public void LargeNegativeDiagonalUnderflowsToZeroAccurately()
    {
        // exp(−1000 I) = e^−1000 I underflows to 0 (s = 8 squarings): a finite, correct result, not an error.
        var y = MatrixExponential.Forward(-1000 * Matrix<double>.Build.DenseIdentity(2));
        Assert.That(y.Enumerate().All(v => v == 0));
    }

    [Test]
    public void MisshapenTangentIsRejectedWithTheShapes()
    {
        var ex = Assert.Throws<ArgumentException>(() => MatrixExponential.Differential(Gaussian(3, 3, 1), Gaussian(3, 2, 2)));
        Assert.That(ex!.Message, Does.Contain("dx").And.Contain("3×2").And.Contain("3×3"));
        ex = Assert.Throws<ArgumentException>(() => MatrixExponential.Backward(Gaussian(3, 3, 1), Gaussian(2, 3, 2)));
        Assert.That(ex!.Message, Does.Contain("yBar").And.Contain("exp(x)"));
    }
}
