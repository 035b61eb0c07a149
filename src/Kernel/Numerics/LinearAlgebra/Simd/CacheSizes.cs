using System.Globalization;
using System.Runtime.Intrinsics.X86;

namespace Differentials.Numerics;

/// <summary>
/// The per-core data caches the packed product sizes its blocks from (<see cref="GemmBlocking"/>): read from the
/// processor itself on x86 (CPUID: Intel's leaf 4, AMD's leaf 0x8000001D, else AMD's older 0x80000005/6), else from
/// Linux's <c>/sys/devices/system/cpu/cpu0/cache</c> (Arm servers), else assumed (32 KB and 512 KB, a common
/// laptop core), which <see cref="Source"/> then says. Values outside plausible ranges count as not reported.
/// </summary>
/// <param name="L1Data">The level-1 data cache of one core, in bytes.</param>
/// <param name="L2">The level-2 cache of one core, in bytes.</param>
/// <param name="Source">"cpuid", "sysfs" or "assumed".</param>
internal sealed record CacheSizes(int L1Data, int L2, string Source)
{
    /// <summary>What is assumed when nothing is reported.</summary>
    public static CacheSizes Assumed { get; } = new(32 << 10, 512 << 10, "assumed");

    /// <summary>This machine's caches, detected once.</summary>
    public static CacheSizes Machine { get; } = Detect();

    /// <summary>The caches as the processor or the operating system reports them, or <see cref="Assumed"/>.</summary>
    public static CacheSizes Detect() => FromCpuid() ?? FromSysfs("/sys/devices/system/cpu/cpu0/cache") ?? Assumed;

    /// <summary>"48 KB L1d, 1024 KB L2 (cpuid)".</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{L1Data >> 10} KB L1d, {L2 >> 10} KB L2 ({Source})");

    private static CacheSizes? Plausible(long l1, long l2, string source) =>
        l1 is >= 8 << 10 and <= 2 << 20 && l2 is >= 64 << 10 and <= 64 << 20 && l2 > l1 ? new((int)l1, (int)l2, source) : null;

    private static CacheSizes? FromCpuid()
    {
        if (!X86Base.IsSupported) return null;
        try
        {
            // Leaf 4 (Intel) and 0x8000001D (AMD) list the caches one subleaf each, in the same layout.
            var listed = FromCacheLeaves(4) ?? FromCacheLeaves(unchecked((int)0x8000001D));
            if (listed != null) return listed;
            var (maxExtended, _, _, _) = X86Base.CpuId(unchecked((int)0x80000000), 0);
            if ((uint)maxExtended < 0x80000006) return null;
            var (_, _, l1, _) = X86Base.CpuId(unchecked((int)0x80000005), 0);
            var (_, _, l2, _) = X86Base.CpuId(unchecked((int)0x80000006), 0);
            return Plausible(((l1 >> 24) & 0xff) * 1024L, ((l2 >> 16) & 0xffff) * 1024L, "cpuid");
        }
        catch (PlatformNotSupportedException)
        {
            return null;
        }
    }

    private static CacheSizes? FromCacheLeaves(int leaf)
    {
        var (max, _, _, _) = X86Base.CpuId(leaf < 0 ? unchecked((int)0x80000000) : 0, 0);
        if (leaf < 0 ? (uint)max < (uint)leaf : max < leaf) return null;
        long l1 = 0, l2 = 0;
        for (int sub = 0; sub < 16; sub++)
        {
            var (eax, ebx, ecx, _) = X86Base.CpuId(leaf, sub);
            int type = eax & 0x1f; // 0 none left, 1 data, 2 instruction, 3 unified
            if (type == 0) break;
            int level = (eax >> 5) & 7;
            long size = (((ebx >> 22) & 0x3ff) + 1L) * (((ebx >> 12) & 0x3ff) + 1) * ((ebx & 0xfff) + 1) * ((long)(uint)ecx + 1);
            if (level == 1 && type == 1) l1 = size;
            if (level == 2 && type is 1 or 3) l2 = size;
        }
        return Plausible(l1, l2, "cpuid");
    }

    /// <summary>The caches from a Linux sysfs cache folder (<c>index*/level</c>, <c>type</c>, <c>size</c> such as "48K"), or null.</summary>
    /// <param name="folder">The folder; tests pass one of their own.</param>
    public static CacheSizes? FromSysfs(string folder)
    {
        try
        {
            if (!Directory.Exists(folder)) return null;
            long l1 = 0, l2 = 0;
            foreach (string index in Directory.EnumerateDirectories(folder, "index*"))
            {
                string level = File.ReadAllText(Path.Combine(index, "level")).Trim();
                string type = File.ReadAllText(Path.Combine(index, "type")).Trim();
                long size = ParseSize(File.ReadAllText(Path.Combine(index, "size")).Trim());
                if (level == "1" && type == "Data") l1 = size;
                if (level == "2" && type is "Data" or "Unified") l2 = size;
            }
            return Plausible(l1, l2, "sysfs");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static long ParseSize(string text)
    {
        long unit = text.EndsWith('K') ? 1L << 10 : text.EndsWith('M') ? 1L << 20 : 1;
        string digits = unit == 1 ? text : text[..^1];
        return long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out long value) ? value * unit : 0;
    }
}

/// <summary>
/// The packed product's cache blocks for one register tile: a KC×NR sliver of packed B takes a third of the L1
/// data cache (the rest holds the MR×KC sliver of A streaming past and C's tile), and the MC×KC block of packed
/// A three eighths of L2. On the AVX-512 machine this project was tuned on (48 KB L1d, 1 MB L2, 24×8 tiles) the
/// rules give the KC = 256 and MC = 192 that measurement had chosen there; other caches and tiles get blocks of
/// the same proportions.
/// </summary>
/// <param name="Kc">The depth of a block (a multiple of 8).</param>
/// <param name="Mc">The rows of a block of A (a multiple of the tile's rows).</param>
internal readonly record struct GemmBlocking(int Kc, int Mc)
{
    /// <summary>The blocks for tiles of <paramref name="mr"/>×<paramref name="nr"/> with these caches.</summary>
    /// <param name="caches">The per-core caches.</param>
    /// <param name="mr">Tile rows.</param>
    /// <param name="nr">Tile columns.</param>
    public static GemmBlocking For(CacheSizes caches, int mr, int nr)
    {
        int kc = Math.Clamp(caches.L1Data / (3 * nr * sizeof(double)) / 8 * 8, 64, 1024);
        int mc = Math.Clamp((int)(caches.L2 * 3L / 8 / ((long)kc * sizeof(double))) / mr * mr, 2 * mr, 1024 / mr * mr);
        return new(kc, mc);
    }
}
