namespace Differentials.Runner;

/// <summary>The report folder, checked and locked before any notebook runs: never a folder holding a source
/// notebook (symbolic links resolved), writable, and used by one runner at a time.</summary>
internal sealed class OutputFolder : IDisposable
{
    /// <summary>The lock file's name inside the folder.</summary>
    public const string LockFileName = ".runner.lock";

    private readonly FileStream lockStream;

    private OutputFolder(string path, FileStream lockStream, int staleRemoved)
    {
        Path = path;
        this.lockStream = lockStream;
        StaleTemporariesRemoved = staleRemoved;
    }

    /// <summary>The folder, as given (made absolute).</summary>
    public string Path { get; }

    /// <summary>How many temporaries left by an interrupted earlier run were removed.</summary>
    public int StaleTemporariesRemoved { get; }

    /// <summary>Checks, creates and locks the folder, and removes stale temporaries of the runner's naming.</summary>
    /// <param name="folder">The --output folder (or the default).</param>
    /// <param name="notebooks">The selected source notebooks.</param>
    /// <returns>The locked folder; dispose it to release the lock.</returns>
    /// <exception cref="OutputFolderException">The folder holds a source notebook, cannot be created or
    /// written, or another runner holds it.</exception>
    public static OutputFolder Open(string folder, IReadOnlyList<string> notebooks)
    {
        var path = System.IO.Path.GetFullPath(folder);
        var real = RealPath(path);
        foreach (var notebook in notebooks)
        {
            var source = RealPath(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(notebook))!);
            if (string.Equals(source, real, StringComparison.Ordinal))
                throw new OutputFolderException(
                    $"--output {folder} is {(real == path ? "" : $"(through a symbolic link, {real}) ")}the folder of the source notebook {notebook}: its executed copy would overwrite it. Choose another --output folder.");
        }
        if (File.Exists(path))
            throw new OutputFolderException($"--output {folder} is a file, not a folder.");
        FileStream stream;
        try
        {
            Directory.CreateDirectory(path);
            // FileShare.None takes an exclusive advisory lock (flock) on Linux: a second runner fails here.
            stream = new FileStream(System.IO.Path.Combine(path, LockFileName), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException e) when (File.Exists(System.IO.Path.Combine(path, LockFileName)) && e is not DirectoryNotFoundException && e.GetType() == typeof(IOException))
        {
            throw new OutputFolderException($"--output {folder} is in use by another runner (it holds {System.IO.Path.Combine(path, LockFileName)}): wait for it to finish, or choose another --output folder.");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            throw new OutputFolderException($"--output {folder} cannot be written: {e.Message}");
        }
        try
        {
            // The lock file doubles as the write probe: a read-only or full folder fails here, before any run.
            stream.Write("runner\n"u8);
            stream.Flush(flushToDisk: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stream.Dispose();
            throw new OutputFolderException($"--output {folder} cannot be written: {e.Message}");
        }
        return new OutputFolder(path, stream, RemoveStaleTemporaries(path));
    }

    /// <summary>The path with every symbolic link in its existing part resolved.</summary>
    /// <param name="path">An absolute path.</param>
    /// <returns>The resolved absolute path, without a trailing separator.</returns>
    public static string RealPath(string path)
    {
        var full = System.IO.Path.TrimEndingDirectorySeparator(System.IO.Path.GetFullPath(path));
        var root = System.IO.Path.GetPathRoot(full)!;
        var resolved = root;
        foreach (var part in full[root.Length..].Split(System.IO.Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            var next = System.IO.Path.Combine(resolved, part);
            FileSystemInfo info = Directory.Exists(next) ? new DirectoryInfo(next) : new FileInfo(next);
            // The final target's own folders may be links too: resolve it again (a cycle throws IOException).
            if (info.LinkTarget is not null && info.ResolveLinkTarget(returnFinalTarget: true) is { } target)
                next = RealPath(target.FullName);
            resolved = next;
        }
        return System.IO.Path.TrimEndingDirectorySeparator(resolved);
    }

    // ".name.ext.<32 hex>.tmp", as AtomicFile names its temporaries: only ours, and only under our lock.
    private static int RemoveStaleTemporaries(string path)
    {
        var removed = 0;
        foreach (var file in Directory.EnumerateFiles(path, ".*.tmp"))
        {
            if (!AtomicFile.IsTemporaryName(System.IO.Path.GetFileName(file)))
                continue;
            try
            {
                File.Delete(file);
                removed++;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Left for the next run; it is hidden and harmless.
            }
        }
        return removed;
    }

    /// <summary>Removes the lock file and releases the lock.</summary>
    public void Dispose()
    {
        try { File.Delete(System.IO.Path.Combine(Path, LockFileName)); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        lockStream.Dispose();
    }
}

/// <summary>An --output folder the runner will not use, with the reason.</summary>
/// <param name="message">What is wrong, naming the folder.</param>
internal sealed class OutputFolderException(string message) : Exception(message);
