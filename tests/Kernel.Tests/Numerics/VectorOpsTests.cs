using Differentials.Numerics;

namespace Differentials.Tests.Numerics;

public class VectorOpsTests
{
    // Lengths around every vector width's multiple, so each tail loop runs; a product rounds the same in a
    // vector lane as in a scalar, so the result is compared exactly.
    [TestCase(0), TestCase(1), TestCase(2), TestCase(3), TestCase(7), TestCase(8), TestCase(9), TestCase(15), TestCase(17), TestCase(1001)]
    public void ScaleIntoWritesAlphaTimesEachEntryAndNothingElse(int n)
    {
        var rng = new Random(n);
        double[] source = Enumerable.Range(0, n).Select(_ => rng.NextDouble() - 0.5).ToArray();
        double[] destination = Enumerable.Repeat(double.NaN, n + 3).ToArray();
        VectorOps.ScaleInto(-1.7, source, destination);
        for (int i = 0; i < n; i++) Assert.That(destination[i], Is.EqualTo(-1.7 * source[i]));
        Assert.That(destination[n..], Has.All.NaN, "entries past the source's length are left alone");
    }

    [Test]
    public void ScaleIntoMayScaleInPlace()
    {
        double[] x = [1, 2, 3, 4, 5, 6, 7, 8, 9];
        VectorOps.ScaleInto(0.5, x, x);
        Assert.That(x, Is.EqualTo(new[] { 0.5, 1, 1.5, 2, 2.5, 3, 3.5, 4, 4.5 }));
    }

    // Orders below, at and past the 4×4 and 8×8 register blocks and the 64×64 tiles, so every edge loop runs.
    [TestCase(0), TestCase(1), TestCase(3), TestCase(4), TestCase(5), TestCase(8), TestCase(13), TestCase(64), TestCase(67), TestCase(130)]
    public void TransposeIsExact(int n)
    {
        var rng = new Random(n + 100);
        double[] a = Enumerable.Range(0, n * n).Select(_ => rng.NextDouble() - 0.5).ToArray();
        if (n > 0) a[0] = -0.0; // the sign of zero must survive
        double[] t = Enumerable.Repeat(double.NaN, n * n + 2).ToArray();
        VectorOps.Transpose(a, t, n);
        for (int j = 0; j < n; j++)
            for (int i = 0; i < n; i++) Assert.That(BitConverter.DoubleToInt64Bits(t[j + i * n]), Is.EqualTo(BitConverter.DoubleToInt64Bits(a[i + j * n])), $"({i}, {j})");
        Assert.That(t[(n * n)..], Has.All.NaN);
    }

    [Test]
    public void TransposeRefusesShortSpans()
    {
        var ex = Assert.Throws<ArgumentException>(() => VectorOps.Transpose(new double[8], new double[9], 3));
        Assert.That(ex!.Message, Does.Contain("3×3"));
    }
}
