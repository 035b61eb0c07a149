using System.Globalization;
using MathNet.Numerics.LinearAlgebra;

namespace Differentials.Verification;

/// <summary>Argument checks shared by the verification tools, with messages that name the sizes.</summary>
internal static class Guard
{
    public static T NotNull<T>(T? value, string name) where T : class =>
        value ?? throw new ArgumentNullException(name, $"{name} must not be null.");

    public static void PositiveLength(int length, string name)
    {
        if (length < 1)
            throw new ArgumentOutOfRangeException(name, length, $"{name} must be at least 1, got {length}.");
    }

    public static void PositiveStep(double h, string name)
    {
        if (!(h > 0) || double.IsInfinity(h))
            throw new ArgumentOutOfRangeException(name, h,
                string.Create(CultureInfo.InvariantCulture, $"{name} must be a positive finite step, got {h}."));
    }

    public static void SameLength(Vector<double> a, string aName, Vector<double> b, string bName)
    {
        if (a.Count != b.Count)
            throw new ArgumentException(
                $"{aName} has length {a.Count} but {bName} has length {b.Count}; they must match.", bName);
    }

    public static void SameShape(Matrix<double> a, string aName, Matrix<double> b, string bName)
    {
        if (a.RowCount != b.RowCount || a.ColumnCount != b.ColumnCount)
            throw new ArgumentException(
                $"{aName} is {Shape(a)} but {bName} is {Shape(b)}; they must have the same shape.", bName);
    }

    /// <summary>Checks a vector a user function returned: not null and of the expected length.</summary>
    public static Vector<double> Returned(Vector<double>? value, int expected, string function, string paramName)
    {
        if (value is null)
            throw new ArgumentException($"{function} returned null.", paramName);
        if (value.Count != expected)
            throw new ArgumentException(
                $"{function} returned a vector of length {value.Count}, expected length {expected}.", paramName);
        return value;
    }

    /// <summary>Checks a matrix a user function returned: not null and, when given, of the expected shape.</summary>
    public static Matrix<double> Returned(Matrix<double>? value, int rows, int cols, string function, string paramName)
    {
        if (value is null)
            throw new ArgumentException($"{function} returned null.", paramName);
        if (value.RowCount != rows || value.ColumnCount != cols)
            throw new ArgumentException(
                $"{function} returned a {Shape(value)} matrix, expected {Shape(rows, cols)}.", paramName);
        return value;
    }

    public static Matrix<double> ReturnedAny(Matrix<double>? value, string function, string paramName) =>
        value ?? throw new ArgumentException($"{function} returned null.", paramName);

    /// <summary>"m×n", written as the operators' messages write it (<see cref="Differentials.Guard.Shape(int, int)"/>).</summary>
    public static string Shape(Matrix<double> m) => Differentials.Guard.Shape(m.RowCount, m.ColumnCount);

    /// <summary>"m×n" from the two dimensions.</summary>
    public static string Shape(int rows, int columns) => Differentials.Guard.Shape(rows, columns);
}
