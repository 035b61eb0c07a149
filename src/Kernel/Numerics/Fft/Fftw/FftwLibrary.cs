using System.Numerics;
using System.Runtime.InteropServices;

namespace Differentials.Numerics;

/// <summary>
/// The loaded <c>libfftw3</c>: the entry points the real-FFT backends call, its version, and its
/// wisdom (what FFTW_MEASURE learnt), which can be kept in a file across processes. One instance is
/// shared by the estimating and the measuring backend, since FFTW's planner state is process-wide.
/// Callers hold the planner lock around <see cref="PlanR2C"/>, <see cref="PlanC2R"/>, <see cref="ImportWisdom"/> and
/// <see cref="ExportWisdom"/>; <see cref="ReadWisdom"/> reads the file before taking it.
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
        if (NativeLibrary.TryGetExport(handle, "fftw_import_wisdom_from_string", out nint import) &&
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

    /// <summary>Why the wisdom file was last passed over (unreadable, not a regular file, too large) or could not be written, or "".</summary>
    public string WisdomNote { get; private set; } = "";

    // A failed write stays in the note until a write succeeds, even when reading wisdom works meanwhile.
    private bool _exportFailed;

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

    /// <summary>The largest wisdom file read: wisdom is a few hundred bytes per length, so this leaves room for thousands.</summary>
    public const long MaxWisdomBytes = 16L << 20;

    /// <summary>
    /// Reads the wisdom file, when one is used and is a regular file of at most <see cref="MaxWisdomBytes"/>:
    /// outside the planner lock, and never opening a FIFO or device (which would block or never end).
    /// The result goes to <see cref="ImportWisdom"/>; a file passed over says why in <c>Problem</c>.
    /// </summary>
    public (byte[]? Text, string Problem) ReadWisdom()
    {
        if (WisdomFile is null || _importWisdom == null) return (null, "");
        var (kind, size, what) = RegularFile.Inspect(WisdomFile);
        switch (kind)
        {
            case RegularFile.Kind.Missing:
            case RegularFile.Kind.Directory: // nothing to read; an export says what is wrong, if it comes to that
                return (null, "");
            case RegularFile.Kind.Special:
                return (null, $"the wisdom file {WisdomFile} is {what}, not a regular file, and is not read");
        }
        if (size > MaxWisdomBytes)
            return (null, $"the wisdom file {WisdomFile} holds {size} bytes, more than the {MaxWisdomBytes} that wisdom can need, and is not read");
        try
        {
            using var stream = new FileStream(WisdomFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            // Bounded whatever the file has become since it was inspected: one byte more than the limit is enough to know.
            var text = new byte[Math.Min(stream.Length, MaxWisdomBytes + 1) + 1];
            int length = 0, read;
            while (length < text.Length - 1 && (read = stream.Read(text, length, text.Length - 1 - length)) > 0) length += read;
            if (length > MaxWisdomBytes)
                return (null, $"the wisdom file {WisdomFile} holds more than {MaxWisdomBytes} bytes and is not read");
            text[length] = 0; // FFTW reads a C string
            return (text, "");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return (null, $"the wisdom file {WisdomFile} cannot be read ({e.Message}) and is not used");
        }
    }

    /// <summary>
    /// Gives FFTW's planner the wisdom <see cref="ReadWisdom"/> read (callers hold the planner lock). Called
    /// before each new length is planned, so wisdom forgotten in between (fftw_forget_wisdom) is read again.
    /// </summary>
    /// <param name="wisdom">What <see cref="ReadWisdom"/> returned.</param>
    /// <exception cref="InvalidOperationException">A regular file the user named is not wisdom FFTW can read.</exception>
    public void ImportWisdom((byte[]? Text, string Problem) wisdom)
    {
        if (wisdom.Text is null)
        {
            if (wisdom.Problem.Length > 0) WisdomNote = wisdom.Problem;
            return;
        }
        int imported;
        fixed (byte* text = wisdom.Text) imported = _importWisdom(text);
        if (imported != 0)
        {
            if (!_exportFailed) WisdomNote = "";
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

    /// <summary>
    /// Writes FFTW's accumulated wisdom to the wisdom file, through a temporary file and a rename, and only
    /// where the file is regular or missing (a rename would replace a FIFO or device). When the file cannot
    /// be written, <paramref name="throwOnFailure"/> decides: an exception (an explicit request to measure
    /// and keep plans), or a note in <see cref="WisdomNote"/>, which <c>Describe()</c> shows, while the plans
    /// made serve this process (a transform that happened to measure).
    /// </summary>
    /// <param name="throwOnFailure">Whether a failed write throws rather than leaving a note.</param>
    /// <exception cref="InvalidOperationException">The file cannot be written and <paramref name="throwOnFailure"/> is true.</exception>
    public void ExportWisdom(bool throwOnFailure)
    {
        if (WisdomFile is null || _exportWisdom == null) return;
        string temporary = $"{WisdomFile}.{Environment.ProcessId}.tmp";
        try
        {
            var (kind, _, what) = RegularFile.Inspect(WisdomFile);
            if (kind is RegularFile.Kind.Directory or RegularFile.Kind.Special)
                throw new IOException($"it is {what}, not a regular file");
            // The default cache folder is the kernel's to make; a folder the user named is not.
            if (Wisdom.IsDefault) Directory.CreateDirectory(Path.GetDirectoryName(WisdomFile)!);
            else if (!Directory.Exists(Path.GetDirectoryName(WisdomFile)))
                throw new IOException($"its folder {Path.GetDirectoryName(WisdomFile)} does not exist");
            if (Call(_exportWisdom, temporary) == 0)
                throw new IOException($"fftw_export_wisdom_to_filename failed for {temporary}");
            File.Move(temporary, WisdomFile, overwrite: true);
            // An unreadable default cache file, or an earlier failed write, has now been replaced by readable wisdom.
            _exportFailed = false;
            WisdomNote = "";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            try { File.Delete(temporary); } catch (IOException) { } catch (UnauthorizedAccessException) { }
            string problem = $"Could not write the FFTW wisdom file {WisdomFile} (named by {FftwRealFft.WisdomVariable}): {e.Message}";
            if (throwOnFailure) throw new InvalidOperationException(problem, e);
            _exportFailed = true;
            WisdomNote = $"{problem}; measured plans last for this process only";
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
