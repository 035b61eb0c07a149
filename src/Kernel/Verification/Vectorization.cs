using MathNet.Numerics.LinearAlgebra;

namespace Differentials.Verification;

/// <summary>
/// Flattening matrices to vectors and back, so that tools written for functions of vectors work
/// on matrix functions. Column-major vec is the convention of the Kronecker identities; the
/// row-major form is provided because the Jacobian changes with it.
/// </summary>
public static class Vectorization
{
    /// <summary>Column-major vec: the columns of <paramref name="m"/> stacked one after another.</summary>
    /// <param name="m">The matrix.</param>
    /// <returns>A new vector of length rows·cols.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="m"/> is null.</exception>
    public static Vector<double> Vec(Matrix<double> m) =>
        Vector<double>.Build.DenseOfArray(Checks.NotNull(m, nameof(m)).ToColumnMajorArray());

    /// <summary>Row-major vec_r: the rows of <paramref name="m"/> laid one after another.</summary>
    /// <param name="m">The matrix.</param>
    /// <returns>A new vector of length rows·cols.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="m"/> is null.</exception>
    public static Vector<double> VecRowMajor(Matrix<double> m) =>
        Vector<double>.Build.DenseOfArray(Checks.NotNull(m, nameof(m)).ToRowMajorArray());

    /// <summary>Inverse of <see cref="Vec"/>: fills a rows×cols matrix column by column.</summary>
    /// <param name="v">The vector, of length rows·cols.</param>
    /// <param name="rows">Row count (at least 1).</param>
    /// <param name="cols">Column count (at least 1).</param>
    /// <returns>A new matrix.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="v"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rows"/> or <paramref name="cols"/> is less than 1.</exception>
    /// <exception cref="ArgumentException">The length of <paramref name="v"/> is not rows·cols.</exception>
    public static Matrix<double> Unvec(Vector<double> v, int rows, int cols)
    {
        CheckUnvec(v, rows, cols);
        return Matrix<double>.Build.DenseOfColumnMajor(rows, cols, v.ToArray());
    }

    /// <summary>Inverse of <see cref="VecRowMajor"/>: fills a rows×cols matrix row by row.</summary>
    /// <param name="v">The vector, of length rows·cols.</param>
    /// <param name="rows">Row count (at least 1).</param>
    /// <param name="cols">Column count (at least 1).</param>
    /// <returns>A new matrix.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="v"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rows"/> or <paramref name="cols"/> is less than 1.</exception>
    /// <exception cref="ArgumentException">The length of <paramref name="v"/> is not rows·cols.</exception>
    public static Matrix<double> UnvecRowMajor(Vector<double> v, int rows, int cols)
    {
        CheckUnvec(v, rows, cols);
        return Matrix<double>.Build.DenseOfRowMajor(rows, cols, v.ToArray());
    }

    /// <summary>Flattens in the given order (<see cref="Vec"/> or <see cref="VecRowMajor"/>).</summary>
    /// <param name="m">The matrix.</param>
    /// <param name="order">Column-major or row-major.</param>
    /// <returns>A new vector of length rows·cols.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="m"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="order"/> is unknown.</exception>
    public static Vector<double> Flatten(Matrix<double> m, Flattening order) => order switch
    {
        Flattening.ColumnMajor => Vec(m),
        Flattening.RowMajor => VecRowMajor(m),
        _ => throw new ArgumentOutOfRangeException(nameof(order), order, $"Unknown flattening {order}."),
    };

    /// <summary>Inverse of <see cref="Flatten"/>.</summary>
    /// <param name="v">The vector, of length rows·cols.</param>
    /// <param name="rows">Row count (at least 1).</param>
    /// <param name="cols">Column count (at least 1).</param>
    /// <param name="order">Column-major or row-major.</param>
    /// <returns>A new matrix.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="v"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A size is less than 1 or <paramref name="order"/> is unknown.</exception>
    /// <exception cref="ArgumentException">The length of <paramref name="v"/> is not rows·cols.</exception>
    public static Matrix<double> Unflatten(Vector<double> v, int rows, int cols, Flattening order) => order switch
    {
        Flattening.ColumnMajor => Unvec(v, rows, cols),
        Flattening.RowMajor => UnvecRowMajor(v, rows, cols),
        _ => throw new ArgumentOutOfRangeException(nameof(order), order, $"Unknown flattening {order}."),
    };

    /// <summary>
    /// Turns a matrix function into a function of its flattened input and output, so that the
    /// vector tools apply to it.
    /// </summary>
    /// <param name="f">The matrix function.</param>
    /// <param name="inputRows">Rows of the input.</param>
    /// <param name="inputCols">Columns of the input.</param>
    /// <param name="order">The flattening used on both sides.</param>
    /// <returns>x ↦ flatten(f(unflatten(x))).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="f"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A size is less than 1.</exception>
    public static Func<Vector<double>, Vector<double>> Flattened(
        Func<Matrix<double>, Matrix<double>> f, int inputRows, int inputCols, Flattening order = Flattening.ColumnMajor)
    {
        Checks.NotNull(f, nameof(f));
        Checks.AtLeastOne(inputRows, nameof(inputRows));
        Checks.AtLeastOne(inputCols, nameof(inputCols));
        return x => Flatten(
            Checks.ReturnedAny(f(Unflatten(x, inputRows, inputCols, order)), "the matrix function", nameof(f)), order);
    }

    /// <summary>
    /// Joins several vectors into one, so that a function of several arguments (say a and x of a
    /// convolution) and its differential and adjoint can be checked as maps of one vector.
    /// </summary>
    /// <param name="parts">The vectors, in order (at least one, none null).</param>
    /// <returns>A new vector holding the parts one after another.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="parts"/> or one of its entries is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="parts"/> is empty.</exception>
    public static Vector<double> Concatenate(params Vector<double>[] parts)
    {
        Checks.NotNull(parts, nameof(parts));
        if (parts.Length == 0)
            throw new ArgumentException("At least one vector is needed.", nameof(parts));
        for (int i = 0; i < parts.Length; i++)
            if (parts[i] is null)
                throw new ArgumentNullException(nameof(parts), $"Part {i} is null.");
        var result = Vector<double>.Build.Dense(Checks.Length(parts.Sum(p => (long)p.Count), "The concatenation", nameof(parts)));
        int offset = 0;
        foreach (Vector<double> part in parts)
        {
            result.SetSubVector(offset, part.Count, part);
            offset += part.Count;
        }
        return result;
    }

    /// <summary>Splits a vector into consecutive parts of the given lengths; the inverse of <see cref="Concatenate"/>.</summary>
    /// <param name="v">The vector, whose length must be the sum of <paramref name="lengths"/>.</param>
    /// <param name="lengths">The length of each part (each at least 1).</param>
    /// <returns>New vectors, one per length.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A length is less than 1.</exception>
    /// <exception cref="ArgumentException">The lengths do not add up to the length of <paramref name="v"/>, or none is given.</exception>
    public static Vector<double>[] Split(Vector<double> v, params int[] lengths)
    {
        Checks.NotNull(v, nameof(v));
        Checks.NotNull(lengths, nameof(lengths));
        if (lengths.Length == 0)
            throw new ArgumentException("At least one length is needed.", nameof(lengths));
        foreach (int length in lengths)
            Checks.AtLeastOne(length, nameof(lengths));
        long total = lengths.Sum(l => (long)l);
        if (total != v.Count)
            throw new ArgumentException(
                $"Parts of lengths [{string.Join(", ", lengths)}] add up to {total}, but the vector has length {v.Count}.", nameof(lengths));
        var parts = new Vector<double>[lengths.Length];
        int offset = 0;
        for (int i = 0; i < lengths.Length; i++)
        {
            parts[i] = v.SubVector(offset, lengths[i]);
            offset += lengths[i];
        }
        return parts;
    }

    private static void CheckUnvec(Vector<double> v, int rows, int cols)
    {
        Checks.NotNull(v, nameof(v));
        Checks.AtLeastOne(rows, nameof(rows));
        Checks.AtLeastOne(cols, nameof(cols));
        if (v.Count != (long)rows * cols)
            throw new ArgumentException(
                $"A vector of length {v.Count} cannot fill a {Checks.Shape(rows, cols)} matrix ({(long)rows * cols} entries).", nameof(v));
    }
}
