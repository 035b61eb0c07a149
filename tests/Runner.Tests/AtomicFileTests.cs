namespace Differentials.Runner.Tests;

[TestFixture]
public sealed class AtomicFileTests
{
    [Test]
    public void WritesReplacesAndLeavesNoTemporaryFile()
    {
        var folder = Directory.CreateTempSubdirectory("runner-atomic-").FullName;
        try
        {
            var path = Path.Combine(folder, "sub", "report.html");
            AtomicFile.WriteAllText(path, "first");
            AtomicFile.WriteAllText(path, "second ✓");
            Assert.That(File.ReadAllText(path), Is.EqualTo("second ✓"));
            Assert.That(File.ReadAllBytes(path)[0], Is.EqualTo((byte)'s'), "no byte-order mark");
            Assert.That(Directory.GetFiles(Path.Combine(folder, "sub")), Is.EqualTo(new[] { path }));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Test]
    public void FailedWriteKeepsTheOldFileAndRemovesTheTemporary()
    {
        var folder = Directory.CreateTempSubdirectory("runner-atomic-").FullName;
        try
        {
            // The target is a folder: the final move fails after the temporary file was written.
            var target = Path.Combine(folder, "taken");
            Directory.CreateDirectory(target);
            Assert.That(() => AtomicFile.WriteAllText(target, "x"), Throws.InstanceOf<IOException>().Or.InstanceOf<UnauthorizedAccessException>());
            Assert.That(Directory.GetFiles(folder), Is.Empty);
            Assert.That(Directory.Exists(target), Is.True);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
