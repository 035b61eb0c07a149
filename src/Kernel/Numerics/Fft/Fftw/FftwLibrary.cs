using System.Numerics;
using System.Runtime.InteropServices;

namespace Differentials.Numerics;

/// <summary>
/// The loaded <c>libfftw3</c>: the entry points the real-FFT backends call, its version, and its
/// wisdom (what FFTW_MEASURE learnt), which can be kept in a file across processes. One instance is
/// shared by the estimating and the measuring backend, since FFTW's planner state is process-wide.
/// Callers hold the planner lock around <see cref="PlanR2C"/>, <see cref="PlanC2R"/> and the wisdom calls.
/// </summary>
internal sealed unsafe class FftwLibrary
{
    private static readonly string[] Symbols =
        ["fftw_plan_dft_r2c_1d", "fftw_plan_dft_c2r_1d", "fftw_execute_dft_r2c", "fftw_execute_dft_c2r", "fftw_destroy_plan"];

    private readonly delegate* unmanaged<int, double*, Complex*, uint, nint> _planR2C;
    private readonly delegate* unmanaged<int, Complex*, double*, uint, nint> _planC2R;
    private readonly delegate* unmanaged<nint, double*, Complex*, void> _executeR2C;
    private readonly delegate* unmanaged<nint, Complex*, double*, void> _executeC2R;
    private readonly delegate* unmanaged<byte*, int> _importWisdom;
    private readonly delegate* unmanaged<byte*, int> _exportWisdom;
    private readonly delegate* unmanaged<void> _forgetWisdom;
    private readonly delegate* unmanaged<nint, void> _destroyPlan;
    private readonly delegate* unmanaged<int, void> _planWithThreads;

    private static readonly Lock ThreadsLock = new();
    private static nint s_planWithThreads;

    private FftwLibrary(nint handle, nint threadsHandle, string version, WisdomSource wisdom)
    {
        _planR2C = (delegate* unmanaged<int, double*, Complex*, uint, nint>)NativeLibrary.GetExport(handle, Symbols[0]);
        _planC2R = (delegate* unmanaged<int, Complex*, double*, uint, nint>)NativeLibrary.GetExport(handle, Symbols[1]);
        _executeR2C = (delegate* unmanaged<nint, double*, Complex*, void>)NativeLibrary.GetExport(handle, Symbols[2]);
        _executeC2R = (delegate* unmanaged<nint, Complex*, double*, void>)NativeLibrary.GetExport(handle, Symbols[3]);
        if (NativeLibrary.TryGetExport(handle, "fftw_import_wisdom_from_filename", out nint import) &&
            NativeLibrary.TryGetExport(handle, "fftw_export_wisdom_to_filename", out nint export))
        {
            _importWisdom = (delegate* unmanaged<byte*, int>)import;
            _exportWisdom = (delegate* unmanaged<byte*, int>)export;
        }
        if (NativeLibrary.TryGetExport(handle, "fftw_forget_wisdom", out nint forget)) _forgetWisdom = (delegate* unmanaged<void>)forget;
        _destroyPlan = (delegate* unmanaged<nint, void>)NativeLibrary.GetExport(handle, "fftw_destroy_plan");
        // FFTW's threads live in a companion library (same Debian package); without it plans are serial.
        // fftw_init_threads is a one-time set-up of process-wide state: once per process, however many loads.
        lock (ThreadsLock)
        {
            if (s_planWithThreads == 0 && threadsHandle != 0 &&
                NativeLibrary.TryGetExport(threadsHandle, "fftw_init_threads", out nint init) &&
                NativeLibrary.TryGetExport(threadsHandle, "fftw_plan_with_nthreads", out nint withThreads) &&
                ((delegate* unmanaged<int>)init)() != 0)
            {
                s_planWithThreads = withThreads;
            }
            _planWithThreads = (delegate* unmanaged<int, void>)s_planWithThreads;
        }
        Version = version;
        Wisdom = wisdom;
    }

    /// <summary>Whether FFTW's threads library loaded, so that plans can split work over threads.</summary>
    public bool CanThread => _planWithThreads != null;

    /// <summary>FFTW's version, e.g. "3.3.10".</summary>
    public string Version { get; }

    /// <summary>Where wisdom is read from and written to.</summary>
    public WisdomSource Wisdom { get; }

    /// <summary>The wisdom file (full path), or null when none is used.</summary>
    public string? WisdomFile => Wisdom.File;

    /// <summary>Why the wisdom file was last passed over (an unreadable default file), or "".</summary>
    public string WisdomNote { get; private set; } = "";

    /// <summary>
    /// Loads the first of <paramref name="names"/> that loads and has the real-transform entry points, or
    /// gives the reason none did. <paramref name="wisdom"/> says which wisdom file to use, if any.
    /// </summary>
    public static (FftwLibrary? Library, string Reason) Load(IReadOnlyList<string> names, WisdomSource wisdom)
    {
        foreach (string name in names)
        {
            if (!NativeLibrary.TryLoad(name, out nint handle)) continue;
            foreach (string symbol in Symbols)
            {
                if (!NativeLibrary.TryGetExport(handle, symbol, out _))
                    return (null, $"{name} lacks {symbol}");
            }
            string version = "3";
            if (NativeLibrary.TryGetExport(handle, "fftw_version", out nint text))
            {
                // fftw_version is a char array such as "fftw-3.3.10-sse2-avx".
                string full = Marshal.PtrToStringAnsi(text) ?? "";
                string[] parts = full.Split('-');
                if (parts.Length >= 2 && parts[0] == "fftw") version = parts[1];
            }
            nint threads = 0;
            int dot = name.IndexOf(".so", StringComparison.Ordinal);
            if (dot > 0) NativeLibrary.TryLoad(name[..dot] + "_threads" + name[dot..], out threads);
            return (new FftwLibrary(handle, threads, version, wisdom), "");
        }
        return (null, $"{names[0]} not found");
    }

    /// <summary>How many threads the plans made next may use (fftw_plan_with_nthreads); ignored without the threads library.</summary>
    public void PlanWithThreads(int threads)
    {
        if (_planWithThreads != null) _planWithThreads(threads);
    }

    /// <summary>fftw_plan_dft_r2c_1d.</summary>
    public nint PlanR2C(int n, double* input, Complex* output, uint flags) => _planR2C(n, input, output, flags);

    /// <summary>fftw_plan_dft_c2r_1d.</summary>
    public nint PlanC2R(int n, Complex* input, double* output, uint flags) => _planC2R(n, input, output, flags);

    /// <summary>fftw_destroy_plan.</summary>
    public void DestroyPlan(nint plan) => _destroyPlan(plan);

    /// <summary>fftw_execute_dft_r2c (thread-safe).</summary>
    public void ExecuteR2C(nint plan, double* input, Complex* output) => _executeR2C(plan, input, output);

    /// <summary>fftw_execute_dft_c2r (thread-safe; overwrites <paramref name="input"/>).</summary>
    public void ExecuteC2R(nint plan, Complex* input, double* output) => _executeC2R(plan, input, output);

    /// <summary>
    /// Reads the wisdom file into FFTW's planner when one is used and exists. Called before each new
    /// length is planned, so wisdom forgotten in between (fftw_forget_wisdom) is read again.
    /// </summary>
    /// <exception cref="InvalidOperationException">A file the user named exists but FFTW cannot read it as wisdom.</exception>
    public void ImportWisdom()
    {
        if (WisdomFile is null || _importWisdom == null || !File.Exists(WisdomFile)) return;
        if (Call(_importWisdom, WisdomFile) != 0)
        {
            WisdomNote = "";
            return;
        }
        // A file the user named is theirs to fix; the default cache file is only passed over (said in
        // Describe()), so a stale cache, e.g. from an older FFTW build, cannot stop a notebook.
        if (!Wisdom.IsDefault)
            throw new InvalidOperationException(
                $"FFTW could not read the wisdom file {WisdomFile} (named by {FftwRealFft.WisdomVariable}): it is not FFTW wisdom, or it is from another FFTW build. Delete it or point the variable elsewhere.");
        WisdomNote = $"the wisdom file {WisdomFile} is not readable as FFTW {Version} wisdom and is not used (delete it to start afresh)";
    }

    /// <summary>fftw_forget_wisdom: drops every plan FFTW has learnt in this process (tests use it to act as a new process).</summary>
    public void ForgetWisdom()
    {
        if (_forgetWisdom != null) _forgetWisdom();
    }

    /// <summary>Writes FFTW's accumulated wisdom to the wisdom file, through a temporary file and a rename.</summary>
    /// <exception cref="InvalidOperationException">The file cannot be written.</exception>
    public void ExportWisdom()
    {
        if (WisdomFile is null || _exportWisdom == null) return;
        string temporary = $"{WisdomFile}.{Environment.ProcessId}.tmp";
        try
        {
            // The default cache folder is the kernel's to make; a folder the user named is not.
            if (Wisdom.IsDefault) Directory.CreateDirectory(Path.GetDirectoryName(WisdomFile)!);
            if (Call(_exportWisdom, temporary) == 0)
                throw new IOException($"fftw_export_wisdom_to_filename failed for {temporary}");
            File.Move(temporary, WisdomFile, overwrite: true);
            // An unreadable default cache file has now been replaced by readable wisdom.
            WisdomNote = "";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            try { File.Delete(temporary); } catch (IOException) { } catch (UnauthorizedAccessException) { }
            throw new InvalidOperationException(
                $"Could not write the FFTW wisdom file {WisdomFile} (named by {FftwRealFft.WisdomVariable}): {e.Message}", e);
        }
    }

    private static int Call(delegate* unmanaged<byte*, int> function, string path)
    {
        nint utf8 = Marshal.StringToCoTaskMemUTF8(path);
        try
        {
            return function((byte*)utf8);
        }
        finally
        {
            Marshal.FreeCoTaskMem(utf8);
        }
    }
}
