namespace Differentials;

/// <summary>
/// The result of one forward pass together with the two linear maps at that point, in the manner of
/// ChainRules' <c>frule</c> and <c>rrule</c>: <see cref="Differential"/> is u ↦ df(x; u) and
/// <see cref="Backward"/> is ȳ ↦ x̄, the adjoint, so that ⟨ȳ, df(x; u)⟩ = ⟨Backward(ȳ), u⟩.
/// Both closures reuse what the forward pass computed (an inverse, spectra), so calling them many
/// times costs no further forward work.
/// </summary>
/// <typeparam name="TIn">The input type (a matrix, a vector, or a tuple of them).</typeparam>
/// <typeparam name="TOut">The output type.</typeparam>
public sealed class Linearization<TIn, TOut>
{
    private readonly Func<TIn, TOut> _differential;
    private readonly Func<TOut, TIn> _backward;

    /// <summary>Bundles a forward value with its differential and its adjoint.</summary>
    /// <param name="value">f(x), computed once.</param>
    /// <param name="differential">u ↦ df(x; u); must validate its argument.</param>
    /// <param name="backward">ȳ ↦ x̄, the adjoint of <paramref name="differential"/>; must validate its argument.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public Linearization(TOut value, Func<TIn, TOut> differential, Func<TOut, TIn> backward)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(differential);
        ArgumentNullException.ThrowIfNull(backward);
        Value = value;
        _differential = differential;
        _backward = backward;
    }

    /// <summary>The forward value f(x).</summary>
    public TOut Value { get; }

    /// <summary>The forward-mode map: the differential df(x; u), linear in u.</summary>
    /// <param name="u">A perturbation of the input, shaped like the input.</param>
    /// <returns>df(x; u), shaped like the output.</returns>
    /// <exception cref="ArgumentException"><paramref name="u"/> has the wrong shape or is not finite.</exception>
    public TOut Differential(TIn u) => _differential(u);

    /// <summary>The reverse-mode map: the gradient x̄ = ∇ₓE given ȳ = ∇ᵧE (the adjoint of the differential).</summary>
    /// <param name="yBar">The gradient with respect to the output, shaped like the output.</param>
    /// <returns>The gradient with respect to the input, shaped like the input.</returns>
    /// <exception cref="ArgumentException"><paramref name="yBar"/> has the wrong shape or is not finite.</exception>
    public TIn Backward(TOut yBar) => _backward(yBar);
}
