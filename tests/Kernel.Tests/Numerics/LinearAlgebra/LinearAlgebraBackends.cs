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
            yield return new TestCaseData(new Candidate(openBlas!)).SetArgDisplayNames("openblas");
    }

    /// <summary>Wraps a backend so NUnit shows its name rather than the type.</summary>
    public sealed class Candidate
    {
        internal Candidate(ILinearAlgebra backend) => Backend = backend;

        internal ILinearAlgebra Backend { get; }

        public override string ToString() => Backend.Name;
    }
}
