using Differentials.Numerics;
using static Differentials.Tests.Numerics.LinearAlgebraBackends;

namespace Differentials.Tests.Numerics;

/// <summary>
/// The Gram product (symmetric, half the work), the Gram pullback's product A·(B + Bᵀ), and LU solves,
/// against MathNet's full product and inverse. Tolerances: 2γₖ(|A|ᵀ|A|)ᵢⱼ per entry of a product (each side's
/// rounding bound, in any summation order); n·ε·κ for solves.
/// </summary>
public class GramAndSolveTests
{
    private static readonly MathNetLinearAlgebra Reference = new();
    private const double Eps = 2.220446049250313e-16;

    private static IEnumerable<TestCaseData> GramCases() =>
        from backend in Fast().Concat([new TestCaseData(new Candidate(Reference))])
        let candidate = (Candidate)backend.Arguments[0]!
        from shape in new[] { (1, 1), (1000, 3), (3, 1000), (17, 13), (500, 400), (257, 777), (300, 1100) }
        select new TestCaseData(candidate, shape.Item1, shape.Item2).SetArgDisplayNames(candidate.ToString(), $"{shape.Item1}x{shape.Item2}");

    [TestCaseSource(nameof(GramCases))]
    public void GramMatchesFullProductAndIsExactlySymmetric(Candidate candidate, int rows, int cols)
    {
        double[] a = LinearAlgebraTests.RandomMatrix(new Random(rows * 31 + cols), rows * cols);
        var expected = new double[cols * cols];
        Reference.Multiply(a, true, (double[])a.Clone(), false, expected, cols, cols, rows);

        var gram = new double[cols * cols];
        Array.Fill(gram, double.NaN);
        candidate.Backend.Gram(a, rows, cols, gram);
        // The operators' spelling: Multiply with the same buffer on both sides.
        var viaMultiply = new double[cols * cols];
        Array.Fill(viaMultiply, double.NaN);
        candidate.Backend.Multiply(a, true, a, false, viaMultiply, cols, cols, rows);

        LinearAlgebraTests.AssertWithinProductBound(expected, gram, a, true, a, false, cols, cols, rows);
        LinearAlgebraTests.AssertWithinProductBound(expected, viaMultiply, a, true, a, false, cols, cols, rows);
        int asymmetric = 0;
        for (int i = 0; i < cols; i++)
        {
            for (int j = 0; j < i; j++)
            {
                if (gram[i + j * cols] != gram[j + i * cols]) asymmetric++;
            }
        }
        Assert.That(asymmetric, Is.Zero, "entries (i, j) that differ from (j, i)");
    }

    // A m×n times (B + Bᵀ), B n×n: tall and wide (either split of the two threads), 1×1, and sizes that
    // straddle the packing blocks (KC, set from the L1d size: 168 to 336 on the machines seen) and the vector width.
    private static IEnumerable<TestCaseData> SymmetricSumCases() =>
        from backend in Fast().Concat([new TestCaseData(new Candidate(Reference))])
        let candidate = (Candidate)backend.Arguments[0]!
        from shape in new[] { (1, 1), (1000, 3), (3, 300), (17, 13), (500, 400), (257, 777) }
        select new TestCaseData(candidate, shape.Item1, shape.Item2).SetArgDisplayNames(candidate.ToString(), $"{shape.Item1}x{shape.Item2}");

    [TestCaseSource(nameof(SymmetricSumCases))]
    public void MultiplyBySymmetricSumIsTheProductWithBPlusBTransposed(Candidate candidate, int m, int n)
    {
        var rng = new Random(m * 7919 + n);
        double[] a = LinearAlgebraTests.RandomMatrix(rng, m * n), b = LinearAlgebraTests.RandomMatrix(rng, n * n);
        var sum = new double[n * n];
        for (int j = 0; j < n; j++)
        {
            for (int i = 0; i < n; i++) sum[i + j * n] = b[i + j * n] + b[j + i * n];
        }
        var expected = new double[m * n];
        Reference.Multiply(a, false, sum, false, expected, m, n, n);
        var formed = new double[m * n];
        candidate.Backend.Multiply(a, false, sum, false, formed, m, n, n);

        var actual = new double[m * n];
        Array.Fill(actual, double.NaN); // overwritten, not accumulated
        candidate.Backend.MultiplyBySymmetricSum(a, b, actual, m, n);

        // B + Bᵀ is rounded once on both sides, the same way, so the products' bound is all there is.
        LinearAlgebraTests.AssertWithinProductBound(expected, actual, a, false, sum, false, m, n, n);
        // The same rounded sums in the same product: bit for bit what the backend gives with the sum formed.
        Assert.That(actual, Is.EqualTo(formed));
    }

    [Test]
    public void MultiplyBySymmetricSumNamesAShortSpan()
    {
        ILinearAlgebra simd = new SimdLinearAlgebra();
        var ex = Assert.Throws<ArgumentException>(() => simd.MultiplyBySymmetricSum(new double[6], new double[8], new double[6], 2, 3));
        Assert.That(ex!.Message, Does.Contain("3×3"));
    }

    // Each backend's solve with A and with Aᵀ (the SIMD backend's blocked ones included), on square systems small
    // and large and on one to many right-hand sides.
    private static IEnumerable<TestCaseData> SolveCases() => SystemCases([(1, 1), (5, 1), (33, 3), (129, 200), (300, 7)], "A");

    // Every backend (the reference included) × shape (order, right-hand sides) × the matrix or its transpose.
    private static IEnumerable<TestCaseData> SystemCases((int N, int Columns)[] shapes, string matrix) =>
        from backend in Fast().Concat([new TestCaseData(new Candidate(Reference))])
        let candidate = (Candidate)backend.Arguments[0]!
        from shape in shapes
        from transposed in new[] { false, true }
        select new TestCaseData(candidate, shape.N, shape.Columns, transposed)
            .SetArgDisplayNames(candidate.ToString(), $"n={shape.N}", $"{shape.Columns} columns", transposed ? matrix + "ᵀ" : matrix);

    // LuSolve against A⁻¹·B, LuSolveTransposed against A⁻ᵀ·B, both from the reference inverse, within the κ₁-scaled
    // bound of op(A) (κ₁(Aᵀ) = κ∞(A): the largest row sums).
    [TestCaseSource(nameof(SolveCases))]
    public void LuSolveMatchesTheInverseTimesB(Candidate candidate, int n, int columns, bool transposed)
    {
        var rng = new Random(n * 7 + columns);
        double[] a = LinearAlgebraTests.RandomMatrix(rng, n * n);
        double[] b = LinearAlgebraTests.RandomMatrix(rng, n * columns);
        double[] lu = (double[])a.Clone();
        int[] pivots = new int[n];
        Assume.That(Reference.LuFactor(lu, n, pivots), Is.EqualTo(-1));
        var inverse = new double[n * n];
        Reference.LuInvert(lu, pivots, n, inverse);
        var expected = new double[n * columns];
        Reference.Multiply(inverse, transposed, b, false, expected, n, columns, n);

        double[] fastLu = (double[])a.Clone();
        int[] fastPivots = new int[n];
        candidate.Backend.LuFactor(fastLu, n, fastPivots);
        double[] x = (double[])b.Clone();
        if (transposed)
            candidate.Backend.LuSolveTransposed(fastLu, fastPivots, n, x, columns);
        else
            candidate.Backend.LuSolve(fastLu, fastPivots, n, x, columns);

        double[] Op(double[] m)
        {
            if (!transposed) return m;
            var t = new double[n * n];
            VectorOps.Transpose(m, t, n);
            return t;
        }
        double tolerance = 8 * n * Eps * OneNorm(Op(a), n) * OneNorm(Op(inverse), n) * Math.Max(1.0, expected.Max(Math.Abs));
        Assert.That(LinearAlgebraTests.MaxAbsDifference(expected, x), Is.LessThanOrEqualTo(tolerance));
    }

    // The largest column sum of an n×n column-major matrix.
    private static double OneNorm(double[] m, int n) =>
        Enumerable.Range(0, n).Max(j => Enumerable.Range(0, n).Sum(i => Math.Abs(m[i + j * n])));

    [Test]
    public void LuSolveRejectsShortRightHandSides()
    {
        ILinearAlgebra simd = new SimdLinearAlgebra();
        var ex = Assert.Throws<ArgumentException>(() => simd.LuSolve(new double[9], new int[3], 3, new double[5], 2));
        Assert.That(ex!.Message, Does.Contain("3×2"));
    }

    // Each backend's triangular solve with L and with Lᵀ, across the SIMD solve's 32-row base blocks, its 8-column
    // tiles and its two-thread column split (from 16 columns and 64³ multiply-adds).
    private static IEnumerable<TestCaseData> TriangularCases() =>
        SystemCases([(1, 1), (7, 9), (32, 8), (33, 17), (65, 1), (200, 130), (300, 15)], "L");

    // (L + ΔL)x = b with |ΔL| ≤ γₙ|L| for substitution in any order of its inner products (Higham, Theorem 8.5);
    // forming Lx here adds γₙ|L||x|, so |b − Lx| ≤ 2γₙ|L||x| entry by entry. The strict upper triangle holds
    // NaN: a solve that reads it fails.
    [TestCaseSource(nameof(TriangularCases))]
    public void SolveLowerMeetsTheSubstitutionBound(Candidate candidate, int n, int columns, bool transposed)
    {
        var rng = new Random(n * 31 + columns);
        double[] l = LinearAlgebraTests.RandomMatrix(rng, n * n);
        double[] lower = (double[])l.Clone();
        for (int j = 0; j < n; j++)
        {
            l[j + j * n] = lower[j + j * n] = 1 + Math.Abs(l[j + j * n]);
            for (int i = 0; i < j; i++)
            {
                l[i + j * n] = double.NaN;
                lower[i + j * n] = 0;
            }
        }
        double[] b = LinearAlgebraTests.RandomMatrix(rng, n * columns), x = (double[])b.Clone();
        candidate.Backend.SolveLower(l, n, transposed, x, columns);

        var lx = new double[n * columns];
        var bound = new double[n * columns];
        Reference.Multiply(lower, transposed, x, false, lx, n, columns, n);
        Reference.Multiply(Array.ConvertAll(lower, Math.Abs), transposed, Array.ConvertAll(x, Math.Abs), false, bound, n, columns, n);
        double gamma = n * Eps / (1 - n * Eps);
        for (int i = 0; i < b.Length; i++)
            Assert.That(Math.Abs(b[i] - lx[i]), Is.LessThanOrEqualTo(2 * gamma * bound[i]), $"entry {i}");
    }

    [Test]
    public void SolveLowerRejectsShortBuffers()
    {
        ILinearAlgebra simd = new SimdLinearAlgebra();
        var ex = Assert.Throws<ArgumentException>(() => simd.SolveLower(new double[8], 3, false, new double[6], 2));
        Assert.That(ex!.Message, Does.Contain("3×3"));
        ex = Assert.Throws<ArgumentException>(() => simd.SolveLower(new double[9], 3, true, new double[5], 2));
        Assert.That(ex!.Message, Does.Contain("3×2"));
    }

    // The in-place lower update C −= AᵀA across register tiles, the two-thread split and blocks with padding rows.
    private static IEnumerable<TestCaseData> GramUpdateCases() =>
        from backend in Fast().Concat([new TestCaseData(new Candidate(Reference))])
        let candidate = (Candidate)backend.Arguments[0]!
        from shape in new[] { (1, 1), (5, 7), (64, 30), (64, 200), (17, 301) }
        select new TestCaseData(candidate, shape.Item1, shape.Item2)
            .SetArgDisplayNames(candidate.ToString(), $"{shape.Item1}×{shape.Item2}");

    // Each entry is c − Σ a·a, k + 1 roundings: |computed − exact| ≤ γₖ₊₁(|c| + |A|ᵀ|A|), and the reference here
    // as much again. The padding rows of each column (ldc > cols) must be left exactly as they were.
    [TestCaseSource(nameof(GramUpdateCases))]
    public void SubtractGramLowerUpdatesTheLowerTriangleInPlace(Candidate candidate, int rows, int cols)
    {
        var rng = new Random(rows * 13 + cols);
        int ldc = cols + 3;
        double[] a = LinearAlgebraTests.RandomMatrix(rng, rows * cols), c = LinearAlgebraTests.RandomMatrix(rng, ldc * cols);
        double[] before = (double[])c.Clone();
        candidate.Backend.SubtractGramLower(a, rows, cols, c, ldc);
        double gamma = (rows + 1) * Eps / (1 - (rows + 1) * Eps);
        for (int j = 0; j < cols; j++)
        {
            for (int i = j; i < cols; i++)
            {
                double exact = before[i + j * ldc], magnitude = Math.Abs(exact);
                for (int p = 0; p < rows; p++)
                {
                    exact -= a[p + i * rows] * a[p + j * rows];
                    magnitude += Math.Abs(a[p + i * rows] * a[p + j * rows]);
                }
                Assert.That(Math.Abs(c[i + j * ldc] - exact), Is.LessThanOrEqualTo(2 * gamma * magnitude), $"({i}, {j})");
            }
            for (int i = cols; i < ldc; i++) Assert.That(c[i + j * ldc], Is.EqualTo(before[i + j * ldc]), $"padding ({i}, {j})");
        }
    }
}
