using System.Globalization;
using System.Numerics;

namespace Differentials.Numerics;

/// <summary>
/// The kernel's own dense symmetric eigensolver: Householder reduction to tridiagonal form, then the implicit
/// QL algorithm with Wilkinson-type shifts on the tridiagonal matrix, the plane rotations accumulated into the
/// orthogonal factor (the EISPACK <c>tred2</c>/<c>tql2</c> pair, here on column-major storage so that every
/// inner loop, including the rotations' update of two eigenvector columns, runs down contiguous memory).
/// Eigenvalues come out ascending, eigenvectors orthonormal in the columns, each with the sign convention of
/// <see cref="FixSigns"/>. Backward stable: ‖VΛVᵀ − X‖ and ‖VᵀV − I‖ are a small multiple of nε‖X‖ and nε.
/// </summary>
internal static class SymmetricEigensolver
{
    /// <summary>The QL sweeps allowed per eigenvalue before giving up; convergence is cubic, two or three are typical.</summary>
    private const int SweepsPerEigenvalue = 30;

    /// <summary>
    /// Decomposes the symmetric n×n column-major matrix <paramref name="x"/> (only its lower triangle is read):
    /// writes the ascending eigenvalues into <paramref name="values"/> and the orthonormal eigenvectors as the
    /// columns of <paramref name="vectors"/> (n×n, column-major; must not overlap <paramref name="x"/>).
    /// </summary>
    /// <exception cref="ArgumentException">A span length does not match n.</exception>
    /// <exception cref="ArithmeticException">The QL iteration did not converge (it does for every finite symmetric input in practice).</exception>
    public static void Decompose(ReadOnlySpan<double> x, int n, Span<double> values, Span<double> vectors)
    {
        if (n < 1 || x.Length < n * n || values.Length < n || vectors.Length < n * n)
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"The eigensolver needs x and vectors of length n² = {(long)n * n} and values of length n = {n}, got {x.Length}, {vectors.Length}, {values.Length}."));
        var v = vectors[..(n * n)];
        x[..(n * n)].CopyTo(v);
        var d = values[..n];
        var e = new double[n];
        Tridiagonalize(v, n, d, e);
        DiagonalizeTridiagonal(v, n, d, e);
        SortAscending(v, n, d);
        FixSigns(v, n);
    }

    /// <summary>
    /// Householder reduction of the symmetric matrix held in <paramref name="v"/> (lower triangle) to tridiagonal
    /// form T = QᵀXQ: on return d holds T's diagonal, e[1..] its subdiagonal (e[0] = 0) and v holds Q.
    /// Element (i, j) is v[i + j·n]; the reflector of step i is stored in row i, and the rank-2 update of the
    /// trailing block runs down its columns.
    /// </summary>
    private static void Tridiagonalize(Span<double> v, int n, Span<double> d, Span<double> e)
    {
        for (int j = 0; j < n; j++) d[j] = v[n - 1 + j * n];
        for (int i = n - 1; i > 0; i--)
        {
            // Scaling by the row's 1-norm keeps the sum of squares from overflowing or underflowing.
            double scale = 0, h = 0;
            for (int k = 0; k < i; k++) scale += Math.Abs(d[k]);
            if (scale == 0)
            {
                e[i] = d[i - 1];
                for (int j = 0; j < i; j++)
                {
                    d[j] = v[i - 1 + j * n];
                    v[i + j * n] = 0;
                    v[j + i * n] = 0;
                }
            }
            else
            {
                for (int k = 0; k < i; k++) { d[k] /= scale; h += d[k] * d[k]; }
                double f = d[i - 1];
                double g = Math.Sqrt(h);
                if (f > 0) g = -g; // the sign that avoids cancellation in f − g
                e[i] = scale * g;
                h -= f * g;
                d[i - 1] = f - g;
                for (int j = 0; j < i; j++) e[j] = 0;
                // p = A u (A the leading i×i block, lower triangle only), accumulated column by column.
                for (int j = 0; j < i; j++)
                {
                    f = d[j];
                    v[j + i * n] = f;
                    var column = v.Slice(j * n, i);
                    g = e[j] + column[j] * f;
                    for (int k = j + 1; k < i; k++)
                    {
                        g += column[k] * d[k];
                        e[k] += column[k] * f;
                    }
                    e[j] = g;
                }
                f = 0;
                for (int j = 0; j < i; j++) { e[j] /= h; f += e[j] * d[j]; }
                double hh = f / (h + h);
                for (int j = 0; j < i; j++) e[j] -= hh * d[j];
                // The symmetric rank-2 update A −= u wᵀ + w uᵀ on the lower triangle.
                for (int j = 0; j < i; j++)
                {
                    f = d[j];
                    g = e[j];
                    var column = v.Slice(j * n, i);
                    Rank2Column(column[j..], d[j..i], e[j..i], f, g);
                    d[j] = v[i - 1 + j * n];
                    v[i + j * n] = 0;
                }
            }
            d[i] = h;
        }

        // Accumulate the reflectors into Q.
        for (int i = 0; i < n - 1; i++)
        {
            v[n - 1 + i * n] = v[i + i * n];
            v[i + i * n] = 1;
            double h = d[i + 1];
            if (h != 0)
            {
                var u = v.Slice((i + 1) * n, i + 1);
                for (int k = 0; k <= i; k++) d[k] = u[k] / h;
                for (int j = 0; j <= i; j++)
                {
                    var column = v.Slice(j * n, i + 1);
                    double g = Dot(u, column);
                    Axpy(-g, d[..(i + 1)], column);
                }
            }
            for (int k = 0; k <= i; k++) v[k + (i + 1) * n] = 0;
        }
        for (int j = 0; j < n; j++)
        {
            d[j] = v[n - 1 + j * n];
            v[n - 1 + j * n] = 0;
        }
        v[n - 1 + (n - 1) * n] = 1;
        e[0] = 0;
    }

    /// <summary>
    /// The implicit QL iteration on the tridiagonal matrix (d, e), rotating the columns of <paramref name="v"/>
    /// along: on return d holds the eigenvalues (unsorted) and v the eigenvectors. An off-diagonal entry counts
    /// as zero once it is below ε times the largest |dₗ| + |eₗ| seen, which gives the backward-stable deflation.
    /// </summary>
    private static void DiagonalizeTridiagonal(Span<double> v, int n, Span<double> d, Span<double> e)
    {
        for (int i = 1; i < n; i++) e[i - 1] = e[i];
        e[n - 1] = 0;
        double f = 0, tst1 = 0;
        const double eps = Verification.Tolerances.Epsilon;
        for (int l = 0; l < n; l++)
        {
            tst1 = Math.Max(tst1, Math.Abs(d[l]) + Math.Abs(e[l]));
            int m = l;
            while (m < n && Math.Abs(e[m]) > eps * tst1) m++;
            if (m > l)
            {
                int sweeps = 0;
                do
                {
                    if (++sweeps > SweepsPerEigenvalue)
                        throw new ArithmeticException(string.Create(CultureInfo.InvariantCulture,
                            $"The symmetric QL iteration did not converge for eigenvalue {l} of {n} within {SweepsPerEigenvalue} sweeps."));
                    // The shift: the eigenvalue of the leading 2×2 block closer to d[l].
                    double g = d[l];
                    double p = (d[l + 1] - g) / (2 * e[l]);
                    double r = double.Hypot(p, 1);
                    if (p < 0) r = -r;
                    d[l] = e[l] / (p + r);
                    d[l + 1] = e[l] * (p + r);
                    double dl1 = d[l + 1];
                    double h = g - d[l];
                    for (int i = l + 2; i < n; i++) d[i] -= h;
                    f += h;
                    // The implicit QL sweep from m − 1 up to l, chasing the bulge with plane rotations.
                    p = d[m];
                    double c = 1, c2 = 1, c3 = 1, s = 0, s2 = 0;
                    double el1 = e[l + 1];
                    for (int i = m - 1; i >= l; i--)
                    {
                        c3 = c2;
                        c2 = c;
                        s2 = s;
                        g = c * e[i];
                        h = c * p;
                        r = double.Hypot(p, e[i]);
                        e[i + 1] = s * r;
                        s = e[i] / r;
                        c = p / r;
                        p = c * d[i] - s * g;
                        d[i + 1] = h + s * (c * g + s * d[i]);
                        Rotate(v.Slice(i * n, n), v.Slice((i + 1) * n, n), c, s);
                    }
                    p = -s * s2 * c3 * el1 * e[l] / dl1;
                    e[l] = s * p;
                    d[l] = c * p;
                } while (Math.Abs(e[l]) > eps * tst1);
            }
            d[l] += f;
            e[l] = 0;
        }
    }

    /// <summary>Sorts the eigenvalues ascending (selection sort: n swaps of n-long columns at most), the columns along.</summary>
    private static void SortAscending(Span<double> v, int n, Span<double> d)
    {
        for (int i = 0; i < n - 1; i++)
        {
            int k = i;
            double p = d[i];
            for (int j = i + 1; j < n; j++)
                if (d[j] < p) { k = j; p = d[j]; }
            if (k == i) continue;
            d[k] = d[i];
            d[i] = p;
            var a = v.Slice(i * n, n);
            var b = v.Slice(k * n, n);
            for (int j = 0; j < n; j++) (a[j], b[j]) = (b[j], a[j]);
        }
    }

    /// <summary>
    /// The sign convention: each eigenvector is negated when needed so that its entry of largest magnitude is
    /// positive (the first such entry on an exact tie). An eigenvector is defined up to sign only; fixing it by a
    /// rule that is locally constant in X makes V a smooth function of X wherever the spectrum is simple and the
    /// largest entry is unique, so dV = V(F ∘ (VᵀdXV)) is its derivative there.
    /// </summary>
    public static void FixSigns(Span<double> v, int n)
    {
        for (int j = 0; j < n; j++)
        {
            var column = v.Slice(j * n, n);
            int largest = 0;
            for (int i = 1; i < n; i++)
                if (Math.Abs(column[i]) > Math.Abs(column[largest])) largest = i;
            if (column[largest] < 0)
                for (int i = 0; i < n; i++) column[i] = -column[i];
        }
    }

    // ---- vectorised kernels: the O(n³) work is all in these three loops ----

    /// <summary>a[k] −= f·e[k] + g·d[k]: one column of the rank-2 update.</summary>
    private static void Rank2Column(Span<double> a, ReadOnlySpan<double> d, ReadOnlySpan<double> e, double f, double g)
    {
        int k = 0;
        if (Vector.IsHardwareAccelerated && a.Length >= Vector<double>.Count)
        {
            var vf = new Vector<double>(f);
            var vg = new Vector<double>(g);
            for (; k <= a.Length - Vector<double>.Count; k += Vector<double>.Count)
            {
                var va = new Vector<double>(a[k..]);
                (va - (vf * new Vector<double>(e[k..]) + vg * new Vector<double>(d[k..]))).CopyTo(a[k..]);
            }
        }
        for (; k < a.Length; k++) a[k] -= f * e[k] + g * d[k];
    }

    /// <summary>The plane rotation (a, b) ← (c·a − s·b, s·a + c·b) of two eigenvector columns.</summary>
    private static void Rotate(Span<double> a, Span<double> b, double c, double s)
    {
        int k = 0;
        if (Vector.IsHardwareAccelerated && a.Length >= Vector<double>.Count)
        {
            var vc = new Vector<double>(c);
            var vs = new Vector<double>(s);
            for (; k <= a.Length - Vector<double>.Count; k += Vector<double>.Count)
            {
                var va = new Vector<double>(a[k..]);
                var vb = new Vector<double>(b[k..]);
                (vc * va - vs * vb).CopyTo(a[k..]);
                (vs * va + vc * vb).CopyTo(b[k..]);
            }
        }
        for (; k < a.Length; k++)
        {
            double h = b[k];
            b[k] = s * a[k] + c * h;
            a[k] = c * a[k] - s * h;
        }
    }

    private static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        int k = 0;
        double sum = 0;
        if (Vector.IsHardwareAccelerated && a.Length >= Vector<double>.Count)
        {
            var acc = Vector<double>.Zero;
            for (; k <= a.Length - Vector<double>.Count; k += Vector<double>.Count)
                acc += new Vector<double>(a[k..]) * new Vector<double>(b[k..]);
            sum = Vector.Sum(acc);
        }
        for (; k < a.Length; k++) sum += a[k] * b[k];
        return sum;
    }

    private static void Axpy(double alpha, ReadOnlySpan<double> x, Span<double> y)
    {
        int k = 0;
        if (Vector.IsHardwareAccelerated && x.Length >= Vector<double>.Count)
        {
            var va = new Vector<double>(alpha);
            for (; k <= x.Length - Vector<double>.Count; k += Vector<double>.Count)
                (new Vector<double>(y[k..]) + va * new Vector<double>(x[k..])).CopyTo(y[k..]);
        }
        for (; k < x.Length; k++) y[k] += alpha * x[k];
    }
}
