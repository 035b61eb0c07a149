using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Double;

namespace Differentials;

// The four products of the product rule as rules of two arguments, so that they pass the same conformance
// check as every operator and compose like one. Each states its checks once (the messages ProductRule has
// always given) and its linearization: the value, d(a∘b) = da∘b + a∘db, and the adjoint of that map,
// which is what a reverse pass through the product needs. ProductRule's public methods forward here.

// ---- element-wise (Hadamard) ----

/// <summary>a ⊙ b for vectors: ā = ȳ ⊙ b, b̄ = ȳ ⊙ a.</summary>
internal sealed class ElementwiseVectorProductRule : Rule<(Vector<double> A, Vector<double> B), Vector<double>>
{
    public static readonly ElementwiseVectorProductRule Instance = new();
    public override string Name => "ProductRule.Elementwise";

    public override void CheckPoint((Vector<double> A, Vector<double> B) x)
    {
        Checks.NonEmptyFinite(x.A, "a");
        Checks.Like(x.B, "b", x.A.Count, "the length of a,");
    }

    public override void CheckTangent((Vector<double> A, Vector<double> B) x, (Vector<double> A, Vector<double> B) u)
    {
        Checks.Like(u.A, "da", x.A.Count, "the length of a,");
        Checks.Like(u.B, "db", x.A.Count, "the length of a,");
    }

    public override void CheckCotangent((Vector<double> A, Vector<double> B) x, Vector<double> yBar) =>
        Checks.Like(yBar, "yBar", x.A.Count, "the length of a,");

    public override RulePoint<(Vector<double> A, Vector<double> B), Vector<double>> At((Vector<double> A, Vector<double> B) x, bool retained)
    {
        var (a, b) = retained ? (x.A.Clone(), x.B.Clone()) : x;
        return new(() => a.PointwiseMultiply(b),
                   u => u.A.PointwiseMultiply(b) + a.PointwiseMultiply(u.B),
                   yBar => (yBar.PointwiseMultiply(b), yBar.PointwiseMultiply(a)));
    }
}

/// <summary>A ⊙ B for matrices: Ā = Ȳ ⊙ B, B̄ = Ȳ ⊙ A.</summary>
internal sealed class ElementwiseMatrixProductRule : Rule<(Matrix<double> A, Matrix<double> B), Matrix<double>>
{
    public static readonly ElementwiseMatrixProductRule Instance = new();
    public override string Name => "ProductRule.Elementwise";

    public override void CheckPoint((Matrix<double> A, Matrix<double> B) x)
    {
        Checks.NonEmptyFinite(x.A, "a");
        Checks.Like(x.B, "b", x.A.RowCount, x.A.ColumnCount, "the shape of a,", x.A.RowCount, x.A.ColumnCount);
    }

    public override void CheckTangent((Matrix<double> A, Matrix<double> B) x, (Matrix<double> A, Matrix<double> B) u)
    {
        Checks.Like(u.A, "da", x.A.RowCount, x.A.ColumnCount, "the shape of a,", x.A.RowCount, x.A.ColumnCount);
        Checks.Like(u.B, "db", x.A.RowCount, x.A.ColumnCount, "the shape of a,", x.A.RowCount, x.A.ColumnCount);
    }

    public override void CheckCotangent((Matrix<double> A, Matrix<double> B) x, Matrix<double> yBar) =>
        Checks.Like(yBar, "yBar", x.A.RowCount, x.A.ColumnCount, "the shape of a,", x.A.RowCount, x.A.ColumnCount);

    public override RulePoint<(Matrix<double> A, Matrix<double> B), Matrix<double>> At((Matrix<double> A, Matrix<double> B) x, bool retained)
    {
        var (a, b) = retained ? (x.A.Clone(), x.B.Clone()) : x;
        return new(() => a.PointwiseMultiply(b),
                   u => u.A.PointwiseMultiply(b) + a.PointwiseMultiply(u.B),
                   yBar => (yBar.PointwiseMultiply(b), yBar.PointwiseMultiply(a)));
    }
}

// ---- matrix product ----

/// <summary>A·B (m×k times k×n): d(AB) = dA·B + A·dB, Ā = Ȳ·Bᵀ, B̄ = Aᵀ·Ȳ, all through the backend.</summary>
internal sealed class MatrixProductRule : Rule<(Matrix<double> A, Matrix<double> B), Matrix<double>>
{
    public static readonly MatrixProductRule Instance = new();
    public override string Name => "ProductRule.MatrixProduct";

    public override void CheckPoint((Matrix<double> A, Matrix<double> B) x)
    {
        Checks.NonEmptyFinite(x.A, "a");
        Checks.NonEmptyFinite(x.B, "b");
        if (x.A.ColumnCount != x.B.RowCount)
            throw new ArgumentException(
                $"b is {Checks.Shape(x.B)} but a is {Checks.Shape(x.A)}: b needs {x.A.ColumnCount} rows for the product a·b.", "b");
        Checks.Elements(x.A.RowCount, x.B.ColumnCount, "The product a·b", "b");
    }

    public override void CheckTangent((Matrix<double> A, Matrix<double> B) x, (Matrix<double> A, Matrix<double> B) u)
    {
        Checks.Like(u.A, "da", x.A.RowCount, x.A.ColumnCount, "the shape of a,", x.A.RowCount, x.A.ColumnCount);
        Checks.Like(u.B, "db", x.B.RowCount, x.B.ColumnCount, "the shape of b,", x.B.RowCount, x.B.ColumnCount);
    }

    public override void CheckCotangent((Matrix<double> A, Matrix<double> B) x, Matrix<double> yBar) =>
        Checks.Like(yBar, "yBar", x.A.RowCount, x.B.ColumnCount, "the shape of a·b,", x.A.RowCount, x.B.ColumnCount);

    public override RulePoint<(Matrix<double> A, Matrix<double> B), Matrix<double>> At((Matrix<double> A, Matrix<double> B) x, bool retained)
    {
        var (a, b) = retained ? (x.A.Clone(), x.B.Clone()) : x;
        return new(() => DenseColumnMajor.Multiply(a, false, b, false),
                   u => DenseColumnMajor.Multiply(u.A, false, b, false) + DenseColumnMajor.Multiply(a, false, u.B, false),
                   yBar => (DenseColumnMajor.Multiply(yBar, false, b, true), DenseColumnMajor.Multiply(a, true, yBar, false)));
    }
}

// ---- inner products ----

/// <summary>⟨a, b⟩ = Σ aᵢbᵢ: ā = ȳ·b, b̄ = ȳ·a.</summary>
internal sealed class VectorInnerProductRule : Rule<(Vector<double> A, Vector<double> B), double>
{
    public static readonly VectorInnerProductRule Instance = new();
    public override string Name => "ProductRule.InnerProduct";

    public override void CheckPoint((Vector<double> A, Vector<double> B) x) => ElementwiseVectorProductRule.Instance.CheckPoint(x);

    public override void CheckTangent((Vector<double> A, Vector<double> B) x, (Vector<double> A, Vector<double> B) u) =>
        ElementwiseVectorProductRule.Instance.CheckTangent(x, u);

    public override void CheckCotangent((Vector<double> A, Vector<double> B) x, double yBar) => Checks.Finite(yBar, "yBar");

    public override RulePoint<(Vector<double> A, Vector<double> B), double> At((Vector<double> A, Vector<double> B) x, bool retained)
    {
        var (a, b) = retained ? (x.A.Clone(), x.B.Clone()) : x;
        return new(() => a.DotProduct(b),
                   u => u.A.DotProduct(b) + a.DotProduct(u.B),
                   yBar => (yBar * b, yBar * a));
    }
}

/// <summary>⟨A, B⟩ = tr(AᵀB) = Σ AᵢⱼBᵢⱼ: Ā = ȳ·B, B̄ = ȳ·A.</summary>
internal sealed class MatrixInnerProductRule : Rule<(Matrix<double> A, Matrix<double> B), double>
{
    public static readonly MatrixInnerProductRule Instance = new();
    public override string Name => "ProductRule.InnerProduct";

    public override void CheckPoint((Matrix<double> A, Matrix<double> B) x) => ElementwiseMatrixProductRule.Instance.CheckPoint(x);

    public override void CheckTangent((Matrix<double> A, Matrix<double> B) x, (Matrix<double> A, Matrix<double> B) u) =>
        ElementwiseMatrixProductRule.Instance.CheckTangent(x, u);

    public override void CheckCotangent((Matrix<double> A, Matrix<double> B) x, double yBar) => Checks.Finite(yBar, "yBar");

    public override RulePoint<(Matrix<double> A, Matrix<double> B), double> At((Matrix<double> A, Matrix<double> B) x, bool retained)
    {
        var (a, b) = retained ? (x.A.Clone(), x.B.Clone()) : x;
        return new(() => Frobenius(a, b),
                   u => Frobenius(u.A, b) + Frobenius(a, u.B),
                   yBar => (yBar * b, yBar * a));
    }

    /// <summary>Σ AᵢⱼBᵢⱼ over the column-major storage of two matrices of one shape.</summary>
    internal static double Frobenius(Matrix<double> a, Matrix<double> b)
    {
        double[] av = DenseColumnMajor.Values(a), bv = DenseColumnMajor.Values(b);
        double sum = 0;
        for (int i = 0; i < av.Length; i++) sum += av[i] * bv[i];
        return sum;
    }
}

// ---- Kronecker product ----

/// <summary>
/// A ⊗ B (p×q and r×s, giving pr×qs): d(A ⊗ B) = dA ⊗ B + A ⊗ dB. The adjoint reads Ȳ as a p×q grid of r×s
/// blocks Ȳᵢⱼ: Āᵢⱼ = ⟨Ȳᵢⱼ, B⟩ and B̄ = Σᵢⱼ Aᵢⱼ Ȳᵢⱼ, since ⟨Ȳ, dA ⊗ B⟩ = Σ dAᵢⱼ⟨Ȳᵢⱼ, B⟩.
/// </summary>
internal sealed class KroneckerProductRule : Rule<(Matrix<double> A, Matrix<double> B), Matrix<double>>
{
    public static readonly KroneckerProductRule Instance = new();
    public override string Name => "ProductRule.Kronecker";

    public override void CheckPoint((Matrix<double> A, Matrix<double> B) x)
    {
        Checks.NonEmptyFinite(x.A, "a");
        Checks.NonEmptyFinite(x.B, "b");
        Checks.Elements((long)x.A.RowCount * x.B.RowCount, (long)x.A.ColumnCount * x.B.ColumnCount, "The Kronecker product a ⊗ b", "b");
    }

    public override void CheckTangent((Matrix<double> A, Matrix<double> B) x, (Matrix<double> A, Matrix<double> B) u)
    {
        Checks.Like(u.A, "da", x.A.RowCount, x.A.ColumnCount, "the shape of a,", x.A.RowCount, x.A.ColumnCount);
        Checks.Like(u.B, "db", x.B.RowCount, x.B.ColumnCount, "the shape of b,", x.B.RowCount, x.B.ColumnCount);
    }

    public override void CheckCotangent((Matrix<double> A, Matrix<double> B) x, Matrix<double> yBar)
    {
        int rows = x.A.RowCount * x.B.RowCount, columns = x.A.ColumnCount * x.B.ColumnCount;
        Checks.Like(yBar, "yBar", rows, columns, "the shape of a ⊗ b,", rows, columns);
    }

    public override RulePoint<(Matrix<double> A, Matrix<double> B), Matrix<double>> At((Matrix<double> A, Matrix<double> B) x, bool retained)
    {
        var (a, b) = retained ? (x.A.Clone(), x.B.Clone()) : x;
        return new(() => Of(a, b), u => Of(u.A, b) + Of(a, u.B), yBar => Adjoint(a, b, yBar));
    }

    /// <summary>A ⊗ B, the block matrix [Aᵢⱼ B]; sizes were checked by <see cref="CheckPoint"/>.</summary>
    internal static Matrix<double> Of(Matrix<double> a, Matrix<double> b)
    {
        var result = new DenseMatrix(a.RowCount * b.RowCount, a.ColumnCount * b.ColumnCount);
        a.KroneckerProduct(b, result);
        return result;
    }

    private static (Matrix<double>, Matrix<double>) Adjoint(Matrix<double> a, Matrix<double> b, Matrix<double> yBar)
    {
        int p = a.RowCount, q = a.ColumnCount, r = b.RowCount, s = b.ColumnCount;
        var aBar = new DenseMatrix(p, q);
        var bBar = new DenseMatrix(r, s);
        for (int j = 0; j < q; j++)
            for (int i = 0; i < p; i++)
            {
                double aij = a.At(i, j), inner = 0;
                for (int l = 0; l < s; l++)
                    for (int k = 0; k < r; k++)
                    {
                        double block = yBar.At(i * r + k, j * s + l);
                        inner += block * b.At(k, l);
                        bBar.At(k, l, bBar.At(k, l) + aij * block);
                    }
                aBar.At(i, j, inner);
            }
        return (aBar, bBar);
    }
}
