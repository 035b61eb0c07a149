using Differentials.Numerics;

namespace Differentials.Tests.Numerics;

/// <summary>
/// The self-check passes every backend that is right and fails one whose routine is wrong by even a little
/// more than rounding allows, naming the routine.
/// </summary>
public class BackendSelfCheckTests
{
    private static IEnumerable<TestCaseData> RightBackends()
    {
        yield return new TestCaseData(new LinearAlgebraBackends.Candidate(new MathNetLinearAlgebra())).SetArgDisplayNames("mathnet");
        foreach (var candidate in LinearAlgebraBackends.Fast()) yield return candidate;
    }

    [TestCaseSource(nameof(RightBackends))]
    public void ARightBackendPasses(LinearAlgebraBackends.Candidate candidate)
    {
        Assert.That(BackendSelfCheck.Passes(candidate.Backend, out string failure), Is.True, failure);
        Assert.That(failure, Is.Empty);
    }

    /// <summary>The SIMD kernels with one routine's result spoiled.</summary>
    private sealed class Spoiled(string routine, double relativeError) : ILinearAlgebra
    {
        private readonly SimdLinearAlgebra _inner = new(SimdLevels.Best, 1);

        public string Name => $"spoiled {routine}";

        private void Spoil(string which, Span<double> result)
        {
            if (which != routine) return;
            int index = result.Length / 2;
            result[index] += relativeError * Math.Max(Math.Abs(result[index]), 1);
        }

        public void Multiply(ReadOnlySpan<double> a, bool transposeA, ReadOnlySpan<double> b, bool transposeB, Span<double> c, int m, int n, int k)
        {
            _inner.Multiply(a, transposeA, b, transposeB, c, m, n, k);
            Spoil("multiply", c[..(m * n)]);
        }

        public void Gram(ReadOnlySpan<double> a, int rows, int cols, Span<double> c)
        {
            _inner.Gram(a, rows, cols, c);
            Spoil("gram", c[..(cols * cols)]);
        }

        public int LuFactor(Span<double> a, int n, Span<int> pivots)
        {
            int zero = _inner.LuFactor(a, n, pivots);
            Spoil("lu-factor", a[..(n * n)]);
            return zero;
        }

        public void LuInvert(ReadOnlySpan<double> lu, ReadOnlySpan<int> pivots, int n, Span<double> inverse)
        {
            _inner.LuInvert(lu, pivots, n, inverse);
            Spoil("lu-invert", inverse[..(n * n)]);
        }

        public void LuSolve(ReadOnlySpan<double> lu, ReadOnlySpan<int> pivots, int n, Span<double> b, int columns)
        {
            _inner.LuSolve(lu, pivots, n, b, columns);
            Spoil("lu-solve", b[..(n * columns)]);
        }

        public void LuSolveTransposed(ReadOnlySpan<double> lu, ReadOnlySpan<int> pivots, int n, Span<double> b, int columns)
        {
            _inner.LuSolveTransposed(lu, pivots, n, b, columns);
            Spoil("lu-solve-transposed", b[..(n * columns)]);
        }

        public void SolveLower(ReadOnlySpan<double> l, int n, bool transposeL, Span<double> b, int columns)
        {
            _inner.SolveLower(l, n, transposeL, b, columns);
            Spoil(transposeL ? "solve-lower-transposed" : "solve-lower", b[..(n * columns)]);
        }
    }

    // An error of 1e-9 relative is millions of times what rounding allows at these sizes, and far below what
    // a wrong integer size or calling convention would produce: the check must see it.
    [TestCase("multiply", "multiply A·B 7×5 by 5×6")]
    [TestCase("gram", "Gram of 45×30")]
    [TestCase("lu-factor", "LU of 50×50 (PA against L·U)")]
    [TestCase("lu-solve", "LU solve of 50×50")]
    [TestCase("lu-solve-transposed", "LU solve (transposed) of 50×50")]
    [TestCase("lu-invert", "LU inverse of 50×50")]
    [TestCase("solve-lower", "triangular solve of 40×40")]
    [TestCase("solve-lower-transposed", "triangular solve (transposed) of 40×40")]
    public void ASpoiledRoutineFailsAndIsNamed(string routine, string named)
    {
        Assert.That(BackendSelfCheck.Passes(new Spoiled(routine, 1e-9), out string failure), Is.False);
        Assert.That(failure, Does.StartWith(named).And.Contain("is off by").And.Contain("bound"));
    }

    [Test]
    public void ANotANumberResultFails()
    {
        Assert.That(BackendSelfCheck.Passes(new Spoiled("multiply", double.NaN), out string failure), Is.False);
        Assert.That(failure, Does.Contain("is off by NaN"));
    }
}
