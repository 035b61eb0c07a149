using Differentials.Verification;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Double;
using static Differentials.Tests.Operators.OperatorTestSupport;

namespace Differentials.Tests.Verification;

/// <summary>
/// The conformance check is itself checked: it passes the kernel's rules (their own test files hold the tables)
/// and fails rules that are wrong in the ways a hand-written rule goes wrong, each for the property it breaks.
/// </summary>
public class ConformanceTests
{
    /// <summary>The inverse's rule with one map replaced by a wrong one.</summary>
    private sealed class Broken(
        Func<Matrix<double>, Matrix<double>, Matrix<double>>? differential = null,
        Func<Matrix<double>, Matrix<double>, Matrix<double>>? backward = null,
        bool mutates = false, bool aliases = false) : Rule<Matrix<double>, Matrix<double>>
    {
        public override string Name => "broken inverse";
        public override void CheckPoint(Matrix<double> x) => InverseRule.Instance.CheckPoint(x);
        public override void CheckTangent(Matrix<double> x, Matrix<double> u) => InverseRule.Instance.CheckTangent(x, u);
        public override void CheckCotangent(Matrix<double> x, Matrix<double> yBar) => InverseRule.Instance.CheckCotangent(x, yBar);

        public override RulePoint<Matrix<double>, Matrix<double>> At(Matrix<double> x, bool retained)
        {
            var right = InverseRule.Instance.At(x, retained);
            Matrix<double> y = MatrixInverse.Forward(x);
            if (mutates) x[0, 0] += 1;
            return new(
                aliases ? () => x : right.Value,
                differential is null ? right.Differential : dx => differential(y, dx),
                backward is null ? right.Backward : yBar => backward(y, yBar));
        }
    }

    private static Matrix<double> Point(int n, int seed) => WithConditionNumber(n, 10, seed);

    private static ConformanceReport Run(Rule<Matrix<double>, Matrix<double>> rule, int n = 4, int seed = 3) =>
        Conformance.Check(rule, Point(n, seed), conditionNumber: 10, seed: seed);

    [Test]
    public void TheRightRulePasses()
    {
        var report = Run(InverseRule.Instance);
        TestContext.Out.WriteLine(report);
        Assert.That(report.Passed, Is.True, report.ToString());
        Assert.DoesNotThrow(() => report.EnsurePassed());
    }

    [Test]
    public void ATransposedAdjointFailsTheDotProductTest()
    {
        var report = Run(new Broken(backward: (y, yBar) => -(y * yBar * y)));
        Assert.That(report.Failures.Select(f => f.Name), Has.Some.StartsWith("dot-product test"), report.ToString());
        Assert.Throws<VerificationFailedException>(() => report.EnsurePassed());
    }

    [Test]
    public void ASignFlippedAdjointFailsTheDotProductTest()
    {
        var report = Run(new Broken(backward: (y, yBar) => y.Transpose() * yBar * y.Transpose()));
        Assert.That(report.Failures.Select(f => f.Name), Has.Some.StartsWith("dot-product test"), report.ToString());
    }

    [Test]
    public void ADifferentialOffBy1e9FailsAgainstFiniteDifferencesAndTheAdjoint()
    {
        var report = Run(new Broken(differential: (y, dx) => -(y * dx * y) * (1 + 1e-9)));
        var failed = report.Failures.Select(f => f.Name).ToList();
        Assert.That(failed, Has.Some.StartsWith("differential vs Ridders"), report.ToString());
        Assert.That(failed, Has.Some.StartsWith("dot-product test"), report.ToString());
    }

    [Test]
    public void ASignFlippedDifferentialFailsEverywhere()
    {
        var report = Run(new Broken(differential: (y, dx) => y * dx * y));
        var failed = report.Failures.Select(f => f.Name).ToList();
        Assert.That(failed, Has.Some.StartsWith("differential vs Ridders").And.Some.StartsWith("dot-product test"), report.ToString());
    }

    [Test]
    public void ARuleThatMutatesItsInputFails()
    {
        var report = Run(new Broken(mutates: true));
        Assert.That(report.Failures.Select(f => f.Name), Has.Some.Contain("the input is not mutated"), report.ToString());
    }

    [Test]
    public void ARuleWhoseValueIsItsInputFails()
    {
        var report = Run(new Broken(aliases: true));
        Assert.That(report.Failures.Select(f => f.Name), Has.Some.Contain("no result shares storage"), report.ToString());
    }

    /// <summary>A rule that skips its tangent check: its mathematics then meets a misshapen tangent unchecked.</summary>
    private sealed class Unchecked : Rule<Vector<double>, Vector<double>>
    {
        public override string Name => "unchecked scale";
        public override void CheckPoint(Vector<double> x) => Checks.NonEmptyFinite(x, "x");
        public override void CheckTangent(Vector<double> x, Vector<double> u) { }
        public override void CheckCotangent(Vector<double> x, Vector<double> yBar) { }

        public override RulePoint<Vector<double>, Vector<double>> At(Vector<double> x, bool retained)
        {
            double[] kept = x.ToArray();
            return new(
                () => DenseVector.OfArray(kept.Select(v => 2 * v).ToArray()),
                u => DenseVector.Create(kept.Length, i => 2 * u[i]),   // reads only the first n entries: no error
                yBar => DenseVector.Create(kept.Length, i => 2 * yBar[i]));
        }
    }

    [Test]
    public void ARuleThatAcceptsMisshapenArgumentsFails()
    {
        var report = Conformance.Check(new Unchecked(), Gaussian(5, 1));
        var failed = report.Failures.Select(f => f.Name).ToList();
        Assert.That(failed, Has.Some.Contain("refuses a misshapen tangent"), report.ToString());
        Assert.That(failed, Has.Some.Contain("refuses a misshapen output gradient"), report.ToString());
        Assert.That(report.Results.Where(r => r.Name.StartsWith("dot-product")).Single().Passed, Is.True);
    }
}
