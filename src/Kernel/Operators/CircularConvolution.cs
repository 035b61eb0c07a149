using Differentials.Numerics;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Double;

namespace Differentials;

/// <summary>
/// Circular convolution of two real signals of one length n, y = a ∗ x with y_k = Σ_t a_t x_{(k−t) mod n},
/// computed through real FFTs. Its differential is dy = da ∗ x + a ∗ dx and its adjoint is
/// ā = x ⋆ ȳ, x̄ = a ⋆ ȳ, where (u ⋆ v)_k = Σ_t u_t v_{(t+k) mod n} is circular cross-correlation.
/// Any n ≥ 1 works, primes included. Inputs holding NaN or ±∞ are rejected, by the span form too, and so are
/// results that overflow the double range.
/// </summary>
public static class CircularConvolution
{
    /// <summary>Computes y = a ∗ x (circular, length n) via the FFT.</summary>
    /// <param name="a">The kernel, length n ≥ 1, finite.</param>
    /// <param name="x">The signal, length n, finite.</param>
    /// <returns>a ∗ x, length n.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">An argument is empty or not finite, the lengths differ, or the result overflows.</exception>
    public static Vector<double> Forward(Vector<double> a, Vector<double> x) => ConvolutionRule.Instance.Forward((a, x));

    /// <summary>
    /// Writes y = a ∗ x into <paramref name="destination"/>, with the checks of <see cref="Forward(Vector{double}, Vector{double})"/>
    /// (lengths, NaN and ±∞, overflow). It may run in place: both inputs are transformed before the destination is
    /// written, so <paramref name="destination"/> may be <paramref name="a"/> or <paramref name="x"/> itself.
    /// </summary>
    /// <param name="a">The kernel, length n ≥ 1.</param>
    /// <param name="x">The signal, length n.</param>
    /// <param name="destination">Receives a ∗ x; length n.</param>
    /// <exception cref="ArgumentException">The lengths differ or are zero, an input contains NaN or infinity, or the result overflows.</exception>
    public static void Forward(ReadOnlySpan<double> a, ReadOnlySpan<double> x, Span<double> destination)
    {
        if (a.Length == 0 || a.Length != x.Length || destination.Length != a.Length)
        {
            throw new ArgumentException(
                $"a, x and destination must share one length n ≥ 1, but have lengths {a.Length}, {x.Length} and {destination.Length}.",
                nameof(destination));
        }
        Checks.Finite(a, nameof(a), a.Length, 1);
        Checks.Finite(x, nameof(x), x.Length, 1);
        new SpectralConvolution(a.Length).ConvolveSignals(a, x, destination);
        Checks.Result(destination, "CircularConvolution.Forward");
    }

    /// <summary>The differential dy = df(a, x; da, dx) = da ∗ x + a ∗ dx.</summary>
    /// <param name="a">The kernel, length n.</param>
    /// <param name="x">The signal, length n.</param>
    /// <param name="da">The perturbation of the kernel, length n.</param>
    /// <param name="dx">The perturbation of the signal, length n.</param>
    /// <returns>da ∗ x + a ∗ dx, length n.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">An argument is empty or not finite, the lengths differ, or the result overflows.</exception>
    public static Vector<double> Differential(Vector<double> a, Vector<double> x, Vector<double> da, Vector<double> dx) =>
        ConvolutionRule.Instance.Differential((a, x), (da, dx));

    /// <summary>
    /// The adjoint: given ȳ = ∇_y E, returns ā = x ⋆ ȳ and x̄ = a ⋆ ȳ (circular cross-correlations).
    /// </summary>
    /// <param name="a">The kernel, length n.</param>
    /// <param name="x">The signal, length n.</param>
    /// <param name="yBar">The output gradient ȳ, length n.</param>
    /// <returns>The pair (ABar = x ⋆ ȳ, XBar = a ⋆ ȳ).</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">An argument is empty or not finite, the lengths differ, or the result overflows.</exception>
    public static (Vector<double> ABar, Vector<double> XBar) Backward(Vector<double> a, Vector<double> x, Vector<double> yBar) =>
        ConvolutionRule.Instance.Backward((a, x), yBar);

    /// <summary>
    /// Transforms a and x once and returns y = a ∗ x with closures (da, dx) ↦ da ∗ x + a ∗ dx and
    /// ȳ ↦ (x ⋆ ȳ, a ⋆ ȳ) that reuse the two spectra. The pair's first item belongs to a, the second to x.
    /// </summary>
    /// <param name="a">The kernel, length n ≥ 1, finite.</param>
    /// <param name="x">The signal, length n, finite.</param>
    /// <returns>The value a ∗ x with its differential and adjoint at (a, x).</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">An argument is empty or not finite, the lengths differ, or the result overflows.</exception>
    public static Linearization<(Vector<double> A, Vector<double> X), Vector<double>> Linearize(Vector<double> a, Vector<double> x) =>
        ConvolutionRule.Instance.Linearize((a, x));
}

/// <summary>The rule: y = a ∗ x, dy = da ∗ x + a ∗ dx, (ā, x̄) = (x ⋆ ȳ, a ⋆ ȳ), all from the spectra of a and x.</summary>
internal sealed class ConvolutionRule : Rule<(Vector<double> A, Vector<double> X), Vector<double>>
{
    public static readonly ConvolutionRule Instance = new();

    public override string Name => "CircularConvolution";

    public override void CheckPoint((Vector<double> A, Vector<double> X) p)
    {
        Checks.NonEmptyFinite(p.A, "a");
        Checks.NonEmptyFinite(p.X, "x");
        Checks.HasLength(p.X, "x", p.A.Count, "the length of a,");
    }

    public override void CheckTangent((Vector<double> A, Vector<double> X) p, (Vector<double> A, Vector<double> X) d)
    {
        Checks.Like(d.A, "da", p.A.Count, "the length of a and x,");
        Checks.Like(d.X, "dx", p.A.Count, "the length of a and x,");
    }

    public override void CheckCotangent((Vector<double> A, Vector<double> X) p, Vector<double> yBar) =>
        Checks.Like(yBar, "yBar", p.A.Count, "the length of a and x,");

    public override RulePoint<(Vector<double> A, Vector<double> X), Vector<double>> At((Vector<double> A, Vector<double> X) p, bool retained)
    {
        var conv = new SpectralConvolution(p.A.Count);
        if (retained)
        {
            // Spectra of their own (scaled by powers of two at extreme magnitudes), kept for the maps' later calls.
            ConvolutionPoint point = conv.At(Values(p.A), Values(p.X));
            return new(
                () => Result(conv, (_, y) => point.Value(y)),
                d => Result(conv, (_, y) => point.Differential(Values(d.A), Values(d.X), y)),
                yBar => Pair(conv, (_, aBar, xBar) => point.Pullback(Values(yBar), aBar, xBar)));
        }
        // One map, once: the spectra live in this thread's scratch for the length of that call.
        return new(
            () => Result(conv, (c, y) => c.ConvolveSignals(Values(p.A), Values(p.X), y)),
            d => Result(conv, (c, y) => c.DifferentialSignals(Values(p.A), Values(p.X), Values(d.A), Values(d.X), y)),
            yBar => Pair(conv, (c, aBar, xBar) => c.CorrelatePairSignals(Values(p.A), Values(p.X), Values(yBar), aBar, xBar)));
    }

    private delegate void Writer(SpectralConvolution conv, Span<double> destination);

    private delegate void PairWriter(SpectralConvolution conv, Span<double> aBar, Span<double> xBar);

    private static Vector<double> Result(SpectralConvolution conv, Writer write)
    {
        var y = DenseColumnMajor.UnwrittenVector(conv.Length);
        write(conv, y.Values);
        return y;
    }

    private static (Vector<double> A, Vector<double> X) Pair(SpectralConvolution conv, PairWriter write)
    {
        var aBar = DenseColumnMajor.UnwrittenVector(conv.Length);
        var xBar = DenseColumnMajor.UnwrittenVector(conv.Length);
        write(conv, aBar.Values, xBar.Values);
        return (aBar, xBar);
    }

    private static ReadOnlySpan<double> Values(Vector<double> v) => DenseColumnMajor.Values(v);
}
