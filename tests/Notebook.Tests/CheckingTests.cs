using Differentials;
using Differentials.Notebook;
using Differentials.Verification;
using MathNet.Numerics.LinearAlgebra;

namespace Differentials.Notebook.Tests;

public class CheckingTests
{
    [Test]
    public void MustFailReturnsARejectionThatDisplaysWithoutAFailBadge()
    {
        var rejected = new VerificationResult("wrong adjoint", 0.02, 2e-14).MustFail();
        var html = VerificationHtml.ExpectedFailure(rejected);

        Assert.That(rejected.TolerancesOff, Is.EqualTo(1e12).Within(1e-3).Percent);
        Assert.That(html, Does.Contain(">REJECTED</span>").And.Not.Contain("FAIL").And.Not.Contain("PASS"));
        Assert.That(html, Does.Contain("<b>1e12</b> tolerances off"));
    }

    [TestCase(1e-15, 1e-14)]
    [TestCase(double.NaN, 1e-14)]
    public void MustFailThrowsWhenTheWrongFormulaIsNotRejected(double error, double tolerance)
    {
        var check = new VerificationResult("wrong adjoint", error, tolerance);
        var ex = Assert.Throws<UnexpectedPassException>(() => check.MustFail());
        Assert.That(ex!.Message, Does.Contain("wrong adjoint"));
    }

    [Test]
    public void ClaimThatReturnsAHoldingClaimAndThrowsOnAFalseOne()
    {
        var claim = Claim.That("κ cancels", true, "8.1e-6 vs 1.5e-6");
        Assert.That(VerificationHtml.Claim(claim), Does.Contain(">HOLDS</span>").And.Contain("8.1e-6 vs 1.5e-6"));

        var ex = Assert.Throws<ClaimFailedException>(() => Claim.That("off powers of two the error is larger", false, "0.9×"));
        Assert.That(ex!.Message, Does.Contain("off powers of two").And.Contain("0.9×"));
        Assert.Throws<ArgumentException>(() => Claim.That(" ", true, ""));
    }

    [Test]
    public void GammaIsTheClassicalBoundAndRefusesNegativeCounts()
    {
        Assert.That(Rounding.Gamma(0), Is.Zero);
        Assert.That(Rounding.Gamma(10), Is.EqualTo(10 * Tolerances.Epsilon / (1 - 10 * Tolerances.Epsilon)));
        Assert.Throws<ArgumentOutOfRangeException>(() => Rounding.Gamma(-1));
    }

    [Test]
    public void InnerIsTheFrobeniusProductAndNamesMismatchedShapes()
    {
        var a = Matrix<double>.Build.DenseOfArray(new double[,] { { 1, 2 }, { 3, 4 } });
        var b = Matrix<double>.Build.DenseOfArray(new double[,] { { 5, 6 }, { 7, 8 } });
        Assert.That(Rounding.Inner(a, b), Is.EqualTo((a.TransposeThisAndMultiply(b)).Trace()));
        var ex = Assert.Throws<ArgumentException>(() => Rounding.Inner(a, Matrix<double>.Build.Dense(2, 3)));
        Assert.That(ex!.Message, Does.Contain("2×2").And.Contain("2×3"));
    }

    [Test]
    public void BackAndForwardPropagationAgreeWithinTheBoundAndAPerturbationIsCaught()
    {
        var chain = LayerChain.RandomMlp(3, 2, seed: 5);
        var x = chain.RandomInput(seed: 6);
        var bp = chain.BackPropagate(x);
        var fp = chain.ForwardPropagate(x);

        var agree = LayerJacobians.CompareGradients("fp vs bp", chain, x, fp.ParameterGradients, bp.ParameterGradients);
        Assert.That(agree.Passed, agree.ToString);

        var broken = bp.ParameterGradients.Select(g => g.Clone()).ToList();
        broken[0][0] *= 1 + 1e-10;
        Assert.That(LayerJacobians.CompareGradients("broken", chain, x, broken, bp.ParameterGradients).Passed, Is.False);
    }

    [Test]
    public void LayerJacobiansHaveTheLayersShapesAndNullForNoParameters()
    {
        var chain = LayerChain.RandomMlp(3, 1, seed: 5);
        var values = chain.Values(chain.RandomInput(seed: 6));
        for (int i = 0; i < chain.Depth; i++)
        {
            var layer = chain.Layers[i];
            var jy = LayerJacobians.Input(chain, values, i);
            Assert.That((jy.RowCount, jy.ColumnCount), Is.EqualTo((layer.OutputLength, layer.InputLength)));
            var jt = LayerJacobians.Parameters(chain, values, i);
            if (layer.ParameterCount == 0) Assert.That(jt, Is.Null);
            else Assert.That((jt!.RowCount, jt.ColumnCount), Is.EqualTo((layer.OutputLength, layer.ParameterCount)));
        }
        Assert.Throws<ArgumentOutOfRangeException>(() => LayerJacobians.Input(chain, values, chain.Depth));
    }
}

public class FitTests
{
    [Test]
    public void LogLogSlopeRecoversAPowerLaw()
    {
        double[] x = { 2, 4, 8, 16 };
        Assert.That(Fit.LogLogSlope(x, x.Select(v => 3 * v * v * v)), Is.EqualTo(3).Within(1e-12));
    }

    [TestCase(new double[] { 1, 2 }, new double[] { 1 })]
    [TestCase(new double[] { 1, 2 }, new double[] { 1, 0 })]
    [TestCase(new double[] { 2, 2 }, new double[] { 1, 3 })]
    public void LogLogSlopeRefusesWhatItCannotFit(double[] x, double[] y) =>
        Assert.Throws<ArgumentException>(() => Fit.LogLogSlope(x, y));
}

public class DftTests
{
    [Test]
    public void MatlabScalingIsTheUnnormalisedSumAndDefaultDividesByRootN()
    {
        var v = MathNet.Numerics.LinearAlgebra.Vector<double>.Build.DenseOfArray(new[] { 1.0, 2.0, -1.0, 0.5, 3.0 });
        int n = v.Count;
        var matlab = Dft.Forward(v, MathNet.Numerics.IntegralTransforms.FourierOptions.Matlab);
        var symmetric = Dft.Forward(v, MathNet.Numerics.IntegralTransforms.FourierOptions.Default);
        for (int l = 0; l < n; l++)
        {
            var sum = System.Numerics.Complex.Zero;
            for (int k = 0; k < n; k++) sum += v[k] * System.Numerics.Complex.Exp(new System.Numerics.Complex(0, -2 * Math.PI * k * l / n));
            Assert.That((matlab[l] - sum).Magnitude, Is.LessThan(1e-13));
            Assert.That((symmetric[l] * Math.Sqrt(n) - sum).Magnitude, Is.LessThan(1e-13));
        }
        Assert.Throws<ArgumentException>(() => Dft.Forward(MathNet.Numerics.LinearAlgebra.Vector<double>.Build.Dense(0), MathNet.Numerics.IntegralTransforms.FourierOptions.Matlab));
    }
}

public class GramFlopsTests
{
    [TestCase(1, 1)]
    [TestCase(7, 5)]
    [TestCase(64, 64)]
    [TestCase(300, 17)]
    public void CountsMatchThePassesCountedLoopByLoop(int rows, int cols)
    {
        long forward = 0, backward = 0;
        for (int j = 0; j < cols; j++)
            for (int i = 0; i <= j; i++) forward += 2L * rows;      // ⟨xᵢ, xⱼ⟩ for i ≤ j, length m
        for (int j = 0; j < cols; j++)
            for (int i = 0; i < rows; i++) backward += 2L * cols;   // (X·S)ᵢⱼ, length n
        Assert.That(GramFlops.Forward(rows, cols), Is.EqualTo(forward));
        Assert.That(GramFlops.Backward(rows, cols), Is.EqualTo(backward));
        Assert.That(GramFlops.Ratio(rows, cols), Is.EqualTo(2.0 * cols / (cols + 1)).Within(1e-15));
    }

    [Test]
    public void RefusesEmptyShapes() => Assert.Throws<ArgumentOutOfRangeException>(() => GramFlops.Forward(0, 3));
}

public class HeatMapTests
{
    [Test]
    public void ShadesBySignAndSizeAndShowsValuesAndLabels()
    {
        var m = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.DenseOfArray(new double[,] { { 2, -1 }, { 0, -2 } });
        var html = HeatMap.Of(m, "J <n=2>", new[] { "a", "b" }, new[] { "c", "d" }).ToHtml();

        Assert.That(html, Does.Contain("J &lt;n=2&gt;"));
        Assert.That(html, Does.Contain("background:rgb(215,48,39)"), "largest positive is full red");
        Assert.That(html, Does.Contain("background:rgb(69,117,180)"), "largest negative is full blue");
        Assert.That(html, Does.Contain("background:rgb(255,255,255)"), "zero is white");
        Assert.That(html, Does.Contain(">-1<").And.Contain(">c</th>").And.Contain(">b</th>"));
    }

    [Test]
    public void RefusesWhatItCannotDraw()
    {
        var b = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build;
        Assert.Throws<ArgumentException>(() => HeatMap.Of(b.Dense(41, 2), "big"));
        Assert.Throws<ArgumentException>(() => HeatMap.Of(b.Dense(2, 2, double.NaN), "nan"));
        Assert.Throws<ArgumentException>(() => HeatMap.Of(b.Dense(2, 2), "labels", new[] { "only one" }));
    }

    [Test]
    public void CentralDifferenceEstimateMatchesAnExactDerivativeWithinItsToleranceAndRejectsAWrongOne()
    {
        var v = Vector<double>.Build;
        Vector<double> F(Vector<double> p) => v.Dense(new[] { Math.Sin(p[0]) * p[1], Math.Exp(p[1]) });
        var x = v.Dense(new[] { 0.4, -0.3 });
        var u = v.Dense(new[] { 0.6, 0.8 });
        var exact = v.Dense(new[] { Math.Cos(x[0]) * x[1] * u[0] + Math.Sin(x[0]) * u[1], Math.Exp(x[1]) * u[1] });

        var (estimate, tolerance) = CentralDifference.Estimate(F, x, u, exact.L2Norm());
        double error = (estimate - exact).L2Norm() / exact.L2Norm();

        Assert.That(error, Is.LessThanOrEqualTo(tolerance));
        Assert.That(tolerance, Is.LessThan(1e-8), "the tolerance is of the size of the truncation and round-off, not a guess");
        var wrong = exact.Clone(); wrong[0] *= 1 + 1e-6;
        Assert.That((estimate - wrong).L2Norm() / wrong.L2Norm(), Is.GreaterThan(tolerance));
    }

    [Test]
    public void CentralDifferenceEstimateRefusesBadArguments()
    {
        var v = Vector<double>.Build;
        Assert.Throws<ArgumentException>(() => CentralDifference.Estimate(p => p, v.Dense(2), v.Dense(3), 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => CentralDifference.Estimate(p => p, v.Dense(2), v.Dense(2), 0));
        Assert.Throws<ArgumentNullException>(() => CentralDifference.Estimate(null!, v.Dense(2), v.Dense(2), 1));
    }
}
