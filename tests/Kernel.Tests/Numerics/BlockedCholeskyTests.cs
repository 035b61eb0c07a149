using Differentials.Numerics;
using Differentials.Tests.Operators;
using Differentials.Verification;

namespace Differentials.Tests.Numerics;

/// <summary>
/// The blocked factorisation on the active backend: blocked and unblocked give the same factor (to a rounding
/// bound: the two orders of summation differ), the pivot index counts globally across blocks, and the upper
/// triangle is neither read nor left holding anything.
/// </summary>
public class BlockedCholeskyTests
{
    private static double[] Lower(int n, double kappa, int seed) => CholeskyTests.Spd(n, kappa, seed).ToColumnMajorArray();

    [TestCase(1, 1)]
    [TestCase(3, 1)]
    [TestCase(17, 4)]
    [TestCase(70, 8)]
    [TestCase(130, 64)]
    public void BlockedAgreesWithUnblocked(int n, int block)
    {
        double[] a = Lower(n, 100, n), b = (double[])a.Clone();
        Assert.That(BlockedCholesky.Factor(a, n, out _, block), Is.EqualTo(-1));
        Assert.That(BlockedCholesky.Factor(b, n, out _, n), Is.EqualTo(-1)); // one block: the unblocked kernel alone
        double diff = 0, norm = 0;
        for (int i = 0; i < a.Length; i++) { diff += (a[i] - b[i]) * (a[i] - b[i]); norm += b[i] * b[i]; }
        // Both are backward stable factors of the same X; with κ = 100 they agree to about κ·n·ε.
        Assert.That(Math.Sqrt(diff), Is.LessThanOrEqualTo(Tolerances.ForConditioned(100, n) * Math.Sqrt(norm)));
    }

    [Test]
    public void UpperTriangleIsNotReadAndIsZeroed()
    {
        int n = 20;
        double[] a = Lower(n, 10, 2), b = (double[])a.Clone();
        for (int j = 1; j < n; j++) for (int i = 0; i < j; i++) b[i + j * n] = double.NaN;
        BlockedCholesky.Factor(a, n, out _, 8);
        BlockedCholesky.Factor(b, n, out _, 8);
        Assert.That(b, Is.EqualTo(a));
        for (int j = 1; j < n; j++) for (int i = 0; i < j; i++) Assert.That(b[i + j * n], Is.EqualTo(0.0));
    }

    [Test]
    public void FailingPivotIsCountedGlobally()
    {
        int n = 12;
        double[] a = new double[n * n];
        for (int i = 0; i < n; i++) a[i + i * n] = i == 9 ? -2 : 1;
        Assert.That(BlockedCholesky.Factor(a, n, out double pivot, 4), Is.EqualTo(9));
        Assert.That(pivot, Is.EqualTo(-2.0));
    }
}
