using System.Runtime.InteropServices;

namespace Differentials.Numerics;

/// <summary>
/// Linear algebra by a native BLAS/LAPACK with the Fortran interface and 32-bit integers: OpenBLAS
/// (<c>libopenblas.so.0</c>, Debian's <c>libopenblas0-pthread</c>), or on macOS Apple's Accelerate, which
/// exports the same symbols. <c>dgemm_</c>, <c>dsyrk_</c>, <c>dtrsm_</c>, <c>dgetrf_</c>, <c>dgetri_</c> and <c>dgetrs_</c>
/// (1-based pivots) are reached through function pointers. A library that loads but fails
/// <see cref="BackendSelfCheck"/> counts as absent. The automatic backend
/// (<see cref="AutomaticLinearAlgebra"/>) hands it the routines it was timed faster at. The processor type
/// OpenBLAS runs with comes from the environment (OPENBLAS_CORETYPE); this class never changes it.
/// </summary>
internal sealed unsafe class OpenBlasLinearAlgebra : ILinearAlgebra
{
    /// <summary>Accelerate's path on every macOS; tried after OpenBLAS, whose names are looked up on the library path.</summary>
    private const string Accelerate = "/System/Library/Frameworks/Accelerate.framework/Accelerate";

    private static readonly string[] LibraryNames = ["libopenblas.so.0", "libopenblas.so", "libopenblas.dll", "libopenblas.dylib", Accelerate];
    private static readonly string[] Symbols = ["dgemm_", "dsyrk_", "dtrsm_", "dgetrf_", "dgetri_", "dgetrs_"];
    private static readonly Lazy<(OpenBlasLinearAlgebra? Backend, string Reason)> Shared = new(Load);

    private readonly delegate* unmanaged<byte*, byte*, int*, int*, int*, double*, double*, int*, double*, int*, double*, double*, int*, void> _dgemm;
    private readonly delegate* unmanaged<int*, int*, double*, int*, int*, int*, void> _dgetrf;
    private readonly delegate* unmanaged<int*, double*, int*, int*, double*, int*, int*, void> _dgetri;
    private readonly delegate* unmanaged<byte*, int*, int*, double*, int*, int*, double*, int*, int*, void> _dgetrs;
    private readonly delegate* unmanaged<byte*, byte*, int*, int*, double*, double*, int*, double*, double*, int*, void> _dsyrk;
    private readonly delegate* unmanaged<byte*, byte*, byte*, byte*, int*, int*, double*, double*, int*, double*, int*, void> _dtrsm;

    private OpenBlasLinearAlgebra(nint library, string label)
    {
        _dgemm = (delegate* unmanaged<byte*, byte*, int*, int*, int*, double*, double*, int*, double*, int*, double*, double*, int*, void>)NativeLibrary.GetExport(library, "dgemm_");
        _dgetrf = (delegate* unmanaged<int*, int*, double*, int*, int*, int*, void>)NativeLibrary.GetExport(library, "dgetrf_");
        _dgetri = (delegate* unmanaged<int*, double*, int*, int*, double*, int*, int*, void>)NativeLibrary.GetExport(library, "dgetri_");
        _dgetrs = (delegate* unmanaged<byte*, int*, int*, double*, int*, int*, double*, int*, int*, void>)NativeLibrary.GetExport(library, "dgetrs_");
        _dsyrk = (delegate* unmanaged<byte*, byte*, int*, int*, double*, double*, int*, double*, double*, int*, void>)NativeLibrary.GetExport(library, "dsyrk_");
        _dtrsm = (delegate* unmanaged<byte*, byte*, byte*, byte*, int*, int*, double*, double*, int*, double*, int*, void>)NativeLibrary.GetExport(library, "dtrsm_");
        Name = label;
    }

    /// <summary>"openblas 0.3.21" (the version from <c>openblas_get_config</c>), or "accelerate".</summary>
    public string Name { get; }

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
            foreach (string symbol in Symbols)
            {
                if (!NativeLibrary.TryGetExport(library, symbol, out _)) return (null, $"{name} lacks {symbol}");
            }
            string label = name == Accelerate ? "accelerate" : "openblas";
            if (NativeLibrary.TryGetExport(library, "openblas_get_config", out nint config))
            {
                // e.g. "OpenBLAS 0.3.21 DYNAMIC_ARCH NO_AFFINITY Haswell MAX_THREADS=64"
                string text = Marshal.PtrToStringAnsi(((delegate* unmanaged<nint>)config)()) ?? "";
                string[] words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (words.Length >= 2) label = $"openblas {words[1]}";
            }
            var backend = new OpenBlasLinearAlgebra(library, label);
            if (!BackendSelfCheck.Passes(backend, out string failure)) return (null, $"{name} failed its self-check ({failure})");
            return (backend, "");
        }
        return (null, $"{LibraryNames[0]} not found");
    }

    public void Multiply(ReadOnlySpan<double> a, bool transposeA, ReadOnlySpan<double> b, bool transposeB,
                         Span<double> c, int m, int n, int k) => Gemm(1.0, a, transposeA, b, transposeB, c, m, n, k);

    public void MultiplyNegated(ReadOnlySpan<double> a, bool transposeA, ReadOnlySpan<double> b, bool transposeB,
                                Span<double> c, int m, int n, int k) => Gemm(-1.0, a, transposeA, b, transposeB, c, m, n, k);

    public void MultiplyAdd(ReadOnlySpan<double> a, bool transposeA, ReadOnlySpan<double> b, bool transposeB,
                            Span<double> c, int m, int n, int k) => Gemm(1.0, a, transposeA, b, transposeB, c, m, n, k, beta: 1.0);

    private void Gemm(double alpha, ReadOnlySpan<double> a, bool transposeA, ReadOnlySpan<double> b, bool transposeB,
                      Span<double> c, int m, int n, int k, double beta = 0.0)
    {
        Checks.ProductBuffers(a.Length, b.Length, c.Length, m, n, k);
        if (m == 0 || n == 0) return;
        if (k == 0)
        {
            if (beta == 0.0) c[..(m * n)].Clear();
            return;
        }
        byte ta = transposeA ? (byte)'T' : (byte)'N', tb = transposeB ? (byte)'T' : (byte)'N';
        int lda = transposeA ? k : m, ldb = transposeB ? n : k, ldc = m;
        fixed (double* pa = a, pb = b, pc = c)
        {
            _dgemm(&ta, &tb, &m, &n, &k, &alpha, pa, &lda, pb, &ldb, &beta, pc, &ldc);
        }
    }

    public void Gram(ReadOnlySpan<double> a, int rows, int cols, Span<double> c)
    {
        Checks.GramBuffers(a.Length, c.Length, rows, cols);
        if (cols == 0) return;
        if (rows == 0)
        {
            c[..(cols * cols)].Clear();
            return;
        }
        byte uplo = (byte)'L', trans = (byte)'T';
        int n = cols, k = rows, lda = rows, ldc = cols;
        double alpha = 1.0, beta = 0.0;
        fixed (double* pa = a, pc = c)
        {
            _dsyrk(&uplo, &trans, &n, &k, &alpha, pa, &lda, &beta, pc, &ldc);
        }
        // dsyrk writes one triangle; the other is its mirror, so the result is exactly symmetric.
        for (int j = 0; j < cols; j++)
        {
            for (int i = j + 1; i < cols; i++) c[j + i * cols] = c[i + j * cols];
        }
    }

    public void SubtractGramLower(ReadOnlySpan<double> a, int rows, int cols, Span<double> c, int ldc)
    {
        Checks.GramUpdateBuffers(a.Length, c.Length, rows, cols, ldc);
        if (cols == 0 || rows == 0) return;
        byte uplo = (byte)'L', trans = (byte)'T';
        int n = cols, k = rows, lda = rows;
        double alpha = -1.0, beta = 1.0;
        fixed (double* pa = a, pc = c)
        {
            _dsyrk(&uplo, &trans, &n, &k, &alpha, pa, &lda, &beta, pc, &ldc);
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

    public void SolveLower(ReadOnlySpan<double> l, int n, bool transposeL, Span<double> b, int columns)
    {
        Checks.SquareBuffer(l.Length, n, nameof(l));
        Checks.RightHandSideBuffer(b.Length, n, columns);
        if (n == 0 || columns == 0) return;
        byte side = (byte)'L', uplo = (byte)'L', trans = transposeL ? (byte)'T' : (byte)'N', diag = (byte)'N';
        int m = n, nrhs = columns, lda = n, ldb = n;
        double alpha = 1.0;
        fixed (double* pl = l, pb = b)
        {
            _dtrsm(&side, &uplo, &trans, &diag, &m, &nrhs, &alpha, pl, &lda, pb, &ldb);
        }
    }

    public void LuSolve(ReadOnlySpan<double> lu, ReadOnlySpan<int> pivots, int n, Span<double> b, int columns) =>
        Getrs((byte)'N', lu, pivots, n, b, columns);

    public void LuSolveTransposed(ReadOnlySpan<double> lu, ReadOnlySpan<int> pivots, int n, Span<double> b, int columns) =>
        Getrs((byte)'T', lu, pivots, n, b, columns);

    private void Getrs(byte trans, ReadOnlySpan<double> lu, ReadOnlySpan<int> pivots, int n, Span<double> b, int columns)
    {
        Checks.LuSolveBuffers(lu.Length, pivots.Length, n, b.Length, columns);
        if (n == 0 || columns == 0) return;
        var ipiv = new int[n];
        for (int i = 0; i < n; i++) ipiv[i] = pivots[i] + 1;
        int info = 0, lda = n, ldb = n, nrhs = columns;
        fixed (double* pa = lu, pb = b)
        fixed (int* pp = ipiv)
        {
            _dgetrs(&trans, &n, &nrhs, pa, &lda, pp, pb, &ldb, &info);
        }
        if (info < 0) throw new InvalidOperationException($"dgetrs rejected argument {-info}.");
    }
}
