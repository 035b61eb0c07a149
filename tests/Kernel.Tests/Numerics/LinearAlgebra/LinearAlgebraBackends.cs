using Differentials.Numerics;

namespace Differentials.Tests.Numerics;

/// <summary>Every linear algebra backend that can run here, for parameterised tests.</summary>
public static class LinearAlgebraBackends
{
    /// <summary>The fast backends, each compared against the MathNet reference.</summary>
    public static IEnumerable<TestCaseData> Fast()
    {
        foreach (SimdLevel level in Enum.GetValues<SimdLevel>())
        {
            if (!SimdLevels.IsSupported(level)) continue;
            yield return new TestCaseData(new Candidate(new SimdLinearAlgebra(level, 1))).SetArgDisplayNames($"simd-{level}-1thread");
            yield return new TestCaseData(new Candidate(new SimdLinearAlgebra(level, 2))).SetArgDisplayNames($"simd-{level}-2threads");
        }
        if (OpenBlasLinearAlgebra.TryCreate(out var openBlas, out _))
        {
            yield return new TestCaseData(new Candidate(openBlas!)).SetArgDisplayNames("openblas");
            // The automatic backend with a split that mixes libraries inside one computation from order 192 on:
            // C# factors and Gram matrices, OpenBLAS products, solves and inverses of those factors.
            yield return new TestCaseData(new Candidate(Mixed(new SimdLinearAlgebra(), openBlas!)))
                .SetArgDisplayNames("auto-mixed");
        }
    }

    /// <summary>An automatic backend whose native side wins the products, solves and inverses at both timed orders.</summary>
    internal static AutomaticLinearAlgebra Mixed(ILinearAlgebra managed, ILinearAlgebra native)
    {
        var timings = new RoutineTiming[Enum.GetValues<LinearAlgebraRoutine>().Length, LinearAlgebraTimings.Orders.Length];
        foreach (var routine in Enum.GetValues<LinearAlgebraRoutine>())
        {
            bool nativeWins = routine is LinearAlgebraRoutine.Multiply or LinearAlgebraRoutine.LuSolve or LinearAlgebraRoutine.LuInvert;
            for (int o = 0; o < LinearAlgebraTimings.Orders.Length; o++)
                timings[(int)routine, o] = nativeWins ? new RoutineTiming(2, 1) : new RoutineTiming(1, 2);
        }
        return new AutomaticLinearAlgebra(managed, native, new LinearAlgebraTimings(timings, "given by the test"));
    }

    /// <summary>Wraps a backend so NUnit shows its name rather than the type.</summary>
    public sealed class Candidate
    {
        internal Candidate(ILinearAlgebra backend) => Backend = backend;

        internal ILinearAlgebra Backend { get; }

        public override string ToString() => Backend.Name;
    }
}
