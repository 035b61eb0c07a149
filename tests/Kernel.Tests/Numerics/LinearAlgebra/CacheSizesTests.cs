using Differentials.Numerics;

namespace Differentials.Tests.Numerics;

public class CacheSizesTests
{
    // (L1d KB, L2 KB, tile rows, tile columns) → (KC, MC). The first is the machine the constants were measured on:
    // the rules must give them back there.
    [TestCase(48, 1024, 24, 8, 256, 192, TestName = "AVX-512 on 48 KB / 1 MB gives the measured 256 / 192")]
    [TestCase(48, 1024, 8, 6, 336, 144, TestName = "AVX2 tiles on the same caches")]
    [TestCase(32, 512, 8, 6, 224, 104, TestName = "AVX2 on a 32 KB / 512 KB core (Zen 3)")]
    [TestCase(128, 4096, 8, 6, 904, 216, TestName = "Apple-silicon-sized caches (128 KB / 4 MB)")]
    [TestCase(192, 4096, 8, 6, 1024, 192, TestName = "KC at its ceiling")]
    [TestCase(8, 64, 4, 8, 64, 48, TestName = "tiny caches, KC at its floor")]
    public void BlocksFollowTheCaches(int l1Kb, int l2Kb, int mr, int nr, int kc, int mc)
    {
        var blocking = GemmBlocking.For(new CacheSizes(l1Kb << 10, l2Kb << 10, "test"), mr, nr);
        Assert.That(blocking, Is.EqualTo(new GemmBlocking(kc, mc)));
        Assert.That(blocking.Kc % 8, Is.Zero);
        Assert.That(blocking.Mc % mr, Is.Zero);
    }

    [Test]
    public void TheMachinesCachesArePlausibleAndEveryLevelHasBlocks()
    {
        var caches = CacheSizes.Machine;
        Assert.That(caches.L1Data, Is.InRange(8 << 10, 2 << 20));
        Assert.That(caches.L2, Is.InRange(64 << 10, 64 << 20));
        Assert.That(caches.Source, Is.AnyOf("cpuid", "sysfs", "assumed"));
        foreach (SimdLevel level in Enum.GetValues<SimdLevel>())
        {
            var blocking = PackedGemm.Blocks[(int)level];
            Assert.That(blocking, Is.EqualTo(GemmBlocking.For(caches, PackedGemm.TileRows(level), PackedGemm.TileColumns(level))), level.ToString());
        }
    }

    private static string Sysfs(params (string Level, string Type, string Size)[] caches)
    {
        string folder = Path.Combine(Path.GetTempPath(), "differentials-sysfs-" + Guid.NewGuid().ToString("N"));
        for (int i = 0; i < caches.Length; i++)
        {
            string index = Path.Combine(folder, "index" + i);
            Directory.CreateDirectory(index);
            File.WriteAllText(Path.Combine(index, "level"), caches[i].Level + "\n");
            File.WriteAllText(Path.Combine(index, "type"), caches[i].Type + "\n");
            File.WriteAllText(Path.Combine(index, "size"), caches[i].Size + "\n");
        }
        return folder;
    }

    [Test]
    public void SysfsIsReadAsLinuxWritesIt()
    {
        string folder = Sysfs(("1", "Data", "64K"), ("1", "Instruction", "128K"), ("2", "Unified", "4096K"), ("3", "Unified", "32M"));
        try
        {
            Assert.That(CacheSizes.FromSysfs(folder), Is.EqualTo(new CacheSizes(64 << 10, 4 << 20, "sysfs")));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Test]
    public void AMissingOrImplausibleReportIsNoReport()
    {
        Assert.That(CacheSizes.FromSysfs(Path.Combine(Path.GetTempPath(), "differentials-no-such-folder")), Is.Null);
        string folder = Sysfs(("1", "Data", "48K"));
        string garbage = Sysfs(("1", "Data", "lots"), ("2", "Unified", "1024K"));
        try
        {
            Assert.That(CacheSizes.FromSysfs(folder), Is.Null, "no L2");
            Assert.That(CacheSizes.FromSysfs(garbage), Is.Null, "an unreadable size");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
            Directory.Delete(garbage, recursive: true);
        }
    }
}
