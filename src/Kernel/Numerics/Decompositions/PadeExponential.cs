using System.Globalization;
using System.Numerics;

namespace Differentials.Numerics;

/// <summary>
/// exp(X) by scaling and squaring with a diagonal Padé approximant r_m, m ∈ {3, 5, 7, 9, 13} (Higham 2005,
/// "The scaling and squaring method for the matrix exponential revisited"), together with the Fréchet
/// derivative L(X, E) by Al-Mohy and Higham 2009 ("Computing the Fréchet derivative of the matrix exponential",
/// Algorithm 6.4), on column-major n×n storage, every product through <see cref="Backend.LinearAlgebra"/>.
/// <para>
/// Why this algorithm for L: the block identity exp([[X, E], [0, X]]) = [[exp X, L(X, E)], [0, exp X]] gives L
/// from one exponential of order 2n, about 8× the products of the forward (a product of order 2n costs 8 of order
/// n) and it throws away everything the forward computed. Al-Mohy–Higham differentiate the algorithm itself:
/// r_m(A) = (V − U)⁻¹(U + V) with U, V polynomials in A = 2⁻ˢX, so the derivative reuses the forward's powers
/// A², A⁴, A⁶ (and A⁸), the polynomial parts W, Z and the one LU factorisation of V − U: their products give the
/// derivatives L_U, L_V, one solve with that LU gives L(r_m), and each squaring R ← R² becomes L ← R L + L R.
/// The result is the exact derivative of the computed approximant, which is why its adjoint is exactly
/// E ↦ L(Xᵀ, E) = L(X, Eᵀ)ᵀ and passes the dot-product test to rounding.
/// </para>
/// <para>
/// Degree and scaling: the smallest m whose θ_m bounds ‖X‖₁ (backward error below the unit round-off), else m = 13
/// and the least s with ‖2⁻ˢX‖₁ ≤ θ₁₃. The forward alone uses Higham's θ_m; whatever will be differentiated uses
/// Al-Mohy–Higham's slightly smaller ℓ_m, which bound the backward error of L as well as of exp. s is bounded:
/// ‖X‖₁ must stay below 1/ε (the relative condition number of exp at X is at least ‖X‖, so beyond that no digit of
/// exp(X) is meaningful), hence s ≤ 50.
/// </para>
/// Not thread-safe. The object holds private copies only: later changes to the input do not reach it.
/// </summary>
internal sealed class PadeExponential
{
    /// <summary>Higham 2005 (Table 2.3): ‖A‖₁ ≤ θ_m makes r_m(A) exact to a backward error of the unit round-off.</summary>
    internal static readonly double[] ForwardTheta = [1.495585217958292e-2, 2.539398330063230e-1, 9.504178996162932e-1, 2.097847961257068e0, 5.371920351148152e0];

    /// <summary>Al-Mohy and Higham 2009 (Table 6.1, ℓ_m): the same guarantee for the Fréchet derivative as well.</summary>
    internal static readonly double[] DerivativeTheta = [1.08e-2, 2.00e-1, 7.83e-1, 1.78e0, 4.74e0];

    /// <summary>The degrees, in the order of the θ tables.</summary>
    internal static readonly int[] Degrees = [3, 5, 7, 9, 13];

    private static readonly double[] B3 = [120, 60, 12, 1];
    private static readonly double[] B5 = [30240, 15120, 3360, 420, 30, 1];
    private static readonly double[] B7 = [17297280, 8648640, 1995840, 277200, 25200, 1512, 56, 1];
    private static readonly double[] B9 = [17643225600, 8821612800, 2075673600, 302702400, 30270240, 2162160, 110880, 3960, 90, 1];
    private static readonly double[] B13 =
    [
        64764752532480000, 32382376266240000, 7771770303897600, 1187353796428800, 129060195264000,
        10559470521600, 670442572800, 33522128640, 1323241920, 40840800, 960960, 16380, 182, 1,
    ];

    /// <summary>The largest ‖X‖₁ accepted: 1/ε. Beyond it exp(X) has no correct significant digit.</summary>
    internal const double MaxOneNorm = 1.0 / Verification.Tolerances.Epsilon;

    private readonly int _n;
    private readonly double[] _a;          // A = 2⁻ˢX
    private readonly double[][] _powers;   // A², A⁴, A⁶ (A⁸ for m = 9), as the degree needs
    private readonly double[] _w;          // U = A W
    private readonly double[]? _w1, _z1;   // m = 13: W = A⁶W₁ + W₂, V = A⁶Z₁ + Z₂
    private readonly LuFactorization _q;   // V − U
    private readonly double[][] _squares;  // R₀ = r_m(A), R₁ = R₀², …, R_s = exp(X) (only R_s unless kept)
    private readonly bool _forDerivative;  // ℓ_m table used and every R_k kept

    private PadeExponential(int n, int degree, int squarings, double[] a, double[][] powers, double[] w,
                            double[]? w1, double[]? z1, LuFactorization q, double[][] squares, bool forDerivative)
    {
        _n = n;
        Degree = degree;
        Squarings = squarings;
        _a = a;
        _powers = powers;
        _w = w;
        _w1 = w1;
        _z1 = z1;
        _q = q;
        _squares = squares;
        _forDerivative = forDerivative;
    }

    /// <summary>The Padé degree m used.</summary>
    public int Degree { get; }

    /// <summary>The number s of squarings (A = 2⁻ˢX).</summary>
    public int Squarings { get; }

    /// <summary>exp(X), n×n column-major; the object's own array (copy it before handing it out to be kept).</summary>
    public double[] Value => _squares[^1];

    /// <summary>Chooses (m, s) for ‖X‖₁ against a θ table: the smallest m with ‖X‖₁ ≤ θ_m, else 13 and the least s.</summary>
    internal static (int Degree, int Squarings) Choose(double oneNorm, double[] theta)
    {
        for (int i = 0; i < 4; i++)
            if (oneNorm <= theta[i]) return (Degrees[i], 0);
        int s = (int)Math.Max(0, Math.Ceiling(Math.Log2(oneNorm / theta[4])));
        // Log2 rounds: make sure the scaled norm is really within θ₁₃.
        while (Math.ScaleB(oneNorm, -s) > theta[4]) s++;
        return (13, s);
    }

    /// <summary>
    /// Computes exp(X) for the n×n column-major <paramref name="x"/> (finite; not modified, not kept).
    /// </summary>
    /// <param name="x">X, column-major.</param>
    /// <param name="n">The order.</param>
    /// <param name="forDerivative">Use the ℓ_m table and keep every R_k, so that <see cref="Frechet"/> may be called.</param>
    /// <param name="name">The argument's name for messages.</param>
    /// <exception cref="ArgumentException">‖X‖₁ ≥ 1/ε.</exception>
    public static PadeExponential Compute(ReadOnlySpan<double> x, int n, bool forDerivative, string name)
    {
        int size = n * n;
        double norm = Norms.OneNorm(x[..size], n, n);
        if (!(norm < MaxOneNorm)) ThrowTooLarge(norm, n, name);
        var (m, s) = Choose(norm, forDerivative ? DerivativeTheta : ForwardTheta);
        var la = Backend.LinearAlgebra;

        var a = GC.AllocateUninitializedArray<double>(size);
        double scale = Math.ScaleB(1.0, -s); // a power of two: exact
        for (int i = 0; i < size; i++) a[i] = x[i] * scale;

        var a2 = Product(la, a, a, n);
        double[][] powers;
        double[] w, u, v;
        double[]? w1 = null, z1 = null;
        if (m == 13)
        {
            var a4 = Product(la, a2, a2, n);
            var a6 = Product(la, a4, a2, n);
            powers = [a2, a4, a6];
            double[] b = B13;
            w1 = Combine(n, 0, [b[13], b[11], b[9]], [a6, a4, a2]);
            var w2 = Combine(n, b[1], [b[7], b[5], b[3]], [a6, a4, a2]);
            z1 = Combine(n, 0, [b[12], b[10], b[8]], [a6, a4, a2]);
            var z2 = Combine(n, b[0], [b[6], b[4], b[2]], [a6, a4, a2]);
            w = Product(la, a6, w1, n);
            Add(w, w2);
            u = Product(la, a, w, n);
            v = Product(la, a6, z1, n);
            Add(v, z2);
        }
        else
        {
            int count = (m - 1) / 2; // powers A², …, A^(m−1)
            powers = new double[count][];
            powers[0] = a2;
            if (count > 1) powers[1] = Product(la, a2, a2, n);               // A⁴
            if (count > 2) powers[2] = Product(la, powers[1], a2, n);        // A⁶
            if (count > 3) powers[3] = Product(la, powers[1], powers[1], n); // A⁸ = A⁴A⁴, matching d(A⁸) = A⁴M₄ + M₄A⁴ below
            double[] b = m switch { 3 => B3, 5 => B5, 7 => B7, _ => B9 };
            w = Combine(n, b[1], Odd(b, count), powers);
            u = Product(la, a, w, n);
            v = Combine(n, b[0], Even(b, count), powers);
        }

        // q = V − U, p = U + V; R₀ = q⁻¹p.
        var q = GC.AllocateUninitializedArray<double>(size);
        for (int i = 0; i < size; i++) { q[i] = v[i] - u[i]; u[i] += v[i]; }
        var lu = LuFactorization.Factor(q, n, name);
        lu.Solve(u, n);
        var squares = new double[forDerivative ? s + 1 : 1][];
        squares[0] = u;
        var r = u;
        for (int k = 0; k < s; k++)
        {
            var next = Product(la, r, r, n);
            if (forDerivative) squares[k + 1] = next;
            else squares[0] = next;
            r = next;
        }
        return new PadeExponential(n, m, s, a, powers, w, w1, z1, lu, squares, forDerivative);
    }

    /// <summary>
    /// Writes L(X, E), the Fréchet derivative of exp at X in direction E (n×n column-major), reusing the forward's
    /// terms. Needs an object computed with forDerivative. <paramref name="destination"/> must not overlap <paramref name="e"/>.
    /// </summary>
    public void Frechet(ReadOnlySpan<double> e, Span<double> destination)
    {
        if (!_forDerivative) throw new InvalidOperationException("PadeExponential: computed without the derivative's terms.");
        int n = _n, size = n * n;
        var la = Backend.LinearAlgebra;
        var es = GC.AllocateUninitializedArray<double>(size);
        double scale = Math.ScaleB(1.0, -Squarings);
        for (int i = 0; i < size; i++) es[i] = e[i] * scale;

        double[] a2 = _powers[0];
        var m2 = SumOfProducts(la, _a, es, es, _a, n);   // d(A²) = AE + EA
        double[] lu, lv;
        if (Degree == 13)
        {
            double[] a4 = _powers[1], a6 = _powers[2], b = B13;
            var m4 = SumOfProducts(la, a2, m2, m2, a2, n); // d(A⁴) = A²M₂ + M₂A²
            var m6 = SumOfProducts(la, a4, m2, m4, a2, n); // d(A⁶) = A⁴M₂ + M₄A²
            var lw1 = Combine(n, 0, [b[13], b[11], b[9]], [m6, m4, m2]);
            var lw2 = Combine(n, 0, [b[7], b[5], b[3]], [m6, m4, m2]);
            var lz1 = Combine(n, 0, [b[12], b[10], b[8]], [m6, m4, m2]);
            var lz2 = Combine(n, 0, [b[6], b[4], b[2]], [m6, m4, m2]);
            var lw = SumOfProducts(la, a6, lw1, m6, _w1!, n); // dW = A⁶dW₁ + M₆W₁ + dW₂
            Add(lw, lw2);
            lu = SumOfProducts(la, _a, lw, es, _w, n);        // dU = A dW + E W
            lv = SumOfProducts(la, a6, lz1, m6, _z1!, n);     // dV = A⁶dZ₁ + M₆Z₁ + dZ₂
            Add(lv, lz2);
        }
        else
        {
            int count = _powers.Length;
            var dp = new double[count][];
            dp[0] = m2;
            if (count > 1) dp[1] = SumOfProducts(la, a2, m2, m2, a2, n);                 // d(A⁴)
            if (count > 2) dp[2] = SumOfProducts(la, _powers[1], m2, dp[1], a2, n);      // d(A⁶) = A⁴M₂ + M₄A²
            if (count > 3) dp[3] = SumOfProducts(la, _powers[1], dp[1], dp[1], _powers[1], n); // d(A⁸) = A⁴M₄ + M₄A⁴
            double[] b = Degree switch { 3 => B3, 5 => B5, 7 => B7, _ => B9 };
            var lw = Combine(n, 0, Odd(b, count), dp);
            lu = SumOfProducts(la, _a, lw, es, _w, n);
            lv = Combine(n, 0, Even(b, count), dp);
        }

        // d r = q⁻¹(dp − dq R₀) with p = U + V, q = V − U: q⁻¹(L_U + L_V + (L_U − L_V) R₀).
        var diff = es; // E's scaled copy is no longer needed
        for (int i = 0; i < size; i++) { diff[i] = lu[i] - lv[i]; lu[i] += lv[i]; }
        var rhs = Product(la, diff, _squares[0], n);
        Add(rhs, lu);
        _q.Solve(rhs, n);

        // Squaring: R_{k+1} = R_k², so L_{k+1} = R_k L_k + L_k R_k.
        var l = rhs;
        for (int k = 0; k < Squarings; k++) l = SumOfProducts(la, _squares[k], l, l, _squares[k], n);
        l.AsSpan(0, size).CopyTo(destination);
    }

    /// <summary>L(Xᵀ, Ȳ) = L(X, Ȳᵀ)ᵀ, the adjoint of E ↦ L(X, E) under ⟨A, B⟩ = tr(AᵀB), from X's own terms.</summary>
    public void FrechetAdjoint(ReadOnlySpan<double> yBar, Span<double> destination)
    {
        int n = _n, size = n * n;
        var t = GC.AllocateUninitializedArray<double>(size);
        VectorOps.Transpose(yBar, t, n);
        var l = GC.AllocateUninitializedArray<double>(size);
        Frechet(t, l);
        VectorOps.Transpose(l, destination, n);
    }

    private static double[] Odd(double[] b, int count)
    {
        var c = new double[count];
        for (int k = 0; k < count; k++) c[k] = b[2 * k + 3];
        return c;
    }

    private static double[] Even(double[] b, int count)
    {
        var c = new double[count];
        for (int k = 0; k < count; k++) c[k] = b[2 * k + 2];
        return c;
    }

    private static double[] Product(ILinearAlgebra la, double[] a, double[] b, int n)
    {
        var c = GC.AllocateUninitializedArray<double>(n * n);
        la.Multiply(a, false, b, false, c, n, n, n);
        return c;
    }

    /// <summary>a·b + c·d, the second product accumulated into the first: the shape of every derivative of a product of two of the terms.</summary>
    private static double[] SumOfProducts(ILinearAlgebra la, double[] a, double[] b, double[] c, double[] d, int n)
    {
        var result = Product(la, a, b, n);
        la.MultiplyAdd(c, false, d, false, result, n, n, n);
        return result;
    }

    /// <summary>y ← y + x, vectorised.</summary>
    private static void Add(Span<double> y, ReadOnlySpan<double> x)
    {
        int width = Vector<double>.Count, i = 0;
        for (; i + width <= y.Length; i += width)
            (new Vector<double>(y.Slice(i, width)) + new Vector<double>(x.Slice(i, width))).CopyTo(y.Slice(i, width));
        for (; i < y.Length; i++) y[i] += x[i];
    }

    /// <summary>identity·I + Σ c_k M_k, n×n.</summary>
    private static double[] Combine(int n, double identity, double[] coefficients, double[][] matrices)
    {
        int size = n * n, width = Vector<double>.Count;
        var result = GC.AllocateUninitializedArray<double>(size);
        var span = result.AsSpan();
        var c0 = new Vector<double>(coefficients[0]);
        var first = matrices[0].AsSpan(0, size);
        int i = 0;
        for (; i + width <= size; i += width) (c0 * new Vector<double>(first.Slice(i, width))).CopyTo(span.Slice(i, width));
        for (; i < size; i++) span[i] = coefficients[0] * first[i];
        for (int k = 1; k < coefficients.Length; k++)
        {
            var ck = new Vector<double>(coefficients[k]);
            double c = coefficients[k];
            var mk = matrices[k].AsSpan(0, size);
            i = 0;
            for (; i + width <= size; i += width)
                (new Vector<double>(span.Slice(i, width)) + ck * new Vector<double>(mk.Slice(i, width))).CopyTo(span.Slice(i, width));
            for (; i < size; i++) span[i] += c * mk[i];
        }
        if (identity != 0)
            for (int j = 0; j < n; j++) result[j + j * n] += identity;
        return result;
    }

    private static void ThrowTooLarge(double norm, int n, string name) =>
        throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
            $"MatrixExponential: ‖{name}‖₁ = {norm:E3} ({n}×{n}) is at least 1/ε = {MaxOneNorm:E3}; exp is then so ill-conditioned (its relative condition number is at least ‖{name}‖) that no digit of the result would be correct, and exp({name}) would overflow or underflow for most such matrices. Scale {name} down."),
            name);
}
