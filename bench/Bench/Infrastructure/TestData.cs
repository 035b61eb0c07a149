using MathNet.Numerics.LinearAlgebra;

namespace Differentials.Bench.Infrastructure;

/// <summary>
/// Deterministic inputs for the benchmarks. Matrices to invert are made diagonally dominant so that
/// every size is well conditioned and the timing never depends on pivoting luck.
/// </summary>
public static class TestData
{
    /// <summary>n values uniform in [-1, 1) from a fixed seed.</summary>
    public static double[] Uniform(int n, int seed)
    {
        var random = new Random(seed);
        var values = new double[n];
        for (int i = 0; i < n; i++) values[i] = 2.0 * random.NextDouble() - 1.0;
        return values;
    }

    /// <summary>An m×n matrix with entries uniform in [-1, 1).</summary>
    public static Matrix<double> Matrix(int m, int n, int seed) =>
        Matrix<double>.Build.Dense(m, n, Uniform(m * n, seed));

    /// <summary>An n×n matrix uniform in [-1, 1) plus n·I: invertible with a small condition number.</summary>
    public static Matrix<double> Invertible(int n, int seed)
    {
        var m = Matrix(n, n, seed);
        for (int i = 0; i < n; i++) m[i, i] += n;
        return m;
    }

    /// <summary>A vector of length n with entries uniform in [-1, 1).</summary>
    public static Vector<double> Vector(int n, int seed) =>
        Vector<double>.Build.Dense(Uniform(n, seed));
}
