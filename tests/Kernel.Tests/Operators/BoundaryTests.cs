using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Double;
using static Differentials.Tests.Operators.OperatorTestSupport;

namespace Differentials.Tests.Operators;

/// <summary>
/// The operators at the edges of their contract, each planted as a hostile caller would (issues 15 and 20):
/// sizes that overflow int, span forms given overlapping buffers or NaN, results that overflow the double range.
/// </summary>
public class BoundaryTests
{
    [Test]
    public void GramOfAWideMatrixIsRefusedByItsSizeBeforeAnythingIsAllocated()
    {
        // XᵀX of 1×50000 is 50000×50000 = 2.5e9 elements: more than one array holds (it threw OverflowException).
        var x = new DenseMatrix(1, 50000);
        x[0, 0] = 1;
        var ex = Assert.Throws<ArgumentException>(() => Gram.Forward(x));
        Assert.That(ex!.Message, Does.Contain("50000×50000").And.Contain("2,500,000,000").And.Contain(Array.MaxLength.ToString("N0")));
        Assert.That(ex.ParamName, Is.EqualTo("x"));
    }

    [Test]
    public void KroneckerProductsThatOverflowAreRefused()
    {
        // 220×220 ⊗ 220×220 is 48400×48400 = 2,342,560,000 elements.
        var a = DenseMatrix.Create(220, 220, 1.0);
        foreach (TestDelegate call in new TestDelegate[]
                 {
                     () => ProductRule.Kronecker(a, a),
                     () => ProductRule.Kronecker(a, a, a, a),
                     () => Differentials.Verification.Jacobians.Kronecker(a, a),
                 })
        {
            var ex = Assert.Throws<ArgumentException>(call);
            Assert.That(ex!.Message, Does.Contain("48400×48400").And.Contain("2,342,560,000"));
        }
    }

    [Test]
    public void InverseSpanFormRefusesADestinationOverlappingItsInput()
    {
        // Aliased, the old code took κ from the overwritten input: 1e-10·I (κ = 1) was refused as singular.
        double[] buffer = [1e-10, 0, 0, 1e-10];
        var ex = Assert.Throws<ArgumentException>(() => MatrixInverse.Forward(buffer, 2, buffer));
        Assert.That(ex!.Message, Does.Contain("overlaps"));
        Assert.That(ex.ParamName, Is.EqualTo("destination"));
        double[] wide = new double[5];
        Assert.That(() => MatrixInverse.Forward(wide.AsSpan(0, 4), 2, wide.AsSpan(1, 4)), Throws.ArgumentException.With.Message.Contain("overlaps"));
        double[] separate = new double[4];
        MatrixInverse.Forward(buffer, 2, separate);
        Assert.That(separate, Is.EqualTo(new[] { 1e10, 0, 0, 1e10 }));
    }

    [Test]
    public void GramSpanFormRefusesOverlapAndNaN()
    {
        double[] x = [1, 2, 3, 4];
        Assert.That(() => Gram.Forward(x, 2, 2, x), Throws.ArgumentException.With.Message.Contain("overlaps"));
        double[] withNaN = [1, double.NaN, 3, 4];
        Assert.That(() => Gram.Forward(withNaN, 2, 2, new double[4]),
            Throws.ArgumentException.With.Message.Contain("contains NaN or infinity").And.Message.Contain("[1, 0]"));
        Assert.That(() => Gram.Forward(x, 0, 4, new double[16]), Throws.InstanceOf<ArgumentOutOfRangeException>());
    }

    [Test]
    public void ConvolutionSpanFormRejectsNaNAndRunsInPlace()
    {
        double[] a = [1, double.PositiveInfinity, 3];
        Assert.That(() => CircularConvolution.Forward(a, new double[3], new double[3]),
            Throws.ArgumentException.With.Message.Contain("contains NaN or infinity").And.Property("ParamName").EqualTo("a"));
        Vector<double> ka = Gaussian(37, 1), kx = Gaussian(37, 2);
        double[] separate = new double[37];
        CircularConvolution.Forward(ka.AsArray(), kx.AsArray(), separate);
        double[] inPlace = kx.ToArray();
        CircularConvolution.Forward(ka.AsArray(), inPlace, inPlace); // documented to work in place
        Assert.That(inPlace, Is.EqualTo(separate));
    }

    [Test]
    public void AnInverseDifferentialThatOverflowsIsRefusedNotReturnedAsNaN()
    {
        // −Y dX Y with Y = 1e10·I and dX = 1e300·I is −1e320·I: not representable ([-Inf, NaN, NaN, -Inf] before).
        var x = 1e-10 * DenseMatrix.CreateIdentity(2);
        var dx = 1e300 * DenseMatrix.CreateIdentity(2);
        var ex = Assert.Throws<ArgumentException>(() => MatrixInverse.Differential(x, dx));
        Assert.That(ex!.Message, Does.Contain("MatrixInverse.Differential").And.Contain("overflows"));
        Assert.That(() => MatrixInverse.Backward(x, dx), Throws.ArgumentException.With.Message.Contain("MatrixInverse.Backward"));
        Assert.That(() => MatrixInverse.Linearize(x).Differential(dx), Throws.ArgumentException.With.Message.Contain("overflows"));
        // Representable results at the same extreme inputs still come back exactly.
        Assert.That(MatrixInverse.Differential(x, 1e-300 * DenseMatrix.CreateIdentity(2))[0, 0], Is.EqualTo(-1e-280).Within(1e-295));
    }

    [Test]
    public void AGramResultThatOverflowsIsRefused()
    {
        var x = DenseMatrix.Create(3, 2, 1e160);
        Assert.That(() => Gram.Forward(x), Throws.ArgumentException.With.Message.Contain("Gram.Forward").And.Message.Contain("overflows"));
        Assert.That(() => Gram.Forward(x.Values, 3, 2, new double[4]), Throws.ArgumentException.With.Message.Contain("overflows"));
    }

    [Test]
    public void AConvolutionOfExtremeInputsWithARepresentableResultIsComputedExactly()
    {
        // a near 1e300 and x near 1e-300: a ∗ x is about 1, but a's spectrum alone overflows (NaN before; refused
        // as an overflow by the rule shape alone). Scaling by powers of two is exact, so the result equals the
        // ordinary-scale one times 2^k bit for bit, through every public form.
        Vector<double> a = Gaussian(16, 1), x = Gaussian(16, 2), da = Gaussian(16, 3), dx = Gaussian(16, 4), yBar = Gaussian(16, 5);
        double up = Math.ScaleB(1, 997), down = Math.ScaleB(1, -997);
        Vector<double> reference = CircularConvolution.Forward(a, x);
        Assert.That(CircularConvolution.Forward(a * up, x * down), Is.EqualTo(reference));
        Assert.That(CircularConvolution.Differential(a * up, x * down, da * up, dx * down), Is.EqualTo(CircularConvolution.Differential(a, x, da, dx)));
        var lin = CircularConvolution.Linearize(a * up, x * down);
        Assert.That(lin.Value, Is.EqualTo(reference));
        var (aBar, xBar) = CircularConvolution.Backward(a, x, yBar);
        var scaled = lin.Backward(yBar);
        Assert.That(scaled.A, Is.EqualTo(aBar * down));
        Assert.That(scaled.X, Is.EqualTo(xBar * up));
    }
}
