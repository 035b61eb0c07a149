using System.Globalization;
using MathNet.Numerics.LinearAlgebra;

namespace Differentials.Verification;

/// <summary>
/// The generic conformance check every rule must pass at every case of its table, in the manner of
/// ChainRulesTestUtils' <c>test_frule</c>/<c>test_rrule</c> and JAX's <c>check_grads</c>. At one point x it checks:
/// <list type="number">
/// <item>the dot-product test ⟨ȳ, df(x; u)⟩ = ⟨x̄, u⟩ on the linearization (<see cref="DotProductTest"/>, tolerance
/// <see cref="Tolerances.ForConditioned"/>(1, n + m): both maps read the same computed forward quantities);</item>
/// <item>the differential against Ridders' extrapolation of the forward map (<see cref="FiniteDifferences.CheckDifferential(Func{Vector{double}, Vector{double}}, Func{Vector{double}, Vector{double}, Vector{double}}, Vector{double}, Vector{double}, double?, double, string?)"/>,
/// with the case's condition number κ);</item>
/// <item>the standalone Forward, Differential and Backward against the linearization (relative difference within
/// <see cref="Tolerances.ForConditioned"/>(κ, n + m));</item>
/// <item>inputs not mutated (bit for bit), results not aliased to inputs, and a linearization unaffected when its
/// input and its value are overwritten afterwards;</item>
/// <item>bad arguments refused with <see cref="ArgumentException"/>: a tangent or output gradient of the wrong shape
/// (standalone and through the linearization), an empty or NaN-holding point, and any rule-specific bad points.</item>
/// </list>
/// n and m are the flattened input and output lengths. Every item is one <see cref="VerificationResult"/>.
/// </summary>
internal static class Conformance
{
    /// <summary>Runs every check on <paramref name="rule"/> at <paramref name="x"/>.</summary>
    /// <param name="rule">The rule under test.</param>
    /// <param name="x">The point (the check works on copies where it must overwrite).</param>
    /// <param name="conditionNumber">κ of the computation at x (≥ 1), which scales the finite-difference and agreement tolerances.</param>
    /// <param name="seed">Seed of the random tangent, output gradient and probes.</param>
    /// <param name="project">For rules whose input is constrained (symmetric matrices), the projection applied to every tangent and gradient; null for none.</param>
    /// <param name="badPoints">Rule-specific points that must be refused (e.g. a non-square matrix for the inverse).</param>
    /// <returns>The report.</returns>
    public static ConformanceReport Check<TIn, TOut>(
        Rule<TIn, TOut> rule, TIn x, double conditionNumber = 1.0, int seed = 0,
        Func<TIn, TIn>? project = null, IEnumerable<TIn>? badPoints = null)
    {
        ArgumentNullException.ThrowIfNull(rule);
        Checks.ConditionNumber(conditionNumber, nameof(conditionNumber));
        Func<TIn, TIn> p = project ?? (v => v);
        var results = new List<VerificationResult>();
        var random = new Random(seed);
        double[] before = Flat.Of(x);

        var lin = rule.Linearize(x);
        TOut value = lin.Value;
        int n = before.Length, m = Flat.Of(value).Length;
        double agreement = Tolerances.ForConditioned(conditionNumber, n + m);
        TIn u = p(Random(x, random));
        TOut yBar = Random(value, random);

        // 1. The adjoint is the adjoint of the differential.
        results.Add(DotProductTest.Run(
            uv => Vector(lin.Differential(p(Flat.Like(x, uv.AsArray())))),
            yv => Vector(p(lin.Backward(Flat.Like(value, yv.AsArray())))),
            n, m, seed, trials: 3, name: rule.Name));

        // 2. The differential is the derivative of the forward map.
        results.Add(FiniteDifferences.CheckDifferential(
            xv => Vector(rule.Forward(Flat.Like(x, xv.AsArray()))),
            (xv, uv) => Vector(rule.Differential(Flat.Like(x, xv.AsArray()), p(Flat.Like(x, uv.AsArray())))),
            Vector(x), Vector(u), conditionNumber: conditionNumber, name: rule.Name));

        // 3. The standalone methods are the linearization's.
        TOut forward = rule.Forward(x), differential = rule.Differential(x, u);
        TIn backward = rule.Backward(x, yBar);
        results.Add(Agree($"{rule.Name}.Forward = Linearize(x).Value", forward, value, agreement));
        results.Add(Agree($"{rule.Name}.Differential = Linearize(x).Differential", differential, lin.Differential(u), agreement));
        results.Add(Agree($"{rule.Name}.Backward = Linearize(x).Backward", backward, lin.Backward(yBar), agreement));

        // 4. Nothing the caller owns is changed or shared.
        results.Add(Holds($"{rule.Name}: the input is not mutated", Flat.Of(x).AsSpan().SequenceEqual(before)));
        var inputs = Flat.Storage(x).Concat(Flat.Storage(u)).Concat(Flat.Storage(yBar)).ToList();
        object?[] outputs = [forward, differential, backward, value];
        results.Add(Holds($"{rule.Name}: no result shares storage with an input",
            outputs.SelectMany(Flat.Storage).All(r => !inputs.Any(i => ReferenceEquals(i, r)))));
        TIn copy = Flat.Like(x, before);
        var kept = rule.Linearize(copy);
        TOut d1 = kept.Differential(u);
        TIn b1 = kept.Backward(yBar);
        Flat.Scribble(copy, 0.5);
        Flat.Scribble(kept.Value, double.NaN);
        results.Add(Holds($"{rule.Name}: a linearization ignores later changes to its input and its value",
            Flat.Of(kept.Differential(u)).AsSpan().SequenceEqual(Flat.Of(d1)) && Flat.Of(kept.Backward(yBar)).AsSpan().SequenceEqual(Flat.Of(b1))));

        // 5. Bad arguments are refused with ArgumentException.
        object[] tangentParts = Flat.Parts(u!);
        for (int i = 0; i < tangentParts.Length; i++)
        {
            if (Flat.Misshapen(tangentParts[i], random) is not { } bad) continue;
            TIn badU = Flat.WithPart(u, i, bad);
            results.Add(Refuses($"{rule.Name}.Differential refuses a misshapen tangent (part {i})", () => rule.Differential(x, badU)));
            results.Add(Refuses($"{rule.Name}: Linearize(x).Differential refuses a misshapen tangent (part {i})", () => lin.Differential(badU)));
        }
        object[] gradientParts = Flat.Parts(yBar!);
        for (int i = 0; i < gradientParts.Length; i++)
        {
            if (Flat.Misshapen(gradientParts[i], random) is not { } bad) continue;
            TOut badYBar = Flat.WithPart(yBar, i, bad);
            results.Add(Refuses($"{rule.Name}.Backward refuses a misshapen output gradient (part {i})", () => rule.Backward(x, badYBar)));
            results.Add(Refuses($"{rule.Name}: Linearize(x).Backward refuses a misshapen output gradient (part {i})", () => lin.Backward(badYBar)));
        }
        object[] pointParts = Flat.Parts(x!);
        for (int i = 0; i < pointParts.Length; i++)
        {
            if (Flat.Of(pointParts[i]).Length == 0) continue; // an empty part (a layer without parameters) is its valid shape
            if (Flat.Empty(pointParts[i]) is { } empty)
            {
                TIn emptyX = Flat.WithPart(x, i, empty);
                results.Add(Refuses($"{rule.Name}.Forward refuses an empty point (part {i})", () => rule.Forward(emptyX)));
            }
            double[] withNaN = Flat.Of(x);
            withNaN[Offset(pointParts, i)] = double.NaN;
            TIn nanX = Flat.Like(x, withNaN);
            results.Add(Refuses($"{rule.Name}.Forward refuses NaN in the point (part {i})", () => rule.Forward(nanX)));
        }
        int k = 0;
        foreach (TIn bad in badPoints ?? [])
            results.Add(Refuses($"{rule.Name}.Forward refuses bad point {k++}", () => rule.Forward(bad)));

        return new ConformanceReport(rule.Name, results);
    }

    private static Vector<double> Vector(object? value) => Vector<double>.Build.DenseOfArray(Flat.Of(value));

    private static T Random<T>(T like, Random random) =>
        Flat.Like(like, RandomMatrices.GaussianVector(Flat.Of(like).Length, random).AsArray());

    private static int Offset(object[] parts, int index) => parts.Take(index).Sum(part => Flat.Of(part).Length);

    private static VerificationResult Agree(string name, object? a, object? b, double tolerance)
    {
        var va = Vector(a);
        var vb = Vector(b);
        double scale = Math.Max(va.L2Norm(), vb.L2Norm());
        double error = va.Count != vb.Count ? double.NaN : scale == 0 ? 0 : (va - vb).L2Norm() / scale;
        return new VerificationResult(name + " (relative 2-norm)", error, tolerance);
    }

    private static VerificationResult Holds(string name, bool holds) => new(name, holds ? 0 : 1, 0);

    private static VerificationResult Refuses(string name, Action call)
    {
        try
        {
            call();
            return new VerificationResult(name + ": nothing was thrown", 1, 0);
        }
        catch (ArgumentException)
        {
            return new VerificationResult(name, 0, 0);
        }
        catch (Exception e)
        {
            return new VerificationResult(name + ": threw " + e.GetType().Name + " instead of an ArgumentException", 1, 0);
        }
    }
}

/// <summary>The results of <see cref="Conformance.Check"/> for one rule at one point.</summary>
/// <param name="Rule">The rule's name.</param>
/// <param name="Results">One result per property checked.</param>
internal sealed record ConformanceReport(string Rule, IReadOnlyList<VerificationResult> Results)
{
    /// <summary>True when every property held.</summary>
    public bool Passed => Results.All(r => r.Passed);

    /// <summary>The failed properties.</summary>
    public IEnumerable<VerificationResult> Failures => Results.Where(r => !r.Passed);

    /// <summary>Returns this report when every property held.</summary>
    /// <exception cref="VerificationFailedException">A property failed (the first failure; the message lists them all).</exception>
    public ConformanceReport EnsurePassed()
    {
        VerificationResult? first = Failures.FirstOrDefault();
        if (first is null) return this;
        throw new VerificationFailedException(first with { Name = $"{Rule} conformance: " + string.Join("; ", Failures) });
    }

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{(Passed ? "PASS" : "FAIL")} {Rule} conformance: {Results.Count(r => r.Passed)}/{Results.Count} properties") +
        string.Concat(Results.Select(r => Environment.NewLine + "  " + r));
}
