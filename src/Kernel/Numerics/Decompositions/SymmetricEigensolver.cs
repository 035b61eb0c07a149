using System.Buffers;
using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace Differentials.Numerics;

/// <summary>
/// The kernel's own dense symmetric eigensolver, in three phases on column-major storage:
/// <list type="number">
/// <item>blocked Householder reduction to tridiagonal form T = QᵀXQ (LAPACK's <c>dsytrd</c>/<c>dlatrd</c> scheme
/// on the lower triangle: panels of <see cref="PanelWidth"/> reflectors, each panel's symmetric rank-2k update of
/// the trailing matrix one product through the backend's GEMM);</item>
/// <item>Q formed from the reflectors by blocks of <see cref="ReflectorBlock"/> in compact WY form
/// (I − V T Vᵀ, as LAPACK's <c>dorgtr</c>), again through GEMM; one reflector at a time up to
/// <see cref="UnblockedQOrder"/>;</item>
/// <item>the implicit QL algorithm with Wilkinson-type shifts on T (EISPACK's <c>tql2</c>). The plane rotations
/// depend only on T, so they are recorded in batches and then applied to Q from the right one packed block of rows
/// at a time (each row of Q transforms independently), each rotation as three shears, with the column a sweep's
/// consecutive rotations share kept in registers; the row blocks are shared between two threads for large n.</item>
/// </list>
/// The products go through <see cref="Backend.LinearAlgebra"/>, so the reduction and Q run at the speed of the
/// active backend's GEMM (with the managed MathNet backend they are slower than the unblocked loops would be).
/// Eigenvalues come out ascending, eigenvectors orthonormal in the columns, each with the sign convention of
/// <see cref="FixSigns"/>. Backward stable: ‖VΛVᵀ − X‖ and ‖VᵀV − I‖ are a small multiple of nε‖X‖ and nε
/// (Householder reflectors, exact-arithmetic-orthogonal block reflectors and plane rotations all are).
/// </summary>
internal static unsafe class SymmetricEigensolver
{
    // Every loop-carrying method here is [AggressiveOptimization]: most run once or a few times per decomposition, so
    // under tiered compilation they would run as unoptimised or on-stack-replaced code for the first thirty calls
    // (a fresh process at n = 1024, calls 1–4: 504, 258, 253, 235 ms without, 388, 214, 187, 206 ms with).

    /// <summary>The QL sweeps allowed per eigenvalue before giving up; convergence is cubic, two or three are typical.</summary>
    private const int SweepsPerEigenvalue = 30;

    /// <summary>
    /// Reflectors per panel of the tridiagonal reduction: the panel's own work grows with its width squared times n,
    /// while the trailing update's product needs a width of a few dozen to run at GEMM speed.
    /// </summary>
    internal const int PanelWidth = 32;

    /// <summary>The order up to which Q is formed one reflector at a time: below it the block products' fixed costs dominate.</summary>
    private const int UnblockedQOrder = 96;

    /// <summary>Reflectors per compact-WY block when Q is formed: the three products per block have inner order this wide.</summary>
    internal const int ReflectorBlock = 64;

    /// <summary>
    /// The rotations recorded before they are applied: 2¹⁸ pairs (−t, s) are 4 MiB, few enough to stay bounded and
    /// enough that each pass over Q carries hundreds of sweeps.
    /// </summary>
    private const int RotationBatch = 1 << 18;

    /// <summary>Threads for the symmetric products and the rotations: two at most, as the SIMD backend uses.</summary>
    private static readonly int Threads = Math.Clamp(Environment.ProcessorCount, 1, 2);

    /// <summary>
    /// The trailing order from which the reduction's memory-bound passes (a symmetric matrix-vector product, the
    /// trailing update's subtraction) are split across two threads.
    /// </summary>
    private const int ParallelSymvOrder = 320;

    /// <summary>The rotation work (rotations × rows) from which the row blocks are split across two threads.</summary>
    private const long ParallelRotationWork = 1 << 18;

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
        var tau = new double[n];
        Tridiagonalize(v, n, d, e, tau);
        FormQ(v, n, tau);
        DiagonalizeTridiagonal(v, n, d, e);
        SortAscending(v, n, d);
        FixSigns(v, n);
    }

    // ---- phase 1: tridiagonal reduction ----

    /// <summary>
    /// Householder reduction of the symmetric matrix held in <paramref name="a"/> (lower triangle read) to
    /// tridiagonal form T = QᵀXQ, Q = H₀H₁⋯H_{n−2}, Hᵢ = I − τᵢvᵢvᵢᵀ: on return d holds T's diagonal, e[i] = T(i+1, i)
    /// (e[n−1] = 0), τ the reflectors' factors, and column i of a below the subdiagonal holds vᵢ (whose entry i+1
    /// is an implicit 1). The rest of a is scratch.
    /// </summary>
    /// <remarks>
    /// Panel by panel (LAPACK's <c>dlatrd</c>): each column is brought up to date with the panel's earlier
    /// reflectors, its reflector generated, and p = τ(A − VWᵀ − WVᵀ)vᵢ, wᵢ = p − ½τ(pᵀvᵢ)vᵢ formed from the trailing
    /// matrix as it stood before the panel; after the panel the trailing matrix takes A −= VWᵀ + WVᵀ as one product
    /// [V W]·[W V]ᵀ. The products with the trailing matrix (half the flops, memory bound) read its lower triangle once
    /// per column, four columns at a time.
    /// </remarks>
    internal static void Tridiagonalize(Span<double> a, int n, Span<double> d, Span<double> e, Span<double> tau)
    {
        e[n - 1] = 0;
        tau[n - 1] = 0;
        if (n == 1)
        {
            d[0] = a[0];
            return;
        }
        int nb = Math.Min(PanelWidth, n - 1);
        int trailing = n - nb; // the largest trailing order a panel updates
        double[] panels = ArrayPool<double>.Shared.Rent(2 * n * nb + n);
        double[] packed = ArrayPool<double>.Shared.Rent(Math.Max(1, 4 * trailing * nb));
        double[] update = ArrayPool<double>.Shared.Rent(Math.Max(1, trailing * trailing));
        try
        {
            fixed (double* pa = a, pd = d, pe = e, ptau = tau, pp = panels, pk = packed, pu = update)
            {
                double* vp = pp, wp = pp + n * nb, y2 = pp + 2 * n * nb;
                for (int j0 = 0; j0 < n - 1; j0 += nb)
                {
                    int b = Math.Min(nb, n - 1 - j0);
                    new Span<double>(pp, 2 * n * nb).Clear();
                    for (int k = 0; k < b; k++) ReduceColumn(pa, n, j0, k, vp, wp, y2, pd, pe, ptau);
                    UpdateTrailing(pa, n, j0 + b, b, vp, wp, pk, pu);
                }
                pd[n - 1] = pa[(long)(n - 1) * n + n - 1];
            }
        }
        finally
        {
            ArrayPool<double>.Shared.Return(panels);
            ArrayPool<double>.Shared.Return(packed);
            ArrayPool<double>.Shared.Return(update);
        }
    }

    /// <summary>
    /// Column i = j0 + k of the panel: brings it up to date, generates its reflector (vᵢ into the panel's V and into
    /// a below the subdiagonal) and its column wᵢ of W. V and W are n×nb, column-major, zero outside their reflectors' rows.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ReduceColumn(double* a, int n, int j0, int k, double* vp, double* wp, double* y2,
                                     double* d, double* e, double* tau)
    {
        int i = j0 + k;
        double* col = a + (long)i * n;
        // A(i:n, i) −= V(i:n, :k)·W(i, :k)ᵀ + W(i:n, :k)·V(i, :k)ᵀ: the panel's earlier rank-2 updates of this column.
        int q0 = 0;
        for (; q0 + 1 < k; q0 += 2) // two reflectors per pass over the column
        {
            double* v0 = vp + (long)q0 * n, w0 = wp + (long)q0 * n, v1 = v0 + n, w1 = w0 + n;
            Axpy4(-w0[i], v0 + i, -v0[i], w0 + i, -w1[i], v1 + i, -v1[i], w1 + i, col + i, n - i);
        }
        if (q0 < k)
        {
            double* vq = vp + (long)q0 * n, wq = wp + (long)q0 * n;
            Axpy2(-wq[i], vq + i, -vq[i], wq + i, col + i, n - i);
        }
        d[i] = col[i];

        // The reflector that annihilates A(i+2:n, i) (LAPACK's dlarfg): β = −sign(α)·‖(α, x)‖, τ = (β − α)/β,
        // v = (1, x/(α − β)). A zero x gives τ = 0, H = I and no sign change (a tridiagonal input is left as it is).
        int m = n - i - 1;
        double* x = col + i + 2;
        double alpha = col[i + 1];
        double scale = 0;
        for (int r = 0; r < m - 1; r++) scale = Math.Max(scale, Math.Abs(x[r]));
        if (scale == 0)
        {
            e[i] = alpha;
            tau[i] = 0;
            return; // V's and W's columns stay zero
        }
        // The 2-norm with the entries scaled by their largest magnitude: no overflow or underflow in the squares.
        double sum = 0;
        if (scale >= 1e-300)
        {
            double inverse = 1 / scale;
            for (int r = 0; r < m - 1; r++) { double t = x[r] * inverse; sum += t * t; }
        }
        else
        {
            // 1/scale would overflow for a subnormal scale.
            for (int r = 0; r < m - 1; r++) { double t = x[r] / scale; sum += t * t; }
        }
        double beta = -Math.CopySign(double.Hypot(alpha, scale * Math.Sqrt(sum)), alpha);
        double t0 = (beta - alpha) / beta;
        // |α − β| ≥ ‖x‖ ≥ |xᵣ|, so the quotients are at most 1 in magnitude (division, not a reciprocal that could overflow).
        double denominator = alpha - beta;
        for (int r = 0; r < m - 1; r++) x[r] /= denominator;
        e[i] = beta;
        tau[i] = t0;

        double* v = vp + (long)k * n + i + 1; // rows i+1..n−1 of V's column k
        v[0] = 1;
        new ReadOnlySpan<double>(x, m - 1).CopyTo(new Span<double>(v + 1, m - 1));
        double* w = wp + (long)k * n + i + 1;
        SymmetricProduct(a + (long)(i + 1) * n + i + 1, n, m, v, w, y2);
        // w −= V(Wᵀv) + W(Vᵀv) over the panel's earlier columns: the trailing matrix is not yet updated for them.
        int q1 = 0;
        for (; q1 + 1 < k; q1 += 2) // two reflectors per pass over v and over w
        {
            double* v0 = vp + (long)q1 * n + i + 1, w0 = wp + (long)q1 * n + i + 1, v1 = v0 + n, w1 = w0 + n;
            var (s0, s1, s2, s3) = Dot4(w0, v0, w1, v1, v, m);
            Axpy4(-s0, v0, -s1, w0, -s2, v1, -s3, w1, w, m);
        }
        if (q1 < k)
        {
            double* vq = vp + (long)q1 * n + i + 1, wq = wp + (long)q1 * n + i + 1;
            double s1 = Dot(wq, v, m), s2 = Dot(vq, v, m);
            Axpy2(-s1, vq, -s2, wq, w, m);
        }
        Scale(t0, w, m);
        double half = -0.5 * t0 * Dot(w, v, m);
        Axpy2(half, v, 0, v, w, m);
    }

    /// <summary>
    /// The trailing update A(r0:n, r0:n) −= V Wᵀ + W Vᵀ on the lower triangle, as one product [V W]·[W V]ᵀ of inner
    /// order 2b through the backend's GEMM (the product is formed in full: half of it is wasted, but at GEMM speed).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void UpdateTrailing(double* a, int n, int r0, int b, double* vp, double* wp, double* packed, double* update)
    {
        int mt = n - r0;
        if (mt <= 0) return;
        if (mt == 1)
        {
            double s = 0;
            for (int q = 0; q < b; q++) s += 2 * vp[(long)q * n + r0] * wp[(long)q * n + r0];
            a[(long)r0 * n + r0] -= s;
            return;
        }
        double* left = packed, right = packed + 2L * mt * b;
        for (int q = 0; q < b; q++)
        {
            var vq = new ReadOnlySpan<double>(vp + (long)q * n + r0, mt);
            var wq = new ReadOnlySpan<double>(wp + (long)q * n + r0, mt);
            vq.CopyTo(new Span<double>(left + (long)q * mt, mt));
            wq.CopyTo(new Span<double>(left + (long)(q + b) * mt, mt));
            wq.CopyTo(new Span<double>(right + (long)q * mt, mt));
            vq.CopyTo(new Span<double>(right + (long)(q + b) * mt, mt));
        }
        Backend.LinearAlgebra.Multiply(new ReadOnlySpan<double>(left, 2 * mt * b), false, new ReadOnlySpan<double>(right, 2 * mt * b), true,
                                       new Span<double>(update, mt * mt), mt, mt, 2 * b);
        // The subtraction streams the product (mt² entries, out of cache from a few hundred on): two threads stream faster.
        if (Threads > 1 && mt >= ParallelSymvOrder)
        {
            int split = (int)(mt * (1 - 1 / Math.Sqrt(2))); // the lower triangle's first mt(1 − 1/√2) columns hold half of it
            nint ap = (nint)a, up = (nint)update;
            Parallel.For(0, 2, part =>
            {
                double* pa = (double*)ap, pu = (double*)up;
                int from = part == 0 ? 0 : split, to = part == 0 ? split : mt;
                for (int j = from; j < to; j++)
                    Subtract(pa + (long)(r0 + j) * n + r0 + j, pu + (long)j * mt + j, mt - j);
            });
            return;
        }
        for (int j = 0; j < mt; j++)
            Subtract(a + (long)(r0 + j) * n + r0 + j, update + (long)j * mt + j, mt - j);
    }

    /// <summary>
    /// y = A v for the symmetric m×m matrix A stored in the lower triangle at <paramref name="a"/> (leading dimension
    /// lda). From <see cref="ParallelSymvOrder"/> on, the columns are split in two parts of equal area, the second
    /// accumulating into <paramref name="y2"/>, then summed.
    /// </summary>
    private static void SymmetricProduct(double* a, int lda, int m, double* v, double* y, double* y2)
    {
        new Span<double>(y, m).Clear();
        if (Threads > 1 && m >= ParallelSymvOrder)
        {
            // Column c holds m − c entries of the lower triangle: the first m(1 − 1/√2) columns hold half of them.
            int split = (int)(m * (1 - 1 / Math.Sqrt(2)));
            new Span<double>(y2 + split, m - split).Clear();
            nint ap = (nint)a, vp = (nint)v, yp = (nint)y, y2p = (nint)y2;
            Parallel.For(0, 2, part =>
            {
                if (part == 0) SymmetricProductColumns((double*)ap, lda, m, (double*)vp, (double*)yp, 0, split);
                else SymmetricProductColumns((double*)ap, lda, m, (double*)vp, (double*)y2p, split, m);
            });
            for (int r = split; r < m; r++) y[r] += y2[r];
            return;
        }
        SymmetricProductColumns(a, lda, m, v, y, 0, m);
    }

    /// <summary>
    /// The contribution of columns c0..c1−1 of the lower triangle to y = A v: each column adds to y below the diagonal
    /// (A's lower part) and its dot product with v to y[c] (the mirrored upper part). Four columns per pass over y.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void SymmetricProductColumns(double* a, int lda, int m, double* v, double* y, int c0, int c1)
    {
        int c = c0;
        for (; c + 3 < c1; c += 4)
        {
            double* p0 = a + (long)c * lda, p1 = p0 + lda, p2 = p1 + lda, p3 = p2 + lda;
            double v0 = v[c], v1 = v[c + 1], v2 = v[c + 2], v3 = v[c + 3];
            // The 4×4 diagonal block (lower triangle), mirrored.
            double d0 = p0[c] * v0 + p0[c + 1] * v1 + p0[c + 2] * v2 + p0[c + 3] * v3;
            double d1 = p0[c + 1] * v0 + p1[c + 1] * v1 + p1[c + 2] * v2 + p1[c + 3] * v3;
            double d2 = p0[c + 2] * v0 + p1[c + 2] * v1 + p2[c + 2] * v2 + p2[c + 3] * v3;
            double d3 = p0[c + 3] * v0 + p1[c + 3] * v1 + p2[c + 3] * v2 + p3[c + 3] * v3;
            int r = c + 4;
            if (Vector.IsHardwareAccelerated && m - r >= Vector<double>.Count)
            {
                var b0 = new Vector<double>(v0);
                var b1 = new Vector<double>(v1);
                var b2 = new Vector<double>(v2);
                var b3 = new Vector<double>(v3);
                var s0 = Vector<double>.Zero;
                var s1 = Vector<double>.Zero;
                var s2 = Vector<double>.Zero;
                var s3 = Vector<double>.Zero;
                for (; r <= m - Vector<double>.Count; r += Vector<double>.Count)
                {
                    var x0 = Vector.Load(p0 + r);
                    var x1 = Vector.Load(p1 + r);
                    var x2 = Vector.Load(p2 + r);
                    var x3 = Vector.Load(p3 + r);
                    var vr = Vector.Load(v + r);
                    s0 = Fma(x0, vr, s0);
                    s1 = Fma(x1, vr, s1);
                    s2 = Fma(x2, vr, s2);
                    s3 = Fma(x3, vr, s3);
                    Vector.Store(Fma(x3, b3, Fma(x2, b2, Fma(x1, b1, Fma(x0, b0, Vector.Load(y + r))))), y + r);
                }
                d0 += Vector.Sum(s0);
                d1 += Vector.Sum(s1);
                d2 += Vector.Sum(s2);
                d3 += Vector.Sum(s3);
            }
            for (; r < m; r++)
            {
                d0 += p0[r] * v[r];
                d1 += p1[r] * v[r];
                d2 += p2[r] * v[r];
                d3 += p3[r] * v[r];
                y[r] += p0[r] * v0 + p1[r] * v1 + p2[r] * v2 + p3[r] * v3;
            }
            y[c] += d0;
            y[c + 1] += d1;
            y[c + 2] += d2;
            y[c + 3] += d3;
        }
        for (; c + 1 < c1; c += 2)
        {
            double* p = a + (long)c * lda, q = p + lda;
            double vc = v[c], vc1 = v[c + 1];
            // The 2×2 diagonal block: A(c,c), A(c+1,c), A(c+1,c+1).
            double dot0 = p[c] * vc + p[c + 1] * vc1;
            double dot1 = p[c + 1] * vc + q[c + 1] * vc1;
            int r = c + 2;
            if (Vector.IsHardwareAccelerated && m - r >= Vector<double>.Count)
            {
                var b0 = new Vector<double>(vc);
                var b1 = new Vector<double>(vc1);
                var s0 = Vector<double>.Zero;
                var s1 = Vector<double>.Zero;
                for (; r <= m - Vector<double>.Count; r += Vector<double>.Count)
                {
                    var x0 = Vector.Load(p + r);
                    var x1 = Vector.Load(q + r);
                    var vr = Vector.Load(v + r);
                    s0 = Fma(x0, vr, s0);
                    s1 = Fma(x1, vr, s1);
                    Vector.Store(Fma(x1, b1, Fma(x0, b0, Vector.Load(y + r))), y + r);
                }
                dot0 += Vector.Sum(s0);
                dot1 += Vector.Sum(s1);
            }
            for (; r < m; r++)
            {
                dot0 += p[r] * v[r];
                dot1 += q[r] * v[r];
                y[r] += p[r] * vc + q[r] * vc1;
            }
            y[c] += dot0;
            y[c + 1] += dot1;
        }
        if (c < c1)
        {
            double* p = a + (long)c * lda;
            double vc = v[c];
            double dot = p[c] * vc + Dot(p + c + 1, v + c + 1, m - c - 1);
            Axpy2(vc, p + c + 1, 0, p + c + 1, y + c + 1, m - c - 1);
            y[c] += dot;
        }
    }

    // ---- phase 2: forming Q ----

    /// <summary>
    /// Overwrites <paramref name="a"/> (the reflectors of <see cref="Tridiagonalize"/> below its subdiagonal) with
    /// Q = H₀H₁⋯H_{n−2}. Hᵢ acts on rows i+1..n−1, so Q has a unit first row and column. Blocks of reflectors are
    /// taken from the last to the first (LAPACK's <c>dorgqr</c> order): block [s, s+b) is the compact WY matrix
    /// I − V T Vᵀ; it multiplies the already formed trailing columns by three products, and its own b columns are
    /// (I − V T Vᵀ)E = E − V(T V₁ᵀ), V₁ the unit lower triangular top of V.
    /// </summary>
    internal static void FormQ(Span<double> a, int n, ReadOnlySpan<double> tau)
    {
        if (n == 1)
        {
            a[0] = 1;
            return;
        }
        if (n <= UnblockedQOrder)
        {
            fixed (double* pa = a, pt = tau) FormQUnblocked(pa, n, pt);
            return;
        }
        int reflectors = n - 1;
        int nb = Math.Min(ReflectorBlock, reflectors);
        int rest = Math.Max(1, reflectors - nb);
        double[] blockV = ArrayPool<double>.Shared.Rent(reflectors * nb + 3 * nb * nb);
        double[] small = ArrayPool<double>.Shared.Rent(2 * nb * rest + nb * reflectors);
        double[] big = ArrayPool<double>.Shared.Rent(Math.Max(2 * reflectors * rest, reflectors * nb));
        try
        {
            fixed (double* pa = a, pt = tau, pv = blockV, ps = small, pb = big)
            {
                for (int s = (reflectors - 1) / nb * nb; s >= 0; s -= nb)
                {
                    int b = Math.Min(nb, reflectors - s);
                    ApplyBlock(pa, n, s, b, pt, pv, ps, pb);
                }
                // Column and row 0: H₀…H_{n−2} never touch them.
                pa[0] = 1;
                for (int r = 1; r < n; r++) pa[r] = 0;
            }
        }
        finally
        {
            ArrayPool<double>.Shared.Return(blockV);
            ArrayPool<double>.Shared.Return(small);
            ArrayPool<double>.Shared.Return(big);
        }
    }

    /// <summary>
    /// <see cref="FormQ"/> one reflector at a time (LAPACK's <c>dorg2r</c>), from the last: Hᵢ updates the columns
    /// already formed by a dot product and an axpy each, then sets its own column i+1 = e − τᵢvᵢ.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void FormQUnblocked(double* a, int n, double* tau)
    {
        for (int i = n - 2; i >= 0; i--)
        {
            double t = tau[i];
            int m = n - i - 2;                       // vᵢ below its unit entry: global rows i+2..n−1
            double* v = a + (long)i * n + i + 2;
            for (int c = i + 2; c < n && t != 0; c++)
            {
                // Rows ≤ i+1 of the formed columns are zero, so vᵢᵀq reads rows i+2.. only.
                double* q = a + (long)c * n;
                double w = t * Dot(v, q + i + 2, m);
                q[i + 1] = -w;
                Axpy2(-w, v, 0, v, q + i + 2, m);
            }
            double* own = a + (long)(i + 1) * n;
            for (int r = 0; r <= i; r++) own[r] = 0;
            own[i + 1] = 1 - t;
            for (int r = 0; r < m; r++) own[i + 2 + r] = -t * v[r];
        }
        a[0] = 1;
        for (int r = 1; r < n; r++) a[r] = 0;
    }

    /// <summary>One block [s, s+b) of <see cref="FormQ"/>: rows s+1..n−1 (m of them) of the columns s+1..n−1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ApplyBlock(double* a, int n, int s, int b, double* tau, double* vBuffer, double* small, double* big)
    {
        int m = n - 1 - s;
        double* v = vBuffer;              // m×b: reflector s+q in column q, 1 at row q, zero above
        double* t = vBuffer + (long)m * b; // b×b upper triangular T
        double* top = t + (long)b * b;     // b×b: T·V₁ᵀ
        double* gram = top + (long)b * b;  // b×b: VᵀV
        for (int q = 0; q < b; q++)
        {
            double* column = v + (long)q * m;
            for (int r = 0; r < q; r++) column[r] = 0;
            column[q] = 1;
            double* stored = a + (long)(s + q) * n + s + 1; // global rows s+1.. of column s+q
            for (int r = q + 1; r < m; r++) column[r] = stored[r];
        }
        // T (LAPACK's dlarft, forward, columnwise): T(:q, q) = −τ_q T(:q, :q) V(:, :q)ᵀ v_q, T(q, q) = τ_q. The inner
        // products V(:, :q)ᵀ v_q are the strict upper triangle of VᵀV, one product (b dots of length m per column
        // one at a time cost more than the rest of the block at n = 1024).
        Backend.LinearAlgebra.Multiply(new ReadOnlySpan<double>(v, m * b), true, new ReadOnlySpan<double>(v, m * b), false,
                                       new Span<double>(gram, b * b), b, b, m);
        new Span<double>(t, b * b).Clear();
        for (int q = 0; q < b; q++)
        {
            double tq = tau[s + q];
            double* vq = v + (long)q * m;
            double* tcol = t + (long)q * b;
            if (tq != 0)
            {
                for (int p = 0; p < q; p++) tcol[p] = -tq * gram[p + (long)q * b];
                // tcol[:q] = T(:q, :q) · tcol[:q], T upper triangular: rows top-down use entries not yet overwritten.
                for (int p = 0; p < q; p++)
                {
                    double sum = 0;
                    for (int r = p; r < q; r++) sum += t[p + (long)r * b] * tcol[r];
                    tcol[p] = sum;
                }
            }
            tcol[q] = tq;
        }

        var vSpan = new ReadOnlySpan<double>(v, m * b);
        int nc = m - b; // the trailing columns s+1+b..n−1
        if (nc > 0)
        {
            double* c = big, u = big + (long)m * nc;
            double* w = small, w2 = small + (long)b * nc;
            CopyColumns(a + (long)(s + 1 + b) * n + s + 1, n, c, m, null, m, nc);
            var la = Backend.LinearAlgebra;
            la.Multiply(vSpan, true, new ReadOnlySpan<double>(c, m * nc), false, new Span<double>(w, b * nc), b, nc, m);
            la.Multiply(new ReadOnlySpan<double>(t, b * b), false, new ReadOnlySpan<double>(w, b * nc), false, new Span<double>(w2, b * nc), b, nc, b);
            la.Multiply(vSpan, false, new ReadOnlySpan<double>(w2, b * nc), false, new Span<double>(u, m * nc), m, nc, b);
            CopyColumns(c, m, a + (long)(s + 1 + b) * n + s + 1, n, u, m, nc);
        }

        // The block's own columns s+1..s+b: E − V (T V₁ᵀ), and zero in rows 0..s.
        for (int q = 0; q < b; q++)
            for (int p = 0; p < b; p++)
            {
                double sum = 0;
                for (int r = p; r <= q; r++) sum += t[p + (long)r * b] * (r == q ? 1 : v[q + (long)r * m]);
                top[p + (long)q * b] = sum;
            }
        double* panel = big;
        Backend.LinearAlgebra.Multiply(vSpan, false, new ReadOnlySpan<double>(top, b * b), false, new Span<double>(panel, m * b), m, b, b);
        for (int q = 0; q < b; q++)
        {
            double* column = a + (long)(s + 1 + q) * n;
            for (int r = 0; r <= s; r++) column[r] = 0;
            double* source = panel + (long)q * m;
            for (int r = 0; r < m; r++) column[s + 1 + r] = (r == q ? 1 : 0) - source[r];
        }
    }

    /// <summary>
    /// target(:, j) = source(:, j) − minus(:, j) (or a plain copy when <paramref name="minus"/> is null) for the
    /// <paramref name="columns"/> columns of <paramref name="rows"/> entries, with the leading dimensions given
    /// (<paramref name="minus"/> packed). Memory bound and out of cache at large orders, so two threads from 2¹⁶ entries.
    /// </summary>
    private static void CopyColumns(double* source, int ldSource, double* target, int ldTarget, double* minus, int rows, int columns)
    {
        if (Threads > 1 && (long)rows * columns >= 1 << 16 && columns > 1)
        {
            int half = columns / 2;
            nint sp = (nint)source, tp = (nint)target, mp = (nint)minus;
            Parallel.For(0, 2, part =>
            {
                int from = part == 0 ? 0 : half;
                CopyColumnRange((double*)sp, ldSource, (double*)tp, ldTarget, (double*)mp, rows, from, part == 0 ? half : columns);
            });
            return;
        }
        CopyColumnRange(source, ldSource, target, ldTarget, minus, rows, 0, columns);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void CopyColumnRange(double* source, int ldSource, double* target, int ldTarget, double* minus, int rows, int from, int to)
    {
        for (int j = from; j < to; j++)
        {
            double* sj = source + (long)j * ldSource, tj = target + (long)j * ldTarget;
            if (minus == null) new ReadOnlySpan<double>(sj, rows).CopyTo(new Span<double>(tj, rows));
            else Difference(sj, minus + (long)j * rows, tj, rows);
        }
    }

    // ---- phase 3: QL on the tridiagonal, rotations applied to Q by row blocks ----

    /// <summary>
    /// The implicit QL iteration on the tridiagonal matrix (d, e), e[i] = T(i+1, i): on return d holds the eigenvalues
    /// (unsorted) and the columns of <paramref name="z"/> (Q on entry) the eigenvectors. An off-diagonal entry counts
    /// as zero once it is below ε times the largest |dₗ| + |eₗ| seen, which gives the backward-stable deflation. The
    /// rotations are recorded and applied to z in batches by <see cref="ApplyRotations"/>, in the order they were made,
    /// so each entry of z sees the same operations as if each rotation were applied at once.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void DiagonalizeTridiagonal(Span<double> z, int n, Span<double> d, Span<double> e)
    {
        e[n - 1] = 0;
        // A sweep has at most n − 1 rotations; small problems need no more room than a few sweeps per eigenvalue.
        int capacity = (int)Math.Max(n, Math.Min(RotationBatch, 4L * n * n));
        double[] rotations = ArrayPool<double>.Shared.Rent(2 * capacity);
        int[] sweepList = ArrayPool<int>.Shared.Rent(3 * capacity);
        try
        {
            fixed (double* pz = z, cs = rotations)
            fixed (int* sweepsPointer = sweepList)
            {
                int count = 0, sweepCount = 0;
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
                            if (count + (m - l) > capacity)
                            {
                                ApplyRotations(pz, n, sweepsPointer, sweepCount, cs);
                                count = sweepCount = 0;
                            }
                            sweepsPointer[3 * sweepCount] = l;
                            sweepsPointer[3 * sweepCount + 1] = m;
                            sweepsPointer[3 * sweepCount + 2] = count;
                            sweepCount++;
                            // The shift: the eigenvalue of the leading 2×2 block closer to d[l].
                            double g = d[l];
                            double p = (d[l + 1] - g) / (2 * e[l]);
                            double r = Radius(p, 1);
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
                                // r with the sign of p makes c = |p|/√(p² + e²) ≥ 0 (as LAPACK's dlartg does): −G
                                // chases the bulge as well as G, and c ≥ 0 keeps the shears below bounded.
                                r = Math.CopySign(Radius(p, e[i]), p);
                                e[i + 1] = s * r;
                                s = e[i] / r;
                                c = p / r;
                                p = c * d[i] - s * g;
                                d[i + 1] = h + s * (c * g + s * d[i]);
                                // The rotation as three shears (see RotateBlock): −t = −s/(1 + c), |t| ≤ |s| ≤ 1 as c ≥ 0.
                                cs[2 * count] = -s / (1 + c);
                                cs[2 * count + 1] = s;
                                count++;
                            }
                            p = -s * s2 * c3 * el1 * e[l] / dl1;
                            e[l] = s * p;
                            d[l] = c * p;
                        } while (Math.Abs(e[l]) > eps * tst1);
                    }
                    d[l] += f;
                    e[l] = 0;
                }
                ApplyRotations(pz, n, sweepsPointer, sweepCount, cs);
            }
        }
        finally
        {
            ArrayPool<double>.Shared.Return(rotations);
            ArrayPool<int>.Shared.Return(sweepList);
        }
    }

    /// <summary>
    /// √(a² + b²): the plain formula where its result lies in (10⁻¹³⁸, 10¹³⁸) (the squares then neither overflow nor
    /// lose anything that matters to the sum; a square that underflows is below ε² of it), <see cref="double.Hypot"/>
    /// with its scaling otherwise. The QL sweep calls this once per rotation, n² times in all, and the plain formula
    /// is several times cheaper.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Radius(double a, double b)
    {
        double r = Math.Sqrt(a * a + b * b);
        return r > 1e-138 && r < 1e138 ? r : double.Hypot(a, b);
    }

    /// <summary>
    /// The rows per block of the rotation kernel: eight vectors, eight independent dependency chains, as many as it
    /// takes to cover a rotation's chain of three fused multiply-adds (12 cycles on current x64) with the 24 operations
    /// of the eight.
    /// </summary>
    private static int RowBlock => 8 * Vector<double>.Count;

    /// <summary>
    /// Applies the recorded sweeps to z from the right, in order. Sweep k is (l, m, offset): rotations i = m−1 down to l
    /// on columns (i, i+1), (−tᵢ, sᵢ) at cs[2(offset + m−1−i)], tᵢ = sᵢ/(1 + cᵢ). Rows are independent, so the work is done one block of
    /// rows at a time (all sweeps on a block before the next, the block staying in cache), on two threads for large work.
    /// </summary>
    private static void ApplyRotations(double* z, int n, int* sweeps, int sweepCount, double* cs)
    {
        if (sweepCount == 0) return;
        int last = 3 * (sweepCount - 1);
        long rotations = sweeps[last + 2] + sweeps[last + 1] - sweeps[last];
        int rb = RowBlock;
        int blocks = (n + rb - 1) / rb;
        if (Threads > 1 && blocks >= 2 && rotations * n >= ParallelRotationWork)
        {
            int split = (blocks + 1) / 2 * rb;
            nint zp = (nint)z, sp = (nint)sweeps, cp = (nint)cs;
            Parallel.For(0, 2, part =>
            {
                if (part == 0) RotateRows((double*)zp, n, 0, split, (int*)sp, sweepCount, (double*)cp);
                else RotateRows((double*)zp, n, split, n, (int*)sp, sweepCount, (double*)cp);
            });
            return;
        }
        RotateRows(z, n, 0, n, sweeps, sweepCount, cs);
    }

    /// <summary>
    /// Rows r0..r1−1 of <see cref="ApplyRotations"/>, one block of <see cref="RowBlock"/> rows at a time. Each block is
    /// copied into a contiguous n×<see cref="RowBlock"/> buffer first: in place, its columns would lie n·8 bytes apart,
    /// a power-of-two stride for the usual n that maps them onto a few cache sets (measured with 16-row blocks: the QL at
    /// n = 1024 took 950 ms in place and 123 ms packed). The last block is padded with zero rows.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void RotateRows(double* z, int n, int r0, int r1, int* sweeps, int sweepCount, double* cs)
    {
        int rb = RowBlock;
        double[] buffer = ArrayPool<double>.Shared.Rent(n * rb);
        try
        {
            fixed (double* packed = buffer)
            {
                for (int r = r0; r < r1; r += rb)
                {
                    int rows = Math.Min(rb, r1 - r);
                    for (int j = 0; j < n; j++)
                    {
                        double* source = z + (long)j * n + r;
                        double* target = packed + (long)j * rb;
                        for (int t = 0; t < rows; t++) target[t] = source[t];
                        for (int t = rows; t < rb; t++) target[t] = 0;
                    }
                    RotateBlock(packed, rb, sweeps, sweepCount, cs);
                    for (int j = 0; j < n; j++)
                    {
                        double* source = packed + (long)j * rb;
                        double* target = z + (long)j * n + r;
                        for (int t = 0; t < rows; t++) target[t] = source[t];
                    }
                }
            }
        }
        finally
        {
            ArrayPool<double>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// Every sweep on a packed block of 8 vectors' worth of rows (column j at z + j·ld). Rotation i maps (zᵢ, zᵢ₊₁) to
    /// (c·zᵢ − s·zᵢ₊₁, s·zᵢ + c·zᵢ₊₁), done as three shears with t = s/(1 + c) = (1 − c)/s:
    /// u = zᵢ − t·zᵢ₊₁, zᵢ₊₁ ← zᵢ₊₁ + s·u, zᵢ ← u − t·zᵢ₊₁ (three fused multiply-adds instead of two products and two
    /// fused multiply-adds; each shear has coefficients at most 1 in magnitude since c ≥ 0, so the rounding errors are
    /// those of the direct form). The next rotation, on (i−1, i), reads the new zᵢ, which therefore stays in registers
    /// (the carry): one load and one store per rotation.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void RotateBlock(double* z, int ld, int* sweeps, int sweepCount, double* cs)
    {
        if (!Vector.IsHardwareAccelerated)
        {
            RotateBlockScalar(z, ld, sweeps, sweepCount, cs);
            return;
        }
        int w = Vector<double>.Count;
        for (int k = 0; k < sweepCount; k++)
        {
            int l = sweeps[3 * k], m = sweeps[3 * k + 1];
            double* rot = cs + 2 * sweeps[3 * k + 2];
            double* column = z + (long)m * ld;
            var k0 = Vector.Load(column);
            var k1 = Vector.Load(column + w);
            var k2 = Vector.Load(column + 2 * w);
            var k3 = Vector.Load(column + 3 * w);
            var k4 = Vector.Load(column + 4 * w);
            var k5 = Vector.Load(column + 5 * w);
            var k6 = Vector.Load(column + 6 * w);
            var k7 = Vector.Load(column + 7 * w);
            for (int i = m - 1; i >= l; i--, rot += 2)
            {
                var t = new Vector<double>(rot[0]); // −t
                var s = new Vector<double>(rot[1]);
                double* below = column; // column i+1
                column -= ld;           // column i
                var u0 = Fma(t, k0, Vector.Load(column));
                var u1 = Fma(t, k1, Vector.Load(column + w));
                var u2 = Fma(t, k2, Vector.Load(column + 2 * w));
                var u3 = Fma(t, k3, Vector.Load(column + 3 * w));
                var u4 = Fma(t, k4, Vector.Load(column + 4 * w));
                var u5 = Fma(t, k5, Vector.Load(column + 5 * w));
                var u6 = Fma(t, k6, Vector.Load(column + 6 * w));
                var u7 = Fma(t, k7, Vector.Load(column + 7 * w));
                k0 = Fma(s, u0, k0);
                k1 = Fma(s, u1, k1);
                k2 = Fma(s, u2, k2);
                k3 = Fma(s, u3, k3);
                k4 = Fma(s, u4, k4);
                k5 = Fma(s, u5, k5);
                k6 = Fma(s, u6, k6);
                k7 = Fma(s, u7, k7);
                Vector.Store(k0, below);
                Vector.Store(k1, below + w);
                Vector.Store(k2, below + 2 * w);
                Vector.Store(k3, below + 3 * w);
                Vector.Store(k4, below + 4 * w);
                Vector.Store(k5, below + 5 * w);
                Vector.Store(k6, below + 6 * w);
                Vector.Store(k7, below + 7 * w);
                k0 = Fma(t, k0, u0);
                k1 = Fma(t, k1, u1);
                k2 = Fma(t, k2, u2);
                k3 = Fma(t, k3, u3);
                k4 = Fma(t, k4, u4);
                k5 = Fma(t, k5, u5);
                k6 = Fma(t, k6, u6);
                k7 = Fma(t, k7, u7);
            }
            Vector.Store(k0, column);
            Vector.Store(k1, column + w);
            Vector.Store(k2, column + 2 * w);
            Vector.Store(k3, column + 3 * w);
            Vector.Store(k4, column + 4 * w);
            Vector.Store(k5, column + 5 * w);
            Vector.Store(k6, column + 6 * w);
            Vector.Store(k7, column + 7 * w);
        }
    }

    /// <summary>
    /// <see cref="RotateBlock"/> in scalar arithmetic, for a runtime without hardware vectors (where Vector&lt;T&gt; is a
    /// software emulation many times slower than plain loops): the carries of the block's ld rows in a small array.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void RotateBlockScalar(double* z, int ld, int* sweeps, int sweepCount, double* cs)
    {
        double* carry = stackalloc double[ld];
        for (int k = 0; k < sweepCount; k++)
        {
            int l = sweeps[3 * k], m = sweeps[3 * k + 1];
            double* rot = cs + 2 * sweeps[3 * k + 2];
            double* column = z + (long)m * ld;
            for (int r = 0; r < ld; r++) carry[r] = column[r];
            for (int i = m - 1; i >= l; i--, rot += 2)
            {
                double t = rot[0], s = rot[1];
                double* below = column;
                column -= ld;
                for (int r = 0; r < ld; r++)
                {
                    double u = column[r] + t * carry[r];
                    double next = carry[r] + s * u;
                    below[r] = next;
                    carry[r] = u + t * next;
                }
            }
            for (int r = 0; r < ld; r++) column[r] = carry[r];
        }
    }

    // ---- ordering and signs ----

    /// <summary>Sorts the eigenvalues ascending (selection sort: n swaps of n-long columns at most), the columns along.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void SortAscending(Span<double> v, int n, Span<double> d)
    {
        var scratch = new double[n];
        for (int i = 0; i < n - 1; i++)
        {
            int k = i;
            double p = d[i];
            for (int j = i + 1; j < n; j++)
                if (d[j] < p) { k = j; p = d[j]; }
            if (k == i) continue;
            d[k] = d[i];
            d[i] = p;
            v.Slice(i * n, n).CopyTo(scratch);
            v.Slice(k * n, n).CopyTo(v.Slice(i * n, n));
            scratch.CopyTo(v.Slice(k * n, n));
        }
    }

    /// <summary>
    /// The sign convention: each eigenvector is negated when needed so that its entry of largest magnitude is
    /// positive (the first such entry on an exact tie). An eigenvector is defined up to sign only; fixing it by a
    /// rule that is locally constant in X makes V a smooth function of X wherever the spectrum is simple and the
    /// largest entry is unique, so dV = V(F ∘ (VᵀdXV)) is its derivative there.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void FixSigns(Span<double> v, int n)
    {
        fixed (double* pv = v)
        {
            for (int j = 0; j < n; j++)
            {
                double* column = pv + (long)j * n;
                // The largest magnitude first (a vector pass), then the first entry that has it.
                double largest = MaxAbs(column, n);
                int i = 0;
                while (Math.Abs(column[i]) != largest) i++;
                if (column[i] < 0) Scale(-1, column, n);
            }
        }
    }

    /// <summary>max |x[k]| over k &lt; length (length ≥ 1, entries finite).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double MaxAbs(double* x, int length)
    {
        int k = 0;
        double max = 0;
        if (Vector.IsHardwareAccelerated && length >= Vector<double>.Count)
        {
            var m = Vector<double>.Zero;
            for (; k <= length - Vector<double>.Count; k += Vector<double>.Count) m = Vector.Max(m, Vector.Abs(Vector.Load(x + k)));
            for (int q = 0; q < Vector<double>.Count; q++) max = Math.Max(max, m[q]);
        }
        for (; k < length; k++) max = Math.Max(max, Math.Abs(x[k]));
        return max;
    }

    // ---- small vector kernels ----

    /// <summary>a·b + c, fused where the hardware has FMA (a software fused multiply-add would be far slower).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<double> Fma(Vector<double> a, Vector<double> b, Vector<double> c) =>
        System.Runtime.Intrinsics.X86.Fma.IsSupported || System.Runtime.Intrinsics.Arm.AdvSimd.IsSupported
            ? Vector.FusedMultiplyAdd(a, b, c)
            : a * b + c;

    /// <summary>y[k] += α·x[k] + β·u[k] for k &lt; length.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Axpy2(double alpha, double* x, double beta, double* u, double* y, int length)
    {
        int k = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var va = new Vector<double>(alpha);
            var vb = new Vector<double>(beta);
            for (; k <= length - Vector<double>.Count; k += Vector<double>.Count)
                Vector.Store(Fma(vb, Vector.Load(u + k), Fma(va, Vector.Load(x + k), Vector.Load(y + k))), y + k);
        }
        for (; k < length; k++) y[k] += alpha * x[k] + beta * u[k];
    }

    /// <summary>y[k] += α₀·x₀[k] + α₁·x₁[k] + α₂·x₂[k] + α₃·x₃[k] for k &lt; length.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Axpy4(double a0, double* x0, double a1, double* x1, double a2, double* x2, double a3, double* x3, double* y, int length)
    {
        int k = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var b0 = new Vector<double>(a0);
            var b1 = new Vector<double>(a1);
            var b2 = new Vector<double>(a2);
            var b3 = new Vector<double>(a3);
            for (; k <= length - Vector<double>.Count; k += Vector<double>.Count)
                Vector.Store(Fma(b3, Vector.Load(x3 + k), Fma(b2, Vector.Load(x2 + k), Fma(b1, Vector.Load(x1 + k), Fma(b0, Vector.Load(x0 + k), Vector.Load(y + k))))), y + k);
        }
        for (; k < length; k++) y[k] += a0 * x0[k] + a1 * x1[k] + a2 * x2[k] + a3 * x3[k];
    }

    /// <summary>The four dot products of x₀ … x₃ with v, in one pass over v.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static (double, double, double, double) Dot4(double* x0, double* x1, double* x2, double* x3, double* v, int length)
    {
        int k = 0;
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        if (Vector.IsHardwareAccelerated && length >= Vector<double>.Count)
        {
            var c0 = Vector<double>.Zero;
            var c1 = Vector<double>.Zero;
            var c2 = Vector<double>.Zero;
            var c3 = Vector<double>.Zero;
            for (; k <= length - Vector<double>.Count; k += Vector<double>.Count)
            {
                var vk = Vector.Load(v + k);
                c0 = Fma(Vector.Load(x0 + k), vk, c0);
                c1 = Fma(Vector.Load(x1 + k), vk, c1);
                c2 = Fma(Vector.Load(x2 + k), vk, c2);
                c3 = Fma(Vector.Load(x3 + k), vk, c3);
            }
            s0 = Vector.Sum(c0);
            s1 = Vector.Sum(c1);
            s2 = Vector.Sum(c2);
            s3 = Vector.Sum(c3);
        }
        for (; k < length; k++)
        {
            s0 += x0[k] * v[k];
            s1 += x1[k] * v[k];
            s2 += x2[k] * v[k];
            s3 += x3[k] * v[k];
        }
        return (s0, s1, s2, s3);
    }

    /// <summary>x[k] *= α for k &lt; length.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Scale(double alpha, double* x, int length)
    {
        int k = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var va = new Vector<double>(alpha);
            for (; k <= length - Vector<double>.Count; k += Vector<double>.Count)
                Vector.Store(va * Vector.Load(x + k), x + k);
        }
        for (; k < length; k++) x[k] *= alpha;
    }

    /// <summary>a[k] −= b[k] for k &lt; length.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Subtract(double* a, double* b, int length)
    {
        int k = 0;
        if (Vector.IsHardwareAccelerated)
            for (; k <= length - Vector<double>.Count; k += Vector<double>.Count)
                Vector.Store(Vector.Load(a + k) - Vector.Load(b + k), a + k);
        for (; k < length; k++) a[k] -= b[k];
    }

    /// <summary>target[k] = a[k] − b[k] for k &lt; length.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Difference(double* a, double* b, double* target, int length)
    {
        int k = 0;
        if (Vector.IsHardwareAccelerated)
            for (; k <= length - Vector<double>.Count; k += Vector<double>.Count)
                Vector.Store(Vector.Load(a + k) - Vector.Load(b + k), target + k);
        for (; k < length; k++) target[k] = a[k] - b[k];
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double Dot(double* a, double* b, int length)
    {
        int k = 0;
        double sum = 0;
        if (Vector.IsHardwareAccelerated && length >= Vector<double>.Count)
        {
            var acc = Vector<double>.Zero;
            for (; k <= length - Vector<double>.Count; k += Vector<double>.Count)
                acc = Fma(Vector.Load(a + k), Vector.Load(b + k), acc);
            sum = Vector.Sum(acc);
        }
        for (; k < length; k++) sum += a[k] * b[k];
        return sum;
    }
}
