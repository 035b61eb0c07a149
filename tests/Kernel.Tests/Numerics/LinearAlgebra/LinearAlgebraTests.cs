using Differentials.Numerics;
using static Differentials.Tests.Numerics.LinearAlgebraBackends;

namespace Differentials.Tests.Numerics;

/// <summary>
/// The fast linear algebra backends against MathNet's managed provider, on random and awkward shapes.
/// Tolerances follow the standard rounding bounds: a length-k dot product errs by at most γₖ·Σ|a||b|
/// (γₖ = ku/(1 − ku), u = ε/2; Higham §3.1), entry by entry, whatever the order of summation (so whatever the
/// machine's cache blocking); LU and inverses err by about n·ε times the size of the factors or the condition number.
/// </summary>
public class LinearAlgebraTests
{
    private static readonly MathNetLinearAlgebra Reference = new();
    private const double Eps = 2.220446049250313e-16;

    private static readonly int[][] Shapes =
    [
        [1, 1, 1], [1, 7, 5], [7, 1, 5], [5, 7, 1], [1, 1, 40],
        [1000, 3, 3], [3, 1000, 3], [3, 3, 1000], [1000, 3, 7],
        [7, 7, 7], [13, 13, 13], [17, 17, 17], [33, 33, 33], [65, 65, 65],
        [127, 127, 127], [129, 129, 129], [257, 257, 257],
        [25, 9, 300], [200, 31, 17], [5, 3100, 3], [130, 260, 270],
    ];

    private static IEnumerable<TestCaseData> MultiplyCases()
    {
        foreach (TestCaseData backend in Fast())
        {
            foreach (int[] s in Shapes)
            {
                foreach (bool ta in new[] { false, true })
                {
                    foreach (bool tb in new[] { false, true })
                    {
                        var candidate = (Candidate)backend.Arguments[0]!;
                        yield return new TestCaseData(candidate, s[0], s[1], s[2], ta, tb)
                            .SetArgDisplayNames(candidate.ToString(), $"{s[0]}x{s[2]}·{s[2]}x{s[1]}", ta ? "Aᵀ" : "A", tb ? "Bᵀ" : "B");
                    }
                }
            }
        }
    }

    [TestCaseSource(nameof(MultiplyCases))]
    public void MultiplyMatchesReference(Candidate candidate, int m, int n, int k, bool transA, bool transB)
    {
        var rng = new Random(m * 7919 + n * 104729 + k * 31 + (transA ? 1 : 0) + (transB ? 2 : 0));
        double[] a = RandomMatrix(rng, m * k), b = RandomMatrix(rng, k * n);
        var expected = new double[m * n];
        var actual = new double[m * n];
        Array.Fill(actual, double.NaN); // the product must overwrite, not accumulate
        Reference.Multiply(a, transA, b, transB, expected, m, n, k);
        candidate.Backend.Multiply(a, transA, b, transB, actual, m, n, k);

        AssertWithinProductBound(expected, actual, a, transA, b, transB, m, n, k);
    }

    [TestCaseSource(nameof(MultiplyCases))]
    public void MultiplyNegatedIsExactlyMinusTheProduct(Candidate candidate, int m, int n, int k, bool transA, bool transB)
    {
        var rng = new Random(m * 7919 + n * 104729 + k * 31 + (transA ? 1 : 0) + (transB ? 2 : 0));
        double[] a = RandomMatrix(rng, m * k), b = RandomMatrix(rng, k * n);
        var product = new double[m * n];
        candidate.Backend.Multiply(a, transA, b, transB, product, m, n, k);
        var negated = new double[m * n];
        Array.Fill(negated, double.NaN); // overwritten, not accumulated
        candidate.Backend.MultiplyNegated(a, transA, b, transB, negated, m, n, k);

        // Rounding to nearest is symmetric under a change of sign, so folding −1 into the product changes no value.
        Assert.That(negated, Is.EqualTo(product.Select(v => -v).ToArray()));
    }

    // c + op(a)·op(b) against the reference product added to c: one more rounding per entry than the product, on
    // values of magnitude ≤ k + 1 (c's entries are in [−1, 1]), so (k + 1)·ε·(k + 1) bounds the difference twice over.
    [TestCaseSource(nameof(MultiplyCases))]
    public void MultiplyAddAccumulatesTheProduct(Candidate candidate, int m, int n, int k, bool transA, bool transB)
    {
        var rng = new Random(m * 7919 + n * 104729 + k * 31 + (transA ? 1 : 0) + (transB ? 2 : 0));
        double[] a = RandomMatrix(rng, m * k), b = RandomMatrix(rng, k * n), c = RandomMatrix(rng, m * n);
        var expected = new double[m * n];
        Reference.Multiply(a, transA, b, transB, expected, m, n, k);
        for (int i = 0; i < expected.Length; i++) expected[i] += c[i];
        candidate.Backend.MultiplyAdd(a, transA, b, transB, c, m, n, k);
        Assert.That(MaxAbsDifference(expected, c), Is.LessThanOrEqualTo(4 * (k + 1) * Eps * (k + 1)));
    }

    [Test]
    public void MultiplyNegatedOfTheReferenceIsMinusItsProductAndNamesAShortSpan()
    {
        ILinearAlgebra reference = Reference;
        var rng = new Random(5);
        double[] a = RandomMatrix(rng, 6 * 4), b = RandomMatrix(rng, 4 * 5);
        var product = new double[30];
        var negated = new double[30];
        reference.Multiply(a, false, b, false, product, 6, 5, 4);
        reference.MultiplyNegated(a, false, b, false, negated, 6, 5, 4);
        Assert.That(negated, Is.EqualTo(product.Select(v => -v).ToArray()));
        var ex = Assert.Throws<ArgumentException>(() => reference.MultiplyNegated(a, false, b, false, new double[29], 6, 5, 4));
        Assert.That(ex!.Message, Does.Contain("6×5"));
    }

    [TestCaseSource(typeof(LinearAlgebraBackends), nameof(Fast))]
    public void MultiplyWithZeroInnerDimensionGivesZeros(Candidate candidate)
    {
        var c = new double[12];
        Array.Fill(c, 5.0);
        candidate.Backend.Multiply([], false, [], false, c, 3, 4, 0);
        Assert.That(c, Is.All.EqualTo(0.0));
    }

    [TestCaseSource(typeof(LinearAlgebraBackends), nameof(Fast))]
    public void MultiplyRejectsShortBuffers(Candidate candidate)
    {
        var ex = Assert.Throws<ArgumentException>(() => candidate.Backend.Multiply(new double[5], false, new double[6], false, new double[6], 2, 3, 3));
        Assert.That(ex!.Message, Does.Contain("2×3"));
    }

    private static IEnumerable<TestCaseData> LuCases()
    {
        foreach (TestCaseData backend in Fast())
        {
            foreach (int n in new[] { 1, 2, 3, 7, 13, 17, 33, 65, 127, 129, 257 })
            {
                var candidate = (Candidate)backend.Arguments[0]!;
                yield return new TestCaseData(candidate, n).SetArgDisplayNames(candidate.ToString(), $"n={n}");
            }
        }
    }

    [TestCaseSource(nameof(LuCases))]
    public void LuFactorMatchesReference(Candidate candidate, int n)
    {
        var rng = new Random(n);
        double[] a = RandomMatrix(rng, n * n);
        double[] expected = (double[])a.Clone(), actual = (double[])a.Clone();
        int[] expectedPivots = new int[n], actualPivots = new int[n];
        int expectedInfo = Reference.LuFactor(expected, n, expectedPivots);
        int actualInfo = candidate.Backend.LuFactor(actual, n, actualPivots);

        Assert.That(actualInfo, Is.EqualTo(expectedInfo));
        Assert.That(actualPivots, Is.EqualTo(expectedPivots));
        // Both factorisations reproduce P·A to about n·ε·‖A‖·growth; with identical pivots the factors
        // agree to the same order (partial pivoting keeps |L| ≤ 1, and entries of A are ≤ 1).
        double scale = Math.Max(1.0, MaxAbs(expected));
        Assert.That(MaxAbsDifference(expected, actual), Is.LessThanOrEqualTo(8 * n * Eps * scale));
        Assert.That(LuResidual(a, actual, actualPivots, n), Is.LessThanOrEqualTo(8 * n * Eps * scale));
    }

    [TestCaseSource(typeof(LinearAlgebraBackends), nameof(Fast))]
    public void LuPivotsWhenTheLeadingEntryIsZeroOrTiny(Candidate candidate)
    {
        // Column-major [[0, 2, 1], [1, 1, 0], [1e-20, 3, 4]] needs row swaps at the first two steps.
        double[] a = [0, 1, 1e-20, 2, 1, 3, 1, 0, 4];
        double[] expected = (double[])a.Clone(), actual = (double[])a.Clone();
        int[] expectedPivots = new int[3], actualPivots = new int[3];
        Reference.LuFactor(expected, 3, expectedPivots);
        int info = candidate.Backend.LuFactor(actual, 3, actualPivots);
        Assert.That(info, Is.EqualTo(-1));
        Assert.That(actualPivots, Is.EqualTo(expectedPivots));
        Assert.That(actualPivots[0], Is.EqualTo(1));
        Assert.That(MaxAbsDifference(expected, actual), Is.LessThanOrEqualTo(16 * Eps));
        Assert.That(LuResidual(a, actual, actualPivots, 3), Is.LessThanOrEqualTo(16 * Eps));
    }

    private static IEnumerable<TestCaseData> SingularCases()
    {
        foreach (TestCaseData backend in Fast())
        {
            var candidate = (Candidate)backend.Arguments[0]!;
            foreach ((int n, int zeroColumn) in new[] { (1, 0), (5, 0), (5, 3), (40, 17), (100, 99), (300, 150) })
                yield return new TestCaseData(candidate, n, zeroColumn).SetArgDisplayNames(candidate.ToString(), $"n={n}", $"zero column {zeroColumn}");
        }
    }

    [TestCaseSource(nameof(SingularCases))]
    public void LuReportsTheFirstExactlyZeroPivot(Candidate candidate, int n, int zeroColumn)
    {
        // A zero column stays exactly zero under elimination, so its pivot is exactly zero.
        double[] a = RandomMatrix(new Random(n + zeroColumn), n * n);
        Array.Clear(a, zeroColumn * n, n);
        double[] expected = (double[])a.Clone();
        int expectedInfo = Reference.LuFactor(expected, n, new int[n]);
        int info = candidate.Backend.LuFactor(a, n, new int[n]);
        Assert.That(info, Is.EqualTo(zeroColumn));
        Assert.That(info, Is.EqualTo(expectedInfo));
    }

    [TestCaseSource(typeof(LinearAlgebraBackends), nameof(Fast))]
    public void LuOfTheZeroMatrixReportsPivotZero(Candidate candidate)
    {
        Assert.That(candidate.Backend.LuFactor(new double[16], 4, new int[4]), Is.EqualTo(0));
    }

    [TestCaseSource(nameof(LuCases))]
    public void InverseMatchesReference(Candidate candidate, int n)
    {
        var rng = new Random(1000 + n);
        double[] a = RandomMatrix(rng, n * n);
        double[] lu = (double[])a.Clone();
        int[] pivots = new int[n];
        Assume.That(Reference.LuFactor(lu, n, pivots), Is.EqualTo(-1));
        var expected = new double[n * n];
        Reference.LuInvert(lu, pivots, n, expected);

        double[] fastLu = (double[])a.Clone();
        int[] fastPivots = new int[n];
        candidate.Backend.LuFactor(fastLu, n, fastPivots);
        var actual = new double[n * n];
        Array.Fill(actual, double.NaN);
        candidate.Backend.LuInvert(fastLu, fastPivots, n, actual);

        // Inverses computed by backward-stable methods differ by about n·ε·κ(A)·‖A⁻¹‖.
        double kappa = NormOne(a, n) * NormOne(expected, n);
        double tolerance = 4 * n * Eps * kappa * MaxAbs(expected);
        Assert.That(MaxAbsDifference(expected, actual), Is.LessThanOrEqualTo(tolerance));
    }

    [TestCaseSource(typeof(LinearAlgebraBackends), nameof(Fast))]
    public void LuRejectsShortBuffers(Candidate candidate)
    {
        var ex = Assert.Throws<ArgumentException>(() => candidate.Backend.LuFactor(new double[8], 3, new int[3]));
        Assert.That(ex!.Message, Does.Contain("3×3"));
        Assert.Throws<ArgumentException>(() => candidate.Backend.LuFactor(new double[9], 3, new int[2]));
    }

    internal static double[] RandomMatrix(Random rng, int length)
    {
        var x = new double[length];
        for (int i = 0; i < length; i++) x[i] = 2 * rng.NextDouble() - 1;
        return x;
    }

    /// <summary>Asserts |actual − expected| ≤ 2γₖ(|op(A)||op(B)|)ᵢⱼ for every entry: each of the two products
    /// errs by at most γₖ(|op(A)||op(B)|)ᵢⱼ (Higham, Accuracy and Stability, §3.5), in any summation order.
    /// A wrong term (dropped, doubled, misplaced) errs by a whole |aᵢₗbₗⱼ|, far beyond it.</summary>
    internal static void AssertWithinProductBound(double[] expected, double[] actual, double[] a, bool transA, double[] b, bool transB, int m, int n, int k)
    {
        Assert.That(actual, Has.Length.EqualTo(expected.Length));
        var magnitude = new double[m * n];
        Reference.Multiply(Array.ConvertAll(a, Math.Abs), transA, Array.ConvertAll(b, Math.Abs), transB, magnitude, m, n, k);
        double u = Eps / 2, gamma = k * u / (1 - k * u);
        // The magnitudes are sums of non-negative terms, computed to within a relative γₖ themselves.
        double factor = 2 * gamma * (1 + gamma);
        for (int e = 0; e < expected.Length; e++)
        {
            double difference = Math.Abs(actual[e] - expected[e]), bound = factor * magnitude[e];
            if (!(difference <= bound))
                Assert.Fail($"entry ({e % m}, {e / m}) of the {m}×{n} product (k = {k}): {actual[e]:R} against {expected[e]:R}, " +
                            $"off by {difference:E3}, beyond 2γₖ·(|A||B|)ᵢⱼ = {bound:E3}");
        }
    }

    internal static double MaxAbsDifference(double[] x, double[] y)
    {
        Assert.That(y, Has.Length.EqualTo(x.Length));
        double max = 0;
        for (int i = 0; i < x.Length; i++)
        {
            double d = Math.Abs(x[i] - y[i]);
            if (double.IsNaN(d)) return double.PositiveInfinity;
            max = Math.Max(max, d);
        }
        return max;
    }

    private static double MaxAbs(double[] x) => x.Length == 0 ? 0 : x.Max(Math.Abs);

    private static double NormOne(double[] a, int n)
    {
        double best = 0;
        for (int j = 0; j < n; j++)
        {
            double sum = 0;
            for (int i = 0; i < n; i++) sum += Math.Abs(a[i + j * n]);
            best = Math.Max(best, sum);
        }
        return best;
    }

    /// <summary>max |(P·A − L·U)_ij| for LAPACK-style pivots (row i swapped with pivots[i], in order).</summary>
    private static double LuResidual(double[] a, double[] lu, int[] pivots, int n)
    {
        var pa = (double[])a.Clone();
        for (int i = 0; i < n; i++)
        {
            int p = pivots[i];
            for (int j = 0; j < n; j++) (pa[i + j * n], pa[p + j * n]) = (pa[p + j * n], pa[i + j * n]);
        }
        double max = 0;
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double sum = 0;
                for (int t = 0; t <= Math.Min(i, j); t++)
                {
                    double l = t == i ? 1.0 : lu[i + t * n];
                    sum += l * lu[t + j * n];
                }
                max = Math.Max(max, Math.Abs(pa[i + j * n] - sum));
            }
        }
        return max;
    }
}
