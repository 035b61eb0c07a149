using MathNet.Numerics.LinearAlgebra;

namespace Differentials;

/// <summary>
/// Ready-made <see cref="Differentiable{TIn, TOut}"/> functions to compose: the operators of the kernel,
/// element-wise functions of vectors, a linear map and a scalar energy.
/// </summary>
public static class DifferentiableFunctions
{
    /// <summary>Y = X⁻¹ with dY = −Y dX Y and X̄ = −Yᵀ Ȳ Yᵀ (see <see cref="Differentials.MatrixInverse"/>).</summary>
    public static Differentiable<Matrix<double>, Matrix<double>> Inverse { get; } = Differentiable<Matrix<double>, Matrix<double>>.Of(InverseRule.Instance, "inverse");

    /// <summary>Y = XᵀX with dY = dXᵀX + XᵀdX and X̄ = X(Ȳ + Ȳᵀ) (see <see cref="Differentials.Gram"/>).</summary>
    public static Differentiable<Matrix<double>, Matrix<double>> GramMatrix { get; } = Differentiable<Matrix<double>, Matrix<double>>.Of(GramRule.Instance, "gram");

    /// <summary>tanh applied to each entry: d tanh(x; u) = (1 − tanh²x) ⊙ u.</summary>
    public static Differentiable<Vector<double>, Vector<double>> Tanh { get; } =
        Elementwise("tanh", Math.Tanh, x => 1 - Math.Tanh(x) * Math.Tanh(x));

    /// <summary>exp applied to each entry: d exp(x; u) = exp(x) ⊙ u.</summary>
    public static Differentiable<Vector<double>, Vector<double>> Exp { get; } = Elementwise("exp", Math.Exp, Math.Exp);

    /// <summary>sin applied to each entry: d sin(x; u) = cos(x) ⊙ u.</summary>
    public static Differentiable<Vector<double>, Vector<double>> Sin { get; } = Elementwise("sin", Math.Sin, Math.Cos);

    /// <summary>E = ½‖x‖², with dE = ⟨x, u⟩ and x̄ = Ē·x.</summary>
    public static Differentiable<Vector<double>, double> HalfSquaredNorm { get; } = new(
        "½‖·‖²",
        x => { Checks.NonEmptyFinite(x, nameof(x)); return 0.5 * x.DotProduct(x); },
        (x, u) => ProductRule.InnerProduct(x, u),
        (x, eBar) => { Checks.NonEmptyFinite(x, nameof(x)); return x * eBar; });

    /// <summary>A scalar function applied to each entry, with its derivative giving the differential f′(x) ⊙ u.</summary>
    /// <param name="name">Display name.</param>
    /// <param name="f">The scalar function.</param>
    /// <param name="derivative">Its derivative f′.</param>
    /// <returns>x ↦ f(x) entry-wise, with differential f′(x) ⊙ u and adjoint f′(x) ⊙ ȳ (the Jacobian is diagonal).</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static Differentiable<Vector<double>, Vector<double>> Elementwise(string name, Func<double, double> f, Func<double, double> derivative)
    {
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(derivative);
        return new Differentiable<Vector<double>, Vector<double>>(
            name,
            x => { Checks.NonEmptyFinite(x, nameof(x)); return x.Map(f); },
            (x, u) => ProductRule.Elementwise(x.Map(derivative), u),
            (x, yBar) => ProductRule.Elementwise(x.Map(derivative), yBar));
    }

    /// <summary>The linear map x ↦ Ax: its differential is itself, u ↦ Au, and its adjoint ȳ ↦ Aᵀȳ.</summary>
    /// <param name="a">The m×n matrix A (copied).</param>
    /// <returns>x ↦ Ax.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="a"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="a"/> is empty or not finite.</exception>
    public static Differentiable<Vector<double>, Vector<double>> Linear(Matrix<double> a)
    {
        Checks.NonEmptyFinite(a, nameof(a));
        Matrix<double> copy = a.Clone();
        return new Differentiable<Vector<double>, Vector<double>>(
            $"linear {Checks.Shape(copy)}",
            x => Apply(copy, x, nameof(x)),
            (_, u) => Apply(copy, u, nameof(u)),
            (_, yBar) =>
            {
                Checks.Like(yBar, nameof(yBar), copy.RowCount, "the row count of A,");
                return copy.TransposeThisAndMultiply(yBar);
            });
    }

    private static Vector<double> Apply(Matrix<double> a, Vector<double> x, string name)
    {
        Checks.Like(x, name, a.ColumnCount, "the column count of A,");
        return a * x;
    }
}
