using System.Text;

namespace Differentials.Runner;

/// <summary>Writes files so that a reader never sees half of one: a temporary file in the same folder,
/// flushed to disk, then moved over the target.</summary>
internal static class AtomicFile
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Writes <paramref name="text"/> as UTF-8 (no BOM) to <paramref name="path"/>, atomically.</summary>
    /// <param name="path">The file to create or replace; its folder is created if missing.</param>
    /// <param name="text">The whole content.</param>
    public static void WriteAllText(string path, string text) => WriteAllBytes(path, Utf8NoBom.GetBytes(text));

    /// <summary>Writes <paramref name="bytes"/> to <paramref name="path"/>, atomically.</summary>
    /// <param name="path">The file to create or replace; its folder is created if missing.</param>
    /// <param name="bytes">The whole content.</param>
    public static void WriteAllBytes(string path, ReadOnlySpan<byte> bytes)
    {
        var target = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(target)!;
        Directory.CreateDirectory(folder);
        // Same folder, so the move is a rename on one file system; dot-prefixed so listings skip it.
        var temporary = Path.Combine(folder, $".{Path.GetFileName(target)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                stream.Write(bytes);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporary, target, overwrite: true);
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
    }

    /// <summary>Whether <paramref name="fileName"/> is named as this class names its temporaries
    /// (".target.&lt;32 hex digits&gt;.tmp").</summary>
    /// <param name="fileName">A file name without folder.</param>
    /// <returns>True for a temporary of ours.</returns>
    public static bool IsTemporaryName(string fileName) =>
        fileName.Length > 1 + 1 + 32 + 4 && fileName[0] == '.' && fileName.EndsWith(".tmp", StringComparison.Ordinal)
        && fileName[^37] == '.' && fileName.AsSpan(fileName.Length - 36, 32).ContainsAnyExcept("0123456789abcdef") == false;

    private static void TryDelete(string path)
    {
        try { File.Delete(path); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
