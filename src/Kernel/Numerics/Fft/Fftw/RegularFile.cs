using System.Runtime.InteropServices;

namespace Differentials.Numerics;

/// <summary>
/// What kind of file a path names, asked without opening it: opening a FIFO for reading blocks until a
/// writer comes, and reading a device such as /dev/zero never ends, so a file that configuration names
/// (the FFTW wisdom file) is read only when it is a regular file of bounded size. On Linux the answer comes
/// from statx (one layout on every architecture); elsewhere from <see cref="FileInfo"/>, which cannot tell a
/// FIFO from an empty file, so there an empty file also counts as not regular.
/// </summary>
internal static partial class RegularFile
{
    private const int AtFdCwd = -100;
    private const uint StatxType = 0x1, StatxSize = 0x200;
    private const int TypeMask = 0xF000, Regular = 0x8000, Directory = 0x4000, Fifo = 0x1000, CharacterDevice = 0x2000,
                      BlockDevice = 0x6000, Socket = 0xC000;

    /// <summary>What a path names.</summary>
    public enum Kind
    {
        /// <summary>Nothing (or a dangling link).</summary>
        Missing,

        /// <summary>A regular file (a link to one counts).</summary>
        Regular,

        /// <summary>A directory.</summary>
        Directory,

        /// <summary>A FIFO, device, socket or anything else that is not a regular file or directory.</summary>
        Special,
    }

    /// <summary>What <paramref name="path"/> names, following links, with its size in bytes (0 unless regular) and a word for the special kinds.</summary>
    /// <param name="path">An absolute path.</param>
    public static (Kind Kind, long Size, string What) Inspect(string path)
    {
        if (OperatingSystem.IsLinux())
        {
            try
            {
                return InspectLinux(path);
            }
            catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
            {
                // A C library without statx (glibc before 2.28, or none by that name): the portable answer.
            }
        }
        if (System.IO.Directory.Exists(path)) return (Kind.Directory, 0, "a directory");
        var info = new FileInfo(path);
        if (!info.Exists) return (Kind.Missing, 0, "missing");
        return info.Length > 0 ? (Kind.Regular, info.Length, "a file") : (Kind.Special, 0, "empty or not a regular file");
    }

    private static unsafe (Kind, long, string) InspectLinux(string path)
    {
        byte* buffer = stackalloc byte[256]; // struct statx is 256 bytes
        if (Statx(AtFdCwd, path, 0, StatxType | StatxSize, buffer) != 0)
        {
            // ENOENT, ENOTDIR (a parent is a file), ELOOP: nothing readable there.
            return (Kind.Missing, 0, "missing");
        }
        int mode = *(ushort*)(buffer + 28);
        long size = *(long*)(buffer + 40);
        return (mode & TypeMask) switch
        {
            Regular => (Kind.Regular, size, "a regular file"),
            Directory => (Kind.Directory, 0, "a directory"),
            Fifo => (Kind.Special, 0, "a FIFO"),
            CharacterDevice => (Kind.Special, 0, "a character device"),
            BlockDevice => (Kind.Special, 0, "a block device"),
            Socket => (Kind.Special, 0, "a socket"),
            _ => (Kind.Special, 0, "not a regular file"),
        };
    }

    [LibraryImport("libc", EntryPoint = "statx", StringMarshalling = StringMarshalling.Utf8)]
    private static unsafe partial int Statx(int directory, string path, int flags, uint mask, byte* buffer);
}
