using Differentials.Verification;
using MathNet.Numerics.LinearAlgebra;
using static Differentials.Tests.Operators.OperatorTestSupport;

namespace Differentials.Tests.Rules;

/// <summary>
/// Each product rule against Ridders' extrapolation of the product along (da, db). The products are
/// bilinear, so the differential is exact up to rounding: Tolerances.ForProduct(inner size) covers it.
/// </summary>
public class ProductRuleTests
{
    private static Vector<double> Stack(params Vector<double>[] parts) =>
        Vector<double>.Build.DenseOfEnumerable(parts.SelectMany(p => p.Enumerate()));

    private static Vector<double> Vec(Matrix<double> m) => Vectorization.Vec(m);

    private static Matrix<double> Part(Vector<double> z, int offset, int rows, int columns) =>
        Vectorization.Unvec(z.SubVector(offset, rows * columns), rows, columns);

    [TestCase(1, 1)]
    [TestCase(6, 2)]
    [TestCase(40, 3)]
    public void ElementwiseVectors(int n, int seed)
    {
        Vector<double> a = Gaussian(n, seed), b = Gaussian(n, seed + 1);
        VerificationResult result = FiniteDifferences.CheckDifferential(
            z => ProductRule.Elementwise(z.SubVector(0, n), z.SubVector(n, n)),
            (z, d) => ProductRule.Elementwise(z.SubVector(0, n), z.SubVector(n, n), d.SubVector(0, n), d.SubVector(n, n)),
            Stack(a, b), Gaussian(2 * n, seed + 2), name: $"d(a ⊙ b), n={n}");
        TestContext.Out.WriteLine(result);
        result.EnsurePassed();
    }

    [TestCase(3, 4, 1)]
    [TestCase(7, 2, 2)]
    public void ElementwiseMatrices(int m, int n, int seed)
    {
        int size = m * n;
        VerificationResult result = FiniteDifferences.CheckDifferential(
            z => Vec(ProductRule.Elementwise(Part(z, 0, m, n), Part(z, size, m, n))),
            (z, d) => Vec(ProductRule.Elementwise(Part(z, 0, m, n), Part(z, size, m, n), Part(d, 0, m, n), Part(d, size, m, n))),
            Gaussian(2 * size, seed), Gaussian(2 * size, seed + 1), name: $"d(A ⊙ B), {m}×{n}");
        TestContext.Out.WriteLine(result);
        result.EnsurePassed();
    }

    [TestCase(1, 1, 1, 1)]
    [TestCase(3, 4, 2, 2)]
    [TestCase(5, 7, 6, 3)]
    public void MatrixProduct(int m, int k, int n, int seed)
    {
        int sa = m * k, sb = k * n;
        VerificationResult result = FiniteDifferences.CheckDifferential(
            z => Vec(ProductRule.MatrixProduct(Part(z, 0, m, k), Part(z, sa, k, n))),
            (z, d) => Vec(ProductRule.MatrixProduct(Part(z, 0, m, k), Part(z, sa, k, n), Part(d, 0, m, k), Part(d, sa, k, n))),
            Gaussian(sa + sb, seed), Gaussian(sa + sb, seed + 1), name: $"d(AB), {m}×{k}·{k}×{n}");
        TestContext.Out.WriteLine(result);
        result.EnsurePassed();
    }

    [TestCase(1, 1)]
    [TestCase(9, 2)]
    public void InnerProductOfVectors(int n, int seed)
    {
        VerificationResult result = FiniteDifferences.CheckDifferential(
            z => Vector<double>.Build.Dense(1, ProductRule.InnerProduct(z.SubVector(0, n), z.SubVector(n, n))),
            (z, d) => Vector<double>.Build.Dense(1, ProductRule.InnerProduct(z.SubVector(0, n), z.SubVector(n, n), d.SubVector(0, n), d.SubVector(n, n))),
            Gaussian(2 * n, seed), Gaussian(2 * n, seed + 1), name: $"d⟨a, b⟩, n={n}");
        TestContext.Out.WriteLine(result);
        result.EnsurePassed();
    }

    [TestCase(2, 3, 1)]
    [TestCase(4, 4, 2)]
    public void InnerProductOfMatrices(int m, int n, int seed)
    {
        int size = m * n;
        VerificationResult result = FiniteDifferences.CheckDifferential(
            z => Vector<double>.Build.Dense(1, ProductRule.InnerProduct(Part(z, 0, m, n), Part(z, size, m, n))),
            (z, d) => Vector<double>.Build.Dense(1, ProductRule.InnerProduct(Part(z, 0, m, n), Part(z, size, m, n), Part(d, 0, m, n), Part(d, size, m, n))),
            Gaussian(2 * size, seed), Gaussian(2 * size, seed + 1), name: $"d⟨A, B⟩, {m}×{n}");
        TestContext.Out.WriteLine(result);
        result.EnsurePassed();
    }

    [TestCase(2, 3, 3, 2, 1)]
    [TestCase(1, 4, 2, 2, 2)]
    public void Kronecker(int p, int q, int r, int s, int seed)
    {
        int sa = p * q, sb = r * s;
        VerificationResult result = FiniteDifferences.CheckDifferential(
            z => Vec(ProductRule.Kronecker(Part(z, 0, p, q), Part(z, sa, r, s))),
            (z, d) => Vec(ProductRule.Kronecker(Part(z, 0, p, q), Part(z, sa, r, s), Part(d, 0, p, q), Part(d, sa, r, s))),
            Gaussian(sa + sb, seed), Gaussian(sa + sb, seed + 1), name: $"d(A ⊗ B), {p}×{q} ⊗ {r}×{s}");
        TestContext.Out.WriteLine(result);
        result.EnsurePassed();
    }

    [Test]
    public void ForBilinearGivesTheSameAsTheNamedRules()
    {
        Matrix<double> a = Gaussian(3, 4, 1), b = Gaussian(4, 2, 2), da = Gaussian(3, 4, 3), db = Gaussian(4, 2, 4);
        var rule = ProductRule.ForBilinear<Matrix<double>, Matrix<double>, Matrix<double>>(ProductRule.MatrixProduct, (x, y) => x + y);
        Assert.That(rule(a, b, da, db), Is.EqualTo(ProductRule.MatrixProduct(a, b, da, db)));
    }

    [Test]
    public void KnownValues()
    {
        // d(a ⊙ b) with a = [1, 2], b = [3, 4], da = [1, 0], db = [0, 1]: [3, 0] + [0, 2] = [3, 2].
        var a = Vector<double>.Build.DenseOfArray([1, 2]);
        var b = Vector<double>.Build.DenseOfArray([3, 4]);
        var da = Vector<double>.Build.DenseOfArray([1, 0]);
        var db = Vector<double>.Build.DenseOfArray([0, 1]);
        Assert.That(ProductRule.Elementwise(a, b, da, db).ToArray(), Is.EqualTo(new double[] { 3, 2 }));
        Assert.That(ProductRule.InnerProduct(a, b, da, db), Is.EqualTo(3 + 2));
        // ⟨A, B⟩ = tr(AᵀB).
        Matrix<double> ma = Gaussian(3, 2, 5), mb = Gaussian(3, 2, 6);
        Assert.That(ProductRule.InnerProduct(ma, mb), Is.EqualTo(ma.TransposeThisAndMultiply(mb).Trace()).Within(Tolerances.ForProduct(6) * ma.FrobeniusNorm() * mb.FrobeniusNorm()));
        // Kronecker of 1×1 by B is a scaled B.
        Matrix<double> k = ProductRule.Kronecker(Matrix<double>.Build.Dense(1, 1, 2), mb);
        Assert.That(k, Is.EqualTo(2 * mb));
    }

    [Test]
    public void ShapeMismatchesAreRejectedWithShapes()
    {
        Matrix<double> a = Gaussian(3, 4, 1), b = Gaussian(3, 4, 2);
        Assert.That(() => ProductRule.MatrixProduct(a, b), Throws.ArgumentException.With.Message.Contain("3×4").And.Message.Contain("4 rows"));
        Assert.That(() => ProductRule.Elementwise(a, b, Gaussian(4, 3, 3), b),
            Throws.ArgumentException.With.Property("ParamName").EqualTo("da").And.Message.Contain("4×3"));
        Assert.That(() => ProductRule.MatrixProduct(a, Gaussian(4, 2, 4), a, Gaussian(4, 3, 5)),
            Throws.ArgumentException.With.Property("ParamName").EqualTo("db").And.Message.Contain("4×2"));
        Assert.That(() => ProductRule.Kronecker(a, b, b.Transpose(), b), Throws.ArgumentException.With.Property("ParamName").EqualTo("da"));
        Assert.That(() => ProductRule.InnerProduct(Gaussian(3, 1), Gaussian(3, 2), Gaussian(2, 3), Gaussian(3, 4)),
            Throws.ArgumentException.With.Message.Contain("length 2").And.Message.Contain("length 3"));
        Assert.That(() => ProductRule.InnerProduct(Gaussian(3, 1), Vector<double>.Build.DenseOfArray([1, double.NaN, 2])),
            Throws.ArgumentException.With.Message.Contain("NaN"));
    }

    // The conformance table: every product is a rule of two arguments and passes the check every operator
    // passes (dot-product test of its adjoint, Ridders, linearization against the standalone forms, no mutation
    // or aliasing, misshapen and non-finite arguments refused). One line per case: (kind, m, k, n, seed).
    [TestCase("elementwise-vector", 1, 1, 1, 1)]
    [TestCase("elementwise-vector", 9, 1, 1, 2)]
    [TestCase("elementwise-matrix", 4, 3, 1, 3)]
    [TestCase("matrix", 1, 1, 1, 4)]
    [TestCase("matrix", 5, 3, 4, 5)]
    [TestCase("matrix", 20, 17, 9, 6)]
    [TestCase("inner-vector", 7, 1, 1, 7)]
    [TestCase("inner-matrix", 3, 5, 1, 8)]
    [TestCase("kronecker", 2, 3, 1, 9)]
    [TestCase("kronecker", 3, 2, 4, 10)]
    public void EveryProductPassesTheConformanceCheck(string kind, int m, int k, int n, int seed)
    {
        switch (kind)
        {
            case "elementwise-vector":
                Conformance.Check(ElementwiseVectorProductRule.Instance, (Gaussian(m, seed), Gaussian(m, seed + 1)), seed: seed,
                    badPoints: [(Gaussian(m, seed), Gaussian(m + 1, seed))]).EnsurePassed();
                break;
            case "elementwise-matrix":
                Conformance.Check(ElementwiseMatrixProductRule.Instance, (Gaussian(m, k, seed), Gaussian(m, k, seed + 1)), seed: seed,
                    badPoints: [(Gaussian(m, k, seed), Gaussian(k, m + 1, seed))]).EnsurePassed();
                break;
            case "matrix":
                Conformance.Check(MatrixProductRule.Instance, (Gaussian(m, k, seed), Gaussian(k, n, seed + 1)), seed: seed,
                    badPoints: [(Gaussian(m, k, seed), Gaussian(k + 1, n, seed))]).EnsurePassed();
                break;
            case "inner-vector":
                Conformance.Check(VectorInnerProductRule.Instance, (Gaussian(m, seed), Gaussian(m, seed + 1)), seed: seed,
                    badPoints: [(Gaussian(m, seed), Gaussian(m + 1, seed))]).EnsurePassed();
                break;
            case "inner-matrix":
                Conformance.Check(MatrixInnerProductRule.Instance, (Gaussian(m, k, seed), Gaussian(m, k, seed + 1)), seed: seed,
                    badPoints: [(Gaussian(m, k, seed), Gaussian(m, k + 1, seed))]).EnsurePassed();
                break;
            case "kronecker":
                Conformance.Check(KroneckerProductRule.Instance, (Gaussian(m, k, seed), Gaussian(n, m, seed + 1)), seed: seed).EnsurePassed();
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown product");
        }
    }

    [Test]
    public void TheMatrixProductsAdjointIsYBarBTransposedAndATransposedYBar()
    {
        Matrix<double> a = Gaussian(4, 3, 1), b = Gaussian(3, 5, 2), yBar = Gaussian(4, 5, 3);
        var (aBar, bBar) = MatrixProductRule.Instance.Backward((a, b), yBar);
        double tolerance = Tolerances.ForProduct(5);
        Assert.That((aBar - yBar * b.Transpose()).FrobeniusNorm(), Is.LessThanOrEqualTo(tolerance * yBar.FrobeniusNorm() * b.FrobeniusNorm()));
        Assert.That((bBar - a.Transpose() * yBar).FrobeniusNorm(), Is.LessThanOrEqualTo(tolerance * a.FrobeniusNorm() * yBar.FrobeniusNorm()));
    }
}
