using Differentials.Numerics;
using Differentials.Verification;
using MathNet.Numerics.LinearAlgebra;
using static Differentials.Tests.Operators.OperatorTestSupport;

namespace Differentials.Tests.Numerics;

/// <summary>
/// The eigensolver itself, on a table of structured and random inputs whose orders cross its thresholds: the panel
/// width of the reduction (32), the order above which Q is formed by blocks (96) and its block of 64 reflectors
/// (n = 129 has two full blocks), the packed row block of the rotations (32 rows on 256-bit vectors: orders that are
/// no multiple of it leave a padded last block), the order
/// from which the trailing products split across two threads (320), and the rotation batch (2¹⁸ rotations, crossed
/// from n ≈ 510 on a random matrix, which needs about 1.03·n² of them).
/// <para>
/// Tolerances: the reduction, Q's block reflectors and the QL rotations are all orthogonal transformations carried
/// out in floating point, so the computed (Λ, V) is the exact decomposition of X + ΔX with ‖ΔX‖_F ≤ c·n·ε·‖X‖_F and
/// ‖VᵀV − I‖_F ≤ c·n·ε. The worst-case constant grows like n (Wilkinson), but the rounding errors of the ≈ n
/// reflectors and ≈ n² rotations add like a random walk: measured ‖VᵀV − I‖_F/(nε) is 1.0–1.3 and
/// ‖VΛVᵀ − X‖_F/(nε‖X‖_F) 0.05–0.9 from n = 2 to 1024 (the check's own products included), so c = 10
/// (<see cref="Tolerances.SafetyFactor"/>, the bound <see cref="Tolerances.ForProduct"/>) leaves a margin of about 8.
/// Eigenvalues then lie within ‖ΔX‖₂ ≤ ‖ΔX‖_F of the exact ones (Weyl), and a vector within ‖ΔX‖/gap (Davis–Kahan).
/// </para>
/// </summary>
public class SymmetricEigensolverTests
{
    private static Matrix<double> Symmetrise(Matrix<double> x) => (x + x.Transpose()) / 2;

    /// <summary>Q diag(λ) Qᵀ for a random orthogonal Q, exactly symmetrised.</summary>
    private static Matrix<double> WithSpectrum(double[] lambda, int seed)
    {
        int n = lambda.Length;
        var q = Gaussian(n, n, seed).QR().Q;
        return Symmetrise(q * Matrix<double>.Build.DenseOfDiagonalArray(lambda) * q.Transpose());
    }

    /// <summary>The inputs of the table, by name: each with its order and seed.</summary>
    private static Matrix<double> Case(string kind, int n, int seed) => kind switch
    {
        "gaussian" => Symmetrise(Gaussian(n, n, seed)),
        "zero" => Matrix<double>.Build.Dense(n, n),
        // Four distinct values, each repeated about n/4 times: only the invariant subspaces are determined.
        "repeated" => WithSpectrum(Enumerable.Range(0, n).Select(i => (double)(i % 4) - 1.5).ToArray(), seed),
        // Eigenvalues from 1 down to 1e-15, geometrically: the small ones are at the level of the backward error.
        "graded" => WithSpectrum(Enumerable.Range(0, n).Select(i => Math.Pow(10, -15.0 * i / Math.Max(1, n - 1))).ToArray(), seed),
        // An exactly tridiagonal input: the reflectors are all the identity and QL does all the work.
        "tridiagonal" => Matrix<double>.Build.Dense(n, n, (i, j) => i == j ? 2 : Math.Abs(i - j) == 1 ? -1 : 0),
        "diagonal" => Matrix<double>.Build.DenseOfDiagonalArray(Gaussian(n, seed).ToArray()),
        // Far from 1 in magnitude: the rotations' radii leave the range of the plain √(a² + b²) for double.Hypot,
        // and the reflectors' norms are scaled; the residuals are relative, so the tolerances are the same.
        "tiny" => 1e-150 * Symmetrise(Gaussian(n, n, seed)),
        "huge" => 1e150 * Symmetrise(Gaussian(n, n, seed)),
        // Tridiagonal but for entries of 1e-305 outside the band: reflectors whose vectors are scaled by a largest
        // magnitude too small to invert.
        "neartridiagonal" => Case("tridiagonal", n, 0) + Symmetrise(Gaussian(n, n, seed)).PointwiseMultiply(
            Matrix<double>.Build.Dense(n, n, (i, j) => Math.Abs(i - j) > 1 ? 1e-305 : 0)),
        _ => throw new ArgumentException(kind),
    };

    private static (double[] Values, Matrix<double> Vectors) Solve(Matrix<double> x)
    {
        int n = x.RowCount;
        var values = new double[n];
        var vectors = new double[n * n];
        SymmetricEigensolver.Decompose(x.ToColumnMajorArray(), n, values, vectors);
        return (values, Matrix<double>.Build.DenseOfColumnMajor(n, n, vectors));
    }

    [TestCase("gaussian", 1, 1)]
    [TestCase("gaussian", 2, 2)]
    [TestCase("gaussian", 3, 3)]
    [TestCase("gaussian", 17, 4)]
    [TestCase("gaussian", 32, 5)]
    [TestCase("gaussian", 33, 6)]
    [TestCase("gaussian", 64, 7)]
    [TestCase("gaussian", 65, 8)]
    [TestCase("gaussian", 66, 9)]
    [TestCase("gaussian", 96, 14)]
    [TestCase("gaussian", 97, 15)]
    [TestCase("gaussian", 129, 16)]
    [TestCase("gaussian", 200, 10)]
    [TestCase("gaussian", 300, 11)]
    [TestCase("gaussian", 330, 12)]
    [TestCase("gaussian", 600, 13)]
    [TestCase("zero", 1, 0)]
    [TestCase("zero", 40, 0)]
    [TestCase("repeated", 3, 21)]
    [TestCase("repeated", 65, 22)]
    [TestCase("repeated", 200, 23)]
    [TestCase("graded", 17, 31)]
    [TestCase("graded", 130, 32)]
    [TestCase("graded", 300, 33)]
    [TestCase("tridiagonal", 2, 0)]
    [TestCase("tridiagonal", 64, 0)]
    [TestCase("tridiagonal", 333, 0)]
    [TestCase("diagonal", 5, 41)]
    [TestCase("diagonal", 100, 42)]
    [TestCase("neartridiagonal", 50, 47)]
    [TestCase("tiny", 40, 43)]
    [TestCase("tiny", 130, 44)]
    [TestCase("huge", 40, 45)]
    [TestCase("huge", 130, 46)]
    public void IsBackwardStableAscendingAndSignFixed(string kind, int n, int seed)
    {
        var x = Case(kind, n, seed);
        var (values, vectors) = Solve(x);
        double norm = x.FrobeniusNorm();
        var reconstruction = vectors * Matrix<double>.Build.DenseOfDiagonalArray(values) * vectors.Transpose() - x;
        Assert.That(reconstruction.FrobeniusNorm(), Is.LessThanOrEqualTo(Tolerances.ForProduct(n) * norm), "‖VΛVᵀ − X‖_F");
        var gram = vectors.Transpose() * vectors - Matrix<double>.Build.DenseIdentity(n);
        Assert.That(gram.FrobeniusNorm(), Is.LessThanOrEqualTo(Tolerances.ForProduct(n)), "‖VᵀV − I‖_F");
        for (int i = 0; i + 1 < n; i++) Assert.That(values[i], Is.LessThanOrEqualTo(values[i + 1]), $"λ[{i}] ≤ λ[{i + 1}]");
        for (int j = 0; j < n; j++)
        {
            var column = vectors.Column(j);
            int largest = 0;
            for (int i = 1; i < n; i++)
                if (Math.Abs(column[i]) > Math.Abs(column[largest])) largest = i;
            Assert.That(column[largest], Is.GreaterThan(0), $"column {j}: the first largest-magnitude entry is positive");
        }
    }

    [TestCase("repeated", 65, 22)]
    [TestCase("graded", 130, 32)]
    [TestCase("graded", 300, 33)]
    public void EigenvaluesOfAKnownSpectrumAreWithinTheBackwardError(string kind, int n, int seed)
    {
        var x = Case(kind, n, seed);
        double[] exact = kind == "repeated"
            ? Enumerable.Range(0, n).Select(i => (double)(i % 4) - 1.5).Order().ToArray()
            : Enumerable.Range(0, n).Select(i => Math.Pow(10, -15.0 * i / (n - 1))).Order().ToArray();
        var (values, _) = Solve(x);
        // Weyl: |λ̂ᵢ − λᵢ| ≤ ‖ΔX‖₂ ≤ ‖ΔX‖_F; X's own rounding (forming Q diag(λ) Qᵀ) is of the same order.
        double bound = Tolerances.ForProduct(n) * x.FrobeniusNorm();
        for (int i = 0; i < n; i++) Assert.That(values[i], Is.EqualTo(exact[i]).Within(bound), $"λ[{i}]");
    }

    [TestCase(2)]
    [TestCase(64)]
    [TestCase(333)]
    public void TheSecondDifferenceMatrixHasItsClosedFormEigenvalues(int n)
    {
        // tridiag(−1, 2, −1): λₖ = 2 − 2cos(kπ/(n + 1)), k = 1 … n, ascending; the input is exact.
        var (values, _) = Solve(Case("tridiagonal", n, 0));
        double bound = Tolerances.ForProduct(n) * 4; // ‖X‖₂ < 4
        for (int k = 1; k <= n; k++)
            Assert.That(values[k - 1], Is.EqualTo(2 - 2 * Math.Cos(k * Math.PI / (n + 1))).Within(bound), $"λ[{k - 1}]");
    }

    [TestCase(5, 41)]
    [TestCase(100, 42)]
    public void ADiagonalMatrixIsItsOwnDecompositionExactly(int n, int seed)
    {
        // Every reflector is the identity and no QL sweep runs: the values are the sorted diagonal, V a permutation.
        var x = Case("diagonal", n, seed);
        var (values, vectors) = Solve(x);
        var sorted = x.Diagonal().ToArray().Order().ToArray();
        Assert.That(values, Is.EqualTo(sorted));
        for (int j = 0; j < n; j++)
        {
            var column = vectors.Column(j);
            int one = column.AbsoluteMaximumIndex();
            Assert.That(column[one], Is.EqualTo(1.0), $"column {j}");
            Assert.That(x[one, one], Is.EqualTo(values[j]), $"column {j} is the unit vector of λ[{j}]");
            Assert.That(column.L1Norm(), Is.EqualTo(1.0), $"column {j} has one nonzero entry");
        }
    }

    [Test]
    public void ZeroGivesZeroValuesAndTheIdentity()
    {
        var (values, vectors) = Solve(Case("zero", 40, 0));
        Assert.That(values, Is.All.EqualTo(0.0));
        Assert.That(vectors.ToColumnMajorArray(), Is.EqualTo(Matrix<double>.Build.DenseIdentity(40).ToColumnMajorArray()));
    }

    [TestCase(33)]
    [TestCase(130)]
    [TestCase(340)]
    public void TheUpperTriangleIsNotRead(int n)
    {
        var x = Case("gaussian", n, n);
        double[] lower = x.ToColumnMajorArray(), poisoned = (double[])lower.Clone();
        for (int j = 1; j < n; j++) for (int i = 0; i < j; i++) poisoned[i + j * n] = double.NaN;
        double[] v1 = new double[n], v2 = new double[n], z1 = new double[n * n], z2 = new double[n * n];
        SymmetricEigensolver.Decompose(lower, n, v1, z1);
        SymmetricEigensolver.Decompose(poisoned, n, v2, z2);
        Assert.That(v2, Is.EqualTo(v1));
        Assert.That(z2, Is.EqualTo(z1));
    }

    [TestCase(65, 51)]
    [TestCase(200, 52)]
    public void AgreesWithMathNet(int n, int seed)
    {
        var x = Case("gaussian", n, seed);
        var (values, vectors) = Solve(x);
        var evd = x.Evd(Symmetricity.Symmetric);
        double bound = Tolerances.ForProduct(n) * x.FrobeniusNorm();
        for (int j = 0; j < n; j++)
        {
            // Both backward stable: eigenvalues within twice the backward error, vectors within that over the gap.
            Assert.That(values[j], Is.EqualTo(evd.EigenValues[j].Real).Within(2 * bound), $"λ[{j}]");
            double gap = Math.Min(j > 0 ? values[j] - values[j - 1] : double.PositiveInfinity,
                                  j + 1 < n ? values[j + 1] - values[j] : double.PositiveInfinity);
            var a = vectors.Column(j);
            var b = evd.EigenVectors.Column(j);
            Assert.That(Math.Min((a - b).L2Norm(), (a + b).L2Norm()), Is.LessThanOrEqualTo(2 * bound / gap), $"vector {j}");
        }
    }

    [Test]
    public void RefusesSpansThatDoNotMatchTheOrder()
    {
        Assert.Throws<ArgumentException>(() => SymmetricEigensolver.Decompose(new double[8], 3, new double[3], new double[9]));
        Assert.Throws<ArgumentException>(() => SymmetricEigensolver.Decompose(new double[9], 3, new double[2], new double[9]));
        Assert.Throws<ArgumentException>(() => SymmetricEigensolver.Decompose(new double[9], 3, new double[3], new double[8]));
        Assert.Throws<ArgumentException>(() => SymmetricEigensolver.Decompose([], 0, [], []));
    }
}
