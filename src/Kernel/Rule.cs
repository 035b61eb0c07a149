namespace Differentials;

/// <summary>
/// A rule's linearization at one point, as its mathematics computed it: the value (computed on demand, so a
/// caller who wants only the differential never pays for it), the differential u ↦ df(x; u) and the pullback
/// ȳ ↦ x̄, side by side, all three reading what the forward pass computed at that point.
/// </summary>
/// <typeparam name="TIn">The input (a matrix, a vector, or a tuple of them for several arguments).</typeparam>
/// <typeparam name="TOut">The output.</typeparam>
/// <param name="Value">() ↦ f(x).</param>
/// <param name="Differential">u ↦ df(x; u); its argument has been checked.</param>
/// <param name="Backward">ȳ ↦ x̄, the adjoint of <paramref name="Differential"/>; its argument has been checked.</param>
internal readonly record struct RulePoint<TIn, TOut>(Func<TOut> Value, Func<TIn, TOut> Differential, Func<TOut, TIn> Backward);

/// <summary>
/// One differentiable operator, stated once: its argument checks and its linearization at a point, in the
/// manner of ChainRules.jl's <c>frule</c>/<c>rrule</c>. Everything a caller uses, <see cref="Forward"/>,
/// <see cref="Differential"/>, <see cref="Backward"/> and <see cref="Linearize"/>, is derived here and never
/// rewritten per operator: each checks its arguments once at the public boundary, then asks the rule for its
/// point. A new operator is one subclass (see docs/adding-a-rule.md).
/// </summary>
/// <typeparam name="TIn">The input type.</typeparam>
/// <typeparam name="TOut">The output type.</typeparam>
internal abstract class Rule<TIn, TOut>
{
    /// <summary>The operator's name, for results and messages.</summary>
    public abstract string Name { get; }

    /// <summary>Checks the point x (null, empty, shape, NaN, sizes); throws as <see cref="Checks"/> says.</summary>
    public abstract void CheckPoint(TIn x);

    /// <summary>Checks a perturbation u at an already checked point; may read only x's shape (x's entries may have changed since).</summary>
    public abstract void CheckTangent(TIn x, TIn u);

    /// <summary>Checks an output gradient ȳ at an already checked point; may read only x's shape.</summary>
    public abstract void CheckCotangent(TIn x, TOut yBar);

    /// <summary>
    /// The mathematics: the linearization at a checked point x. When <paramref name="retained"/> is false, exactly
    /// one of the point's three maps is called, once, before the caller returns: the rule may read x in place and
    /// use per-thread scratch. When it is true, the point outlives the call: the rule must keep private copies of
    /// what its maps read (x may change later) and return from <see cref="RulePoint{TIn, TOut}.Value"/> a result
    /// the caller may modify without affecting the maps.
    /// </summary>
    public abstract RulePoint<TIn, TOut> At(TIn x, bool retained);

    /// <summary>f(x).</summary>
    public TOut Forward(TIn x)
    {
        CheckPoint(x);
        return Checks.Result(At(x, retained: false).Value(), Name + ".Forward");
    }

    /// <summary>df(x; u).</summary>
    public TOut Differential(TIn x, TIn u)
    {
        CheckPoint(x);
        CheckTangent(x, u);
        return Checks.Result(At(x, retained: false).Differential(u), Name + ".Differential");
    }

    /// <summary>x̄ given ȳ.</summary>
    public TIn Backward(TIn x, TOut yBar)
    {
        CheckPoint(x);
        CheckCotangent(x, yBar);
        return Checks.Result(At(x, retained: false).Backward(yBar), Name + ".Backward");
    }

    /// <summary>The value with both maps, the forward work done once; each map call checks only its own argument.</summary>
    public Linearization<TIn, TOut> Linearize(TIn x)
    {
        CheckPoint(x);
        RulePoint<TIn, TOut> point = At(x, retained: true);
        return new Linearization<TIn, TOut>(
            Checks.Result(point.Value(), Name + ".Linearize"),
            u => { CheckTangent(x, u); return Checks.Result(point.Differential(u), Name + ".Differential"); },
            yBar => { CheckCotangent(x, yBar); return Checks.Result(point.Backward(yBar), Name + ".Backward"); });
    }
}
