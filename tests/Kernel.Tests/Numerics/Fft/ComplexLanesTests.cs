using System.Numerics;
using Differentials.Numerics;

namespace Differentials.Tests.Numerics;

/// <summary>
/// The spectral product's optional scale (the inverse FFT's 1/L carried by the product): 1 changes
/// nothing, and a power of two scales every rounded product exactly, so both are checked bit for bit,
/// over counts that exercise the vector body and the scalar tail.
/// </summary>
public class ComplexLanesTests
{
    private static Complex[] Random(Random rng, int count) =>
        [.. Enumerable.Range(0, count).Select(_ => new Complex(rng.NextDouble() - 0.5, rng.NextDouble() - 0.5))];

    [TestCase(1, false, false)]
    [TestCase(13, true, false)]
    [TestCase(13, false, true)]
    [TestCase(64, true, true)]
    public void AScaleOfOneOrAPowerOfTwoScalesTheProductExactly(int count, bool conjugateA, bool accumulate)
    {
        var rng = new Random(count);
        Complex[] a = Random(rng, count), b = Random(rng, count), start = Random(rng, count);

        Complex[] plain = [.. start];
        ComplexLanes.MultiplyInto(a, b, plain, count, conjugateA, accumulate);
        Complex[] one = [.. start];
        ComplexLanes.MultiplyInto(a, b, one, count, conjugateA, accumulate, scale: 1.0);
        Assert.That(one, Is.EqualTo(plain), "scale 1 is the unscaled product");

        // The unscaled product alone, then scaled by 2^-18 (exact) and accumulated as the kernel does.
        Complex[] product = new Complex[count];
        ComplexLanes.MultiplyInto(a, b, product, count, conjugateA, accumulate: false);
        const double scale = 1.0 / (1 << 18);
        Complex[] scaled = [.. start];
        ComplexLanes.MultiplyInto(a, b, scaled, count, conjugateA, accumulate, scale);
        for (int i = 0; i < count; i++)
        {
            Complex expected = product[i] * scale + (accumulate ? start[i] : Complex.Zero);
            Assert.That(scaled[i], Is.EqualTo(expected), $"entry {i}");
        }
    }
}
