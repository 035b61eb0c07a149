using System.Globalization;

namespace Differentials.Numerics;

/// <summary>
/// A quick test that a linear algebra backend computes what its contract says, run on every native library
/// before it is used: a library built with 64-bit integers, a broken build or a wrong symbol gives garbage
/// that the timings of <see cref="AutomaticLinearAlgebra"/> would happily call fast. Each routine runs on
/// small fixed matrices and is compared, entry by entry, with the rounding-error bound of its algorithm
/// (Higham, <i>Accuracy and Stability of Numerical Algorithms</i>, §3.5, Theorems 9.3 and 9.4, §14.3), with
/// γₖ = kε/(1 − kε); the reference products computed here carry their own γₖ, so each bound counts both.
/// </summary>
internal static class BackendSelfCheck
{
    private const double Epsilon = Verification.Tolerances.Epsilon;

    /// <summary>Whether <paramref name="backend"/> passes; when not, the first failure in words.</summary>
    /// <param name="backend">The backend under test.</param>
    /// <param name="failure">Empty when it passes; otherwise the routine, the shape and the worst entry against its bound.</param>
    public static bool Passes(ILinearAlgebra backend, out string failure)
    {
        try
        {
            failure = FirstFailure(backend);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or ArithmeticException)
        {
            failure = $"{e.GetType().Name}: {e.Message}";
        }
        return failure.Length == 0;
    }

    private static string FirstFailure(ILinearAlgebra backend)
    {
        var random = new Random(20261204);
        // Shapes big enough to leave a library's small-matrix paths, small enough to take well under a millisecond.
        foreach ((int m, int n, int k) in new[] { (7, 6, 5), (70, 50, 40) })
        {
            foreach (bool ta in new[] { false, true })
            {
                foreach (bool tb in new[] { false, true })
                {
                    double[] a = Fill(random, m * k), b = Fill(random, k * n), c = new double[m * n];
                    backend.Multiply(a, ta, b, tb, c, m, n, k);
                    string what = $"multiply {(ta ? "Aᵀ" : "A")}·{(tb ? "Bᵀ" : "B")} {m}×{k} by {k}×{n}";
                    string failed = CompareProduct(what, c, a, ta, b, tb, m, n, k, 2 * Gamma(k));
                    if (failed.Length > 0) return failed;
                }
            }
        }

        const int rows = 45, cols = 30;
        double[] x = Fill(random, rows * cols), gram = new double[cols * cols];
        backend.Gram(x, rows, cols, gram);
        string gramFailed = CompareProduct($"Gram of {rows}×{cols}", gram, x, true, x, false, cols, cols, rows, 2 * Gamma(rows));
        if (gramFailed.Length > 0) return gramFailed;
        for (int j = 0; j < cols; j++)
            for (int i = j + 1; i < cols; i++)
                if (gram[i + j * cols] != gram[j + i * cols]) return $"Gram of {rows}×{cols} is not exactly symmetric at ({i}, {j})";

        string luFailed = LuFailure(backend, random, 50);
        return luFailed.Length > 0 ? luFailed : TriangularFailure(backend, random, 40);
    }

    private static string TriangularFailure(ILinearAlgebra backend, Random random, int n)
    {
        // A lower triangle with a dominant diagonal; the strict upper triangle holds values that must not be read.
        double[] l = Fill(random, n * n);
        for (int i = 0; i < n; i++) l[i + i * n] = 2 + Math.Abs(l[i + i * n]);
        double[] lower = (double[])l.Clone();
        for (int j = 1; j < n; j++) Array.Clear(lower, j * n, j);
        const int columns = 5;
        foreach (bool transposed in new[] { false, true })
        {
            double[] b = Fill(random, n * columns), x = (double[])b.Clone(), lx = new double[n * columns], bound = new double[n * columns];
            backend.SolveLower(l, n, transposed, x, columns);
            // (L + ΔL)x = b with |ΔL| ≤ γₙ|L| (Theorem 8.5), and γₙ|L||x| again for forming Lx here.
            Naive(lower, transposed, x, false, lx, n, columns, n);
            Naive(Array.ConvertAll(lower, Math.Abs), transposed, Array.ConvertAll(x, Math.Abs), false, bound, n, columns, n);
            for (int i = 0; i < b.Length; i++)
            {
                double residual = Math.Abs(b[i] - lx[i]), allowed = 2 * Gamma(n) * bound[i];
                if (!(residual <= allowed))
                    return Describe($"triangular solve{(transposed ? " (transposed)" : "")} of {n}×{n} with {columns} right-hand sides", i, residual, allowed);
            }
        }
        return "";
    }

    private static string LuFailure(ILinearAlgebra backend, Random random, int n)
    {
        // Diagonally dominant, so the inverse's bound below is not swamped by a condition number.
        double[] a = Fill(random, n * n);
        for (int i = 0; i < n; i++) a[i + i * n] += n;
        double[] lu = (double[])a.Clone();
        int[] pivots = new int[n];
        int zero = backend.LuFactor(lu, n, pivots);
        if (zero >= 0) return $"LU of a diagonally dominant {n}×{n} matrix reported a zero pivot at {zero}";
        for (int i = 0; i < n; i++)
            if (pivots[i] < i || pivots[i] >= n) return $"LU pivot {i} is {pivots[i]}, outside {i}..{n - 1}";

        // PA = LU to within γₙ|L||U| (Theorem 9.3), plus γₙ|L||U| for forming L·U here.
        double[] l = new double[n * n], u = new double[n * n], pa = (double[])a.Clone();
        for (int j = 0; j < n; j++)
        {
            for (int i = 0; i < n; i++)
            {
                if (i > j) l[i + j * n] = lu[i + j * n];
                else u[i + j * n] = lu[i + j * n];
            }
            l[j + j * n] = 1;
        }
        for (int i = 0; i < n; i++)
        {
            int p = pivots[i];
            if (p == i) continue;
            for (int j = 0; j < n; j++) (pa[i + j * n], pa[p + j * n]) = (pa[p + j * n], pa[i + j * n]);
        }
        string failed = CompareProduct($"LU of {n}×{n} (PA against L·U)", pa, l, false, u, false, n, n, n, 2 * Gamma(n));
        if (failed.Length > 0) return failed;

        // Solves: (A + ΔA)x = b with |ΔA| ≤ γ₃ₙPᵀ|L||U| (Theorem 9.4), so |b − Ax| ≤ γ₃ₙPᵀ|L||U||x| + γₙ|A||x|
        // (the second term for forming Ax here). The permutation is bounded away: every entry of column t of
        // Pᵀ|L||U| is at most that column's largest entry, columnMax[t].
        double[] luAbs = AbsoluteProduct(l, u, n), columnMax = new double[n];
        for (int t = 0; t < n; t++)
            for (int r = 0; r < n; r++) columnMax[t] = Math.Max(columnMax[t], luAbs[r + t * n]);
        const int columns = 3;
        foreach (bool transposed in new[] { false, true })
        {
            double[] b = Fill(random, n * columns), solution = (double[])b.Clone();
            if (transposed) backend.LuSolveTransposed(lu, pivots, n, solution, columns);
            else backend.LuSolve(lu, pivots, n, solution, columns);
            double[] ax = new double[n * columns];
            Naive(a, transposed, solution, false, ax, n, columns, n);
            for (int j = 0; j < columns; j++)
            {
                double norm1 = 0;
                for (int t = 0; t < n; t++) norm1 += Math.Abs(solution[t + j * n]);
                for (int i = 0; i < n; i++)
                {
                    double factored = 0, direct = 0;
                    for (int t = 0; t < n; t++)
                    {
                        double x = Math.Abs(solution[t + j * n]);
                        if (!transposed) factored += columnMax[t] * x;
                        direct += Math.Abs(transposed ? a[t + i * n] : a[i + t * n]) * x;
                    }
                    // Transposed, the perturbation is (Pᵀ|L||U|)ᵀ: row i of it is column i of |L||U|, permuted.
                    if (transposed) factored = columnMax[i] * norm1;
                    double bound = Gamma(3 * n) * factored + Gamma(n) * direct;
                    double residual = Math.Abs(b[i + j * n] - ax[i + j * n]);
                    if (!(residual <= bound))
                        return Describe($"LU solve{(transposed ? " (transposed)" : "")} of {n}×{n} with {columns} right-hand sides", i + j * n, residual, bound);
                }
            }
        }

        // The inverse: |XA − I| ≤ c·n·ε|X|Pᵀ|L||U| for dgetri's method (§14.3), c = 3 here, plus γₙ|X||A| for
        // forming XA; the permutation is bounded by columnMax as above.
        double[] inverse = new double[n * n], xa = new double[n * n], xA = new double[n * n];
        backend.LuInvert(lu, pivots, n, inverse);
        Naive(inverse, false, a, false, xa, n, n, n);
        double[] absInverse = Array.ConvertAll(inverse, Math.Abs);
        Naive(absInverse, false, Array.ConvertAll(a, Math.Abs), false, xA, n, n, n);
        for (int i = 0; i < n; i++)
        {
            double rowSum = 0;
            for (int t = 0; t < n; t++) rowSum += absInverse[i + t * n];
            for (int j = 0; j < n; j++)
            {
                double residual = Math.Abs(xa[i + j * n] - (i == j ? 1 : 0));
                double bound = Gamma(3 * n) * rowSum * columnMax[j] + Gamma(n) * xA[i + j * n];
                if (!(residual <= bound)) return Describe($"LU inverse of {n}×{n} (X·A against I)", i + j * n, residual, bound);
            }
        }
        return "";
    }

    private static string CompareProduct(string what, double[] c, double[] a, bool ta, double[] b, bool tb, int m, int n, int k, double gamma)
    {
        double[] reference = new double[m * n], magnitude = new double[m * n];
        Naive(a, ta, b, tb, reference, m, n, k);
        Naive(Array.ConvertAll(a, Math.Abs), ta, Array.ConvertAll(b, Math.Abs), tb, magnitude, m, n, k);
        for (int i = 0; i < m * n; i++)
        {
            double difference = Math.Abs(c[i] - reference[i]), bound = gamma * magnitude[i];
            if (!(difference <= bound)) return Describe(what, i, difference, bound);
        }
        return "";
    }

    private static string Describe(string what, int index, double error, double bound) => string.Create(CultureInfo.InvariantCulture,
        $"{what}: entry {index} is off by {error:G3}, bound {bound:G3}");

    private static void Naive(double[] a, bool ta, double[] b, bool tb, double[] c, int m, int n, int k)
    {
        for (int j = 0; j < n; j++)
        {
            for (int i = 0; i < m; i++)
            {
                double sum = 0;
                for (int t = 0; t < k; t++) sum += (ta ? a[t + i * k] : a[i + t * m]) * (tb ? b[j + t * n] : b[t + j * k]);
                c[i + j * m] = sum;
            }
        }
    }

    private static double[] AbsoluteProduct(double[] l, double[] u, int n)
    {
        double[] product = new double[n * n];
        Naive(Array.ConvertAll(l, Math.Abs), false, Array.ConvertAll(u, Math.Abs), false, product, n, n, n);
        return product;
    }



    private static double Gamma(int k) => k * Epsilon / (1 - k * Epsilon);

    /// <summary>Uniform entries in [−1, 1).</summary>
    internal static double[] Fill(Random random, int length)
    {
        double[] values = new double[length];
        for (int i = 0; i < length; i++) values[i] = 2 * random.NextDouble() - 1;
        return values;
    }
}
