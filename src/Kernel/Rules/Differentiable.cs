namespace Differentials;

/// <summary>
/// A function bundled with its differential, and optionally its adjoint, so that functions compose by the
/// chain rule: for h = g ∘ f, dh(x; u) = dg(f(x); df(x; u)) and, backwards, x̄ = f̄(x; ḡ(f(x); ȳ)).
/// The differential of the composition is built only from the differentials of the parts, which is
/// Cauchy's rule of invariance at work: dg does not care whether its perturbation came from df or not.
/// Composition works on linearizations (<see cref="Linearize"/>): the composite's linearization at x is f's
/// linearization at x followed by g's at f(x), so every forward value is computed once, however deep the
/// composition, and each part's forward work (an inverse, spectra) is shared by its differential and adjoint.
/// </summary>
/// <typeparam name="TIn">The input type.</typeparam>
/// <typeparam name="TOut">The output type.</typeparam>
public sealed class Differentiable<TIn, TOut>
{
    private readonly Func<TIn, TOut> _value;
    private readonly Func<TIn, TIn, TOut> _differential;
    private readonly Func<TIn, TOut, TIn>? _backward;
    private readonly Func<TIn, Linearization<TIn, TOut>> _linearize;

    /// <summary>Bundles a function with its differential and, optionally, its adjoint.</summary>
    /// <param name="name">A short name for displays, e.g. "tanh".</param>
    /// <param name="value">x ↦ f(x).</param>
    /// <param name="differential">(x, u) ↦ df(x; u), linear in u.</param>
    /// <param name="backward">(x, ȳ) ↦ x̄, the adjoint of u ↦ df(x; u); null when not available.</param>
    /// <exception cref="ArgumentNullException"><paramref name="name"/>, <paramref name="value"/> or <paramref name="differential"/> is null.</exception>
    public Differentiable(string name, Func<TIn, TOut> value, Func<TIn, TIn, TOut> differential, Func<TIn, TOut, TIn>? backward = null)
        : this(Checks.NotNull(name, nameof(name)), Checks.NotNull(value, nameof(value)), Checks.NotNull(differential, nameof(differential)), backward, null)
    {
    }

    private Differentiable(string name, Func<TIn, TOut> value, Func<TIn, TIn, TOut> differential, Func<TIn, TOut, TIn>? backward,
                           Func<TIn, Linearization<TIn, TOut>>? linearize)
    {
        Name = name;
        _value = value;
        _differential = differential;
        _backward = backward;
        _linearize = linearize ?? (x => new Linearization<TIn, TOut>(value(x), u => differential(x, u), yBar => Backward(x, yBar)));
    }

    /// <summary>The function's display name; a composition reads "g ∘ f".</summary>
    public string Name { get; }

    /// <summary>True when an adjoint was supplied (for a composition: when every part has one).</summary>
    public bool HasBackward => _backward is not null;

    /// <summary>Evaluates f(x).</summary>
    /// <param name="x">The input.</param>
    /// <returns>f(x).</returns>
    /// <exception cref="ArgumentException">The wrapped function rejects <paramref name="x"/>.</exception>
    public TOut Value(TIn x) => _value(x);

    /// <summary>Evaluates the differential df(x; u).</summary>
    /// <param name="x">The point.</param>
    /// <param name="u">The perturbation, shaped like <paramref name="x"/>.</param>
    /// <returns>df(x; u), shaped like f(x).</returns>
    /// <exception cref="ArgumentException">The wrapped differential rejects its arguments.</exception>
    public TOut Differential(TIn x, TIn u) => _differential(x, u);

    /// <summary>Evaluates the adjoint: x̄ = ∇ₓE given ȳ = ∇ᵧE, with ⟨ȳ, df(x; u)⟩ = ⟨x̄, u⟩.</summary>
    /// <param name="x">The point.</param>
    /// <param name="yBar">The gradient with respect to the output.</param>
    /// <returns>The gradient with respect to the input.</returns>
    /// <exception cref="InvalidOperationException">No adjoint was supplied (<see cref="HasBackward"/> is false).</exception>
    /// <exception cref="ArgumentException">The wrapped adjoint rejects its arguments.</exception>
    public TIn Backward(TIn x, TOut yBar) =>
        _backward is null
            ? throw new InvalidOperationException($"'{Name}' has no adjoint (backward map); only its value and differential are known.")
            : _backward(x, yBar);

    /// <summary>
    /// The linearization at x: f(x) with u ↦ df(x; u) and ȳ ↦ x̄, sharing one forward pass. Calling its
    /// backward map throws <see cref="InvalidOperationException"/> when <see cref="HasBackward"/> is false.
    /// </summary>
    /// <param name="x">The point.</param>
    /// <returns>The value with both maps at x.</returns>
    /// <exception cref="ArgumentException">The wrapped function rejects <paramref name="x"/>.</exception>
    public Linearization<TIn, TOut> Linearize(TIn x) => _linearize(x);

    /// <summary>
    /// The composition h = next ∘ this, with dh(x; u) = d next(f(x); df(x; u)) and, when both parts have
    /// adjoints, x̄ = f̄(x; n̄ext(f(x); ȳ)). Built from the parts' linearizations: f(x) is computed once per call.
    /// </summary>
    /// <typeparam name="TNext">The output type of <paramref name="next"/>.</typeparam>
    /// <param name="next">The function applied after this one.</param>
    /// <returns>The composition, named "next ∘ this".</returns>
    /// <exception cref="ArgumentNullException"><paramref name="next"/> is null.</exception>
    public Differentiable<TIn, TNext> Then<TNext>(Differentiable<TOut, TNext> next)
    {
        ArgumentNullException.ThrowIfNull(next);
        Differentiable<TIn, TOut> first = this;
        Func<TIn, TNext, TIn>? backward = first.HasBackward && next.HasBackward
            ? (x, zBar) => { var f = first.Linearize(x); return f.Backward(next.Backward(f.Value, zBar)); }
            : null;
        return new Differentiable<TIn, TNext>(
            $"{next.Name} ∘ {first.Name}",
            x => next.Value(first.Value(x)),
            (x, u) => { var f = first.Linearize(x); return next.Differential(f.Value, f.Differential(u)); },
            backward,
            x =>
            {
                var f = first.Linearize(x);
                var g = next.Linearize(f.Value);
                return new Linearization<TIn, TNext>(g.Value, u => g.Differential(f.Differential(u)), zBar => f.Backward(g.Backward(zBar)));
            });
    }

    /// <summary>A differentiable function over a rule: its four methods are the rule's, checks included.</summary>
    internal static Differentiable<TIn, TOut> Of(Rule<TIn, TOut> rule, string name) =>
        new(name, rule.Forward, rule.Differential, rule.Backward, rule.Linearize);

    /// <inheritdoc />
    public override string ToString() => Name;
}

/// <summary>Creation and composition of <see cref="Differentiable{TIn, TOut}"/> functions.</summary>
public static class Differentiable
{
    /// <summary>Bundles a function with its differential and, optionally, its adjoint.</summary>
    /// <typeparam name="TIn">The input type.</typeparam>
    /// <typeparam name="TOut">The output type.</typeparam>
    /// <param name="name">A short display name.</param>
    /// <param name="value">x ↦ f(x).</param>
    /// <param name="differential">(x, u) ↦ df(x; u).</param>
    /// <param name="backward">(x, ȳ) ↦ x̄, or null.</param>
    /// <returns>The bundled function.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="name"/>, <paramref name="value"/> or <paramref name="differential"/> is null.</exception>
    public static Differentiable<TIn, TOut> Create<TIn, TOut>(
        string name, Func<TIn, TOut> value, Func<TIn, TIn, TOut> differential, Func<TIn, TOut, TIn>? backward = null) =>
        new(name, value, differential, backward);

    /// <summary>The composition h = g ∘ f (f first), with dh(x; u) = dg(f(x); df(x; u)).</summary>
    /// <typeparam name="TIn">Input type of f.</typeparam>
    /// <typeparam name="TMid">Output type of f, input type of g.</typeparam>
    /// <typeparam name="TOut">Output type of g.</typeparam>
    /// <param name="g">The outer function.</param>
    /// <param name="f">The inner function.</param>
    /// <returns>g ∘ f.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static Differentiable<TIn, TOut> Compose<TIn, TMid, TOut>(Differentiable<TMid, TOut> g, Differentiable<TIn, TMid> f)
    {
        ArgumentNullException.ThrowIfNull(g);
        ArgumentNullException.ThrowIfNull(f);
        return f.Then(g);
    }
}
