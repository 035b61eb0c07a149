using Differentials.Verification;
using MathNet.Numerics.LinearAlgebra;
using static Differentials.Tests.Operators.OperatorTestSupport;

namespace Differentials.Tests.Operators;

public class SymmetricEigenTests
{
    private static Matrix<double> Project(Matrix<double> x) => (x + x.Transpose()) / 2;

    /// <summary>A random orthogonal n×n matrix (the Q of a Gaussian matrix's QR factorisation).</summary>
    private static Matrix<double> RandomOrthogonal(int n, int seed) => Gaussian(n, n, seed).QR().Q;

    /// <summary>
    /// X = Q diag(1, 2, …, n) Qᵀ for a random orthogonal Q, exactly symmetrised: a well-separated spectrum (every
    /// gap 1, ‖X‖₂ = n), so the eigenvector part is conditioned by ‖X‖₂/gap = n.
    /// </summary>
    private static Matrix<double> Separated(int n, int seed)
    {
        var q = RandomOrthogonal(n, seed);
        var lambda = Matrix<double>.Build.DenseOfDiagonalArray(Enumerable.Range(1, n).Select(i => (double)i).ToArray());
        return Project(q * lambda * q.Transpose());
    }

    /// <summary>A symmetric Gaussian matrix: generic, simple spectrum with probability one.</summary>
    private static Matrix<double> SymmetricGaussian(int n, int seed) => Project(Gaussian(n, n, seed));

    /// <summary>
    /// The smallest margin, over the columns of V, between the largest and second-largest |entry|: the sign rule is
    /// constant (and V smooth) only while perturbations move the entries by less than this. Finite differences with
    /// Ridders' first steps would cross a margin of 1e-5, so the table's seeds are chosen with margins above 1e-4.
    /// </summary>
    private static double SignMargin(Matrix<double> vectors) =>
        vectors.RowCount == 1 ? double.PositiveInfinity : Enumerable.Range(0, vectors.ColumnCount).Min(j =>
        {
            var a = vectors.Column(j).Enumerate().Select(Math.Abs).OrderByDescending(t => t).ToArray();
            return a[0] - a[1];
        });

    // The conformance table: one line per case (order n, seed); κ = ‖X‖₂/min gap = n for the separated spectra.
    // (n = 5, seed 3 has a sign margin of 2e-5: an eigenvector's two largest entries nearly tie, so its sign flips
    // within a finite-difference step; the table uses seed 6.)
    [TestCase(1, 1)]
    [TestCase(2, 2)]
    [TestCase(5, 6)]
    [TestCase(17, 4)]
    [TestCase(40, 5)]
    public void PassesTheConformanceCheck(int n, int seed)
    {
        var nonSymmetric = Gaussian(n + 1, n + 1, seed);
        var x = Separated(n, seed);
        Assert.That(SignMargin(SymmetricEigen.Forward(x).Vectors), Is.GreaterThan(1e-4), "the case's sign margin");
        Conformance.Check(SymmetricEigenRule.Instance, x, conditionNumber: n, seed: seed, project: Project,
            badPoints: [Gaussian(n, n + 1, seed), nonSymmetric]).EnsurePassed();
    }

    [TestCase(3, 11)]
    [TestCase(8, 12)]
    public void PassesTheConformanceCheckOnASymmetricGaussianMatrix(int n, int seed)
    {
        var x = SymmetricGaussian(n, seed);
        var lambda = SymmetricEigen.Forward(x).Values;
        double gap = Enumerable.Range(0, n - 1).Min(i => lambda[i + 1] - lambda[i]);
        double kappa = Math.Max(1, Math.Max(Math.Abs(lambda[0]), Math.Abs(lambda[n - 1])) / gap);
        Assert.That(SignMargin(SymmetricEigen.Forward(x).Vectors), Is.GreaterThan(1e-4), "the case's sign margin");
        Conformance.Check(SymmetricEigenRule.Instance, x, conditionNumber: kappa, seed: seed, project: Project).EnsurePassed();
    }

    [TestCase(1, 1)]
    [TestCase(2, 2)]
    [TestCase(7, 3)]
    [TestCase(40, 4)]
    [TestCase(130, 5)]
    public void ReconstructsOrthonormalAscendingAndSignFixed(int n, int seed)
    {
        var x = SymmetricGaussian(n, seed);
        var (values, vectors) = SymmetricEigen.Forward(x);
        double norm = x.L2Norm();
        var identity = Matrix<double>.Build.DenseIdentity(n);
        // Backward stability of Householder + QL: residuals are c·n·ε·‖X‖ (c absorbed by the safety factor).
        double reconstruction = (vectors * Matrix<double>.Build.DenseOfDiagonalVector(values) * vectors.Transpose() - x).L2Norm();
        Assert.That(reconstruction, Is.LessThanOrEqualTo(Tolerances.ForProduct(n) * norm));
        Assert.That((vectors.Transpose() * vectors - identity).L2Norm(), Is.LessThanOrEqualTo(Tolerances.ForProduct(n)));
        for (int i = 0; i + 1 < n; i++) Assert.That(values[i], Is.LessThanOrEqualTo(values[i + 1]));
        for (int j = 0; j < n; j++)
        {
            var column = vectors.Column(j);
            int largest = column.AbsoluteMaximumIndex();
            Assert.That(column[largest], Is.GreaterThan(0), $"column {j}: largest-magnitude entry must be positive");
        }
    }

    [TestCase(6, 21)]
    [TestCase(33, 22)]
    public void AgreesWithMathNetOnValuesAndVectorsUpToSign(int n, int seed)
    {
        var x = SymmetricGaussian(n, seed);
        var (values, vectors) = SymmetricEigen.Forward(x);
        var evd = x.Evd(Symmetricity.Symmetric);
        var reference = evd.EigenValues.Real();
        double norm = x.L2Norm();
        // Both are backward stable, so eigenvalues agree to c·n·ε·‖X‖ (Weyl).
        Assert.That((values - reference).InfinityNorm(), Is.LessThanOrEqualTo(Tolerances.ForProduct(n) * norm));
        for (int j = 0; j < n; j++)
        {
            double gap = Math.Min(j > 0 ? values[j] - values[j - 1] : double.PositiveInfinity,
                                  j + 1 < n ? values[j + 1] - values[j] : double.PositiveInfinity);
            var a = vectors.Column(j);
            var b = evd.EigenVectors.Column(j);
            double difference = Math.Min((a - b).L2Norm(), (a + b).L2Norm());
            // Davis–Kahan: a vector's error is about ε·n·‖X‖/gap.
            Assert.That(difference, Is.LessThanOrEqualTo(Tolerances.ForProduct(n) * norm / gap), $"vector {j}");
        }
    }

    [TestCase(4, 31)]
    [TestCase(12, 32)]
    public void EigenvalueDifferentialIsVDxVAndMatchesFiniteDifferences(int n, int seed)
    {
        var x = Separated(n, seed);
        var dx = Project(Gaussian(n, n, seed + 100));
        var (_, vectors) = SymmetricEigen.Forward(x);
        var dLambda = SymmetricEigen.Differential(x, dx).Values;
        double h = 1e-5;
        var central = (SymmetricEigen.Forward(x + h * dx).Values - SymmetricEigen.Forward(x - h * dx).Values) / (2 * h);
        for (int i = 0; i < n; i++)
        {
            var v = vectors.Column(i);
            Assert.That(dLambda[i], Is.EqualTo(v * dx * v).Within(Tolerances.ForProduct(n) * dx.L2Norm()));
            // Central differences: truncation h²·|λ‴|/6 with |λ‴| ≲ ‖dX‖³/gap², plus round-off ε‖X‖/h; gap = 1 here.
            double bound = Tolerances.SafetyFactor * (h * h * Math.Pow(dx.L2Norm(), 3) + Tolerances.Epsilon * x.L2Norm() / h);
            Assert.That(central[i], Is.EqualTo(dLambda[i]).Within(bound), $"eigenvalue {i}");
        }
    }

    [Test]
    public void EigenvalueOnlyBackwardWorksAtARepeatedEigenvalue()
    {
        int n = 5;
        var x = Matrix<double>.Build.DenseIdentity(n);
        var valuesBar = Gaussian(n, 41);
        var xBar = SymmetricEigen.Backward(x, valuesBar, null);
        // At X = I, V is any orthonormal basis and X̄ = V diag(λ̄) Vᵀ; its trace is Σ λ̄ whatever V, and it is symmetric.
        Assert.That(xBar.Trace(), Is.EqualTo(valuesBar.Sum()).Within(Tolerances.ForProduct(n) * valuesBar.L1Norm()));
        Assert.That((xBar - xBar.Transpose()).L2Norm(), Is.EqualTo(0));
        // The loss Σλ = tr X has gradient I at every point, repeated eigenvalues or not.
        var ones = Vector<double>.Build.Dense(n, 1.0);
        var traceGradient = SymmetricEigen.Backward(x, ones, null);
        Assert.That((traceGradient - x).L2Norm(), Is.LessThanOrEqualTo(Tolerances.ForProduct(n)));
    }

    [Test]
    public void VectorPartRefusesARepeatedEigenvalueNamingTheGap()
    {
        int n = 4;
        var x = Matrix<double>.Build.DenseOfDiagonalArray([1.0, 2.0, 2.0, 3.0]);
        var e1 = Assert.Throws<ArgumentException>(() => SymmetricEigen.Differential(x, x))!;
        Assert.That(e1.Message, Does.Contain("SymmetricEigen.Differential").And.Contain("smallest gap λ[2] − λ[1] = 0")
            .And.Contain("between eigenvalues 1 and 2").And.Contain("threshold 10·n·ε·‖x‖₂"));
        Assert.That(e1.ParamName, Is.EqualTo("x"));
        var e2 = Assert.Throws<ArgumentException>(() =>
            SymmetricEigen.Backward(x, Vector<double>.Build.Dense(n), Matrix<double>.Build.Dense(n, n)))!;
        Assert.That(e2.Message, Does.Contain("SymmetricEigen.Backward").And.Contain("vectorsBar null"));
        var lin = SymmetricEigen.Linearize(x);
        Assert.Throws<ArgumentException>(() => lin.Differential(x));
        Assert.DoesNotThrow(() => lin.Backward((Vector<double>.Build.Dense(n, 1.0), null!)));
    }

    [Test]
    public void ANearlyRepeatedPairJustAboveTheThresholdIsAccepted()
    {
        int n = 3;
        double threshold = Tolerances.SafetyFactor * n * Tolerances.Epsilon * 3;
        var above = Matrix<double>.Build.DenseOfDiagonalArray([1.0, 1.0 + 1e3 * threshold, 3.0]);
        Assert.DoesNotThrow(() => SymmetricEigen.Differential(above, above));
        var below = Matrix<double>.Build.DenseOfDiagonalArray([1.0, 1.0 + threshold / 4, 3.0]);
        Assert.Throws<ArgumentException>(() => SymmetricEigen.Differential(below, below));
    }

    [Test]
    public void BackwardIsTheSymmetricGradientAndDiffersFromTheUnconstrainedOneByTwoOffTheDiagonal()
    {
        // E = λ_max: the symmetric gradient is v vᵀ; ∂E/∂X_ij with X_ij and X_ji one variable is 2 v_i v_j off the diagonal.
        int n = 4;
        var x = Separated(n, 51);
        var (_, vectors) = SymmetricEigen.Forward(x);
        var bar = Vector<double>.Build.Dense(n);
        bar[n - 1] = 1;
        var g = SymmetricEigen.Backward(x, bar, null);
        var v = vectors.Column(n - 1);
        Assert.That((g - v.OuterProduct(v)).L2Norm(), Is.LessThanOrEqualTo(Tolerances.ForProduct(n)));
        double h = 1e-6;
        var e = Matrix<double>.Build.Dense(n, n);
        e[0, 1] = e[1, 0] = 1; // moving the one variable X_01 = X_10
        double tied = (SymmetricEigen.Forward(x + h * e).Values[n - 1] - SymmetricEigen.Forward(x - h * e).Values[n - 1]) / (2 * h);
        Assert.That(tied, Is.EqualTo(2 * g[0, 1]).Within(1e-8));
    }

    [Test]
    public void KnownTwoByTwo()
    {
        // [[2, 1], [1, 2]]: eigenvalues 1, 3 with vectors ±(1, −1)/√2 (a tie in magnitude, so rounding picks the sign) and (1, 1)/√2.
        var x = Matrix<double>.Build.DenseOfArray(new double[,] { { 2, 1 }, { 1, 2 } });
        var (values, vectors) = SymmetricEigen.Forward(x);
        Assert.That(values[0], Is.EqualTo(1).Within(4 * Eps));
        Assert.That(values[1], Is.EqualTo(3).Within(8 * Eps));
        Assert.That(Math.Abs(vectors[0, 1] - vectors[1, 1]), Is.LessThanOrEqualTo(4 * Eps));
        Assert.That(vectors[0, 1], Is.GreaterThan(0));
        Assert.That(Math.Abs(vectors[0, 0] + vectors[1, 0]), Is.LessThanOrEqualTo(4 * Eps));
    }

    [Test]
    public void RefusesNonSymmetricNonSquareNonFiniteAndMisshapenBars()
    {
        var nonSymmetric = Matrix<double>.Build.DenseOfArray(new double[,] { { 1, 2 }, { 0, 1 } });
        var e = Assert.Throws<ArgumentException>(() => SymmetricEigen.Forward(nonSymmetric))!;
        Assert.That(e.Message, Does.Contain("symmetric"));
        Assert.That(Assert.Throws<ArgumentException>(() => SymmetricEigen.Forward(Gaussian(2, 3, 1)))!.Message, Does.Contain("square"));
        var nan = Matrix<double>.Build.DenseIdentity(2);
        nan[1, 1] = double.NaN;
        Assert.Throws<ArgumentException>(() => SymmetricEigen.Forward(nan));
        var x = Separated(3, 2);
        var wrongLength = Assert.Throws<ArgumentException>(() => SymmetricEigen.Backward(x, Gaussian(4, 1), null))!;
        Assert.That(wrongLength.Message, Does.Contain("valuesBar has length 4 but must have length 3"));
        var wrongShape = Assert.Throws<ArgumentException>(() => SymmetricEigen.Backward(x, Gaussian(3, 1), Gaussian(3, 2, 1)))!;
        Assert.That(wrongShape.Message, Does.Contain("vectorsBar is 3×2 but must be 3×3"));
        Assert.Throws<ArgumentNullException>(() => SymmetricEigen.Backward(x, null!, null));
    }
}
