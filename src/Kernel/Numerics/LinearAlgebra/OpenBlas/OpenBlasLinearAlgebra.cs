using System.Runtime.InteropServices;

namespace Differentials.Numerics;

/// <summary>
/// Linear algebra by OpenBLAS (<c>libopenblas.so.0</c>): Fortran <c>dgemm_</c>, <c>dgetrf_</c> and
/// <c>dgetri_</c> (32-bit integers, 1-based pivots), reached through function pointers. Never chosen
/// automatically: on this project's machines the SIMD backend is faster. The processor type
/// OpenBLAS runs with comes from the environment (OPENBLAS_CORETYPE); this class never changes it.
/// </summary>
internal sealed unsafe class OpenBlasLinearAlgebra : ILinearAlgebra
{
    private static readonly string[] LibraryNames = ["libopenblas.so.0", "libopenblas.so", "libopenblas.dll", "libopenblas.dylib"];
    private static readonly Lazy<(OpenBlasLinearAlgebra? Backend, string Reason)> Shared = new(Load);

    private readonly delegate* unmanaged<byte*, byte*, int*, int*, int*, double*, double*, int*, double*, int*, double*, double*, int*, void> _dgemm;
    private readonly delegate* unmanaged<int*, int*, double*, int*, int*, int*, void> _dgetrf;
    private readonly delegate* unmanaged<int*, double*, int*, int*, double*, int*, int*, void> _dgetri;

    private OpenBlasLinearAlgebra(nint library, string version)
    {
        _dgemm = (delegate* unmanaged<byte*, byte*, int*, int*, int*, double*, double*, int*, double*, int*, double*, double*, int*, void>)NativeLibrary.GetExport(library, "dgemm_");
        _dgetrf = (delegate* unmanaged<int*, int*, double*, int*, int*, int*, void>)NativeLibrary.GetExport(library, "dgetrf_");
        _dgetri = (delegate* unmanaged<int*, double*, int*, int*, double*, int*, int*, void>)NativeLibrary.GetExport(library, "dgetri_");
        Version = version;
    }

    /// <summary>The library's version, e.g. "0.3.21".</summary>
    public string Version { get; }

    public string Name => $"openblas {Version}";

    /// <summary>The process-wide OpenBLAS backend, or null with the reason it is unavailable.</summary>
    public static bool TryCreate(out OpenBlasLinearAlgebra? backend, out string reason)
    {
        (backend, reason) = Shared.Value;
        return backend != null;
    }

    private static (OpenBlasLinearAlgebra?, string) Load()
    {
        foreach (string name in LibraryNames)
        {
            if (!NativeLibrary.TryLoad(name, out nint library)) continue;
            foreach (string symbol in new[] { "dgemm_", "dgetrf_", "dgetri_" })
            {
                if (!NativeLibrary.TryGetExport(library, symbol, out _)) return (null, $"{name} lacks {symbol}");
            }
            string version = "";
            if (NativeLibrary.TryGetExport(library, "openblas_get_config", out nint config))
            {
                // e.g. "OpenBLAS 0.3.21 DYNAMIC_ARCH NO_AFFINITY Haswell MAX_THREADS=64"
                string text = Marshal.PtrToStringAnsi(((delegate* unmanaged<nint>)config)()) ?? "";
                string[] words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (words.Length >= 2) version = words[1];
            }
            return (new OpenBlasLinearAlgebra(library, version), "");
        }
        return (null, $"{LibraryNames[0]} not found");
    }

    public void Multiply(ReadOnlySpan<double> a, bool transposeA, ReadOnlySpan<double> b, bool transposeB,
                         Span<double> c, int m, int n, int k) => Gemm(1.0, a, transposeA, b, transposeB, c, m, n, k);

    public void MultiplyNegated(ReadOnlySpan<double> a, bool transposeA, ReadOnlySpan<double> b, bool transposeB,
                                Span<double> c, int m, int n, int k) => Gemm(-1.0, a, transposeA, b, transposeB, c, m, n, k);

    private void Gemm(double alpha, ReadOnlySpan<double> a, bool transposeA, ReadOnlySpan<double> b, bool transposeB,
                      Span<double> c, int m, int n, int k)
    {
        Checks.ProductBuffers(a.Length, b.Length, c.Length, m, n, k);
        if (m == 0 || n == 0) return;
        if (k == 0)
        {
            c[..(m * n)].Clear();
            return;
        }
        byte ta = transposeA ? (byte)'T' : (byte)'N', tb = transposeB ? (byte)'T' : (byte)'N';
        int lda = transposeA ? k : m, ldb = transposeB ? n : k, ldc = m;
        double beta = 0.0;
        fixed (double* pa = a, pb = b, pc = c)
        {
            _dgemm(&ta, &tb, &m, &n, &k, &alpha, pa, &lda, pb, &ldb, &beta, pc, &ldc);
        }
    }

    public int LuFactor(Span<double> a, int n, Span<int> pivots)
    {
        Checks.SquareBuffer(a.Length, n, nameof(a));
        Checks.PivotBuffer(pivots.Length, n);
        if (n == 0) return -1;
        int info = 0, lda = n;
        fixed (double* pa = a)
        fixed (int* pp = pivots)
        {
            _dgetrf(&n, &n, pa, &lda, pp, &info);
        }
        if (info < 0) throw new InvalidOperationException($"dgetrf rejected argument {-info}.");
        for (int i = 0; i < n; i++) pivots[i] -= 1;
        return info > 0 ? info - 1 : -1;
    }

    public void LuInvert(ReadOnlySpan<double> lu, ReadOnlySpan<int> pivots, int n, Span<double> inverse)
    {
        Checks.SquareBuffer(lu.Length, n, nameof(lu));
        Checks.PivotBuffer(pivots.Length, n);
        Checks.SquareBuffer(inverse.Length, n, nameof(inverse));
        if (n == 0) return;
        lu[..(n * n)].CopyTo(inverse);
        var ipiv = new int[n];
        for (int i = 0; i < n; i++) ipiv[i] = pivots[i] + 1;
        int lwork = Math.Max(1, n * 64), info = 0, lda = n;
        var work = new double[lwork];
        fixed (double* pi = inverse, pw = work)
        fixed (int* pp = ipiv)
        {
            _dgetri(&n, pi, &lda, pp, pw, &lwork, &info);
        }
        if (info < 0) throw new InvalidOperationException($"dgetri rejected argument {-info}.");
        if (info > 0)
        {
            // Singular: report it the way the managed backends do, with non-finite entries.
            inverse[..(n * n)].Fill(double.NaN);
        }
    }
}
