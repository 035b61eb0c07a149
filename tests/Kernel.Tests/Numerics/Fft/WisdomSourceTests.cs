using Differentials.Numerics;

namespace Differentials.Tests.Numerics;

/// <summary>Which wisdom file a process uses, from DIFFERENTIALS_FFTW_WISDOM, XDG_CACHE_HOME and the home folder.</summary>
public class WisdomSourceTests
{
    private static readonly string Root = Path.GetTempPath();

    [Test]
    public void UnsetTheCacheFileIsUnderXdgCacheHome()
    {
        string cache = Path.Combine(Root, "xdg");
        var source = WisdomSource.Resolve(null, cache, Path.Combine(Root, "home"));
        Assert.That(source, Is.EqualTo(new WisdomSource(Path.Combine(cache, "differentials", "fftw.wisdom"), true)));
    }

    [Test]
    public void ARelativeOrMissingXdgCacheHomeFallsBackToDotCacheInHome()
    {
        string home = Path.Combine(Root, "home");
        var expected = new WisdomSource(Path.Combine(home, ".cache", "differentials", "fftw.wisdom"), true);
        Assert.That(WisdomSource.Resolve(null, "relative/cache", home), Is.EqualTo(expected));
        Assert.That(WisdomSource.Resolve(null, null, home), Is.EqualTo(expected));
        Assert.That(WisdomSource.Resolve(null, "  ", home), Is.EqualTo(expected));
    }

    [Test]
    public void WithoutAnyCacheFolderThereIsNoFile()
    {
        Assert.That(WisdomSource.Resolve(null, null, ""), Is.EqualTo(WisdomSource.None));
        Assert.That(WisdomSource.None.File, Is.Null);
    }

    [TestCase("")]
    [TestCase("  ")]
    [TestCase("none")]
    [TestCase("NONE")]
    public void EmptyOrNoneTurnsWisdomOff(string variable)
    {
        Assert.That(WisdomSource.Resolve(variable, Path.Combine(Root, "xdg"), Path.Combine(Root, "home")), Is.EqualTo(WisdomSource.None));
    }

    [Test]
    public void ANamedFileIsTheUsersAndMadeAbsolute()
    {
        var source = WisdomSource.Resolve(" plans/fftw.wisdom ", Path.Combine(Root, "xdg"), Path.Combine(Root, "home"));
        Assert.That(source, Is.EqualTo(new WisdomSource(Path.GetFullPath("plans/fftw.wisdom"), false)));
    }
}
