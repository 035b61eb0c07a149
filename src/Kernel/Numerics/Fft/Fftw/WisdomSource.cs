namespace Differentials.Numerics;

/// <summary>
/// Where FFTW wisdom (the plans FFTW_MEASURE chose) is kept between processes: the file named by
/// <see cref="FftwRealFft.WisdomVariable"/>; when that variable is unset, a per-user cache file
/// (<c>$XDG_CACHE_HOME/differentials/fftw.wisdom</c>, else <c>~/.cache/differentials/fftw.wisdom</c>);
/// none when the variable is empty or "none".
/// </summary>
/// <param name="File">The wisdom file's full path, or null for none.</param>
/// <param name="IsDefault">True for the per-user cache file, which the kernel owns (it may create its folder
/// and replace a stale file); false for a file the user named, which is only ever replaced by wisdom.</param>
internal sealed record WisdomSource(string? File, bool IsDefault)
{
    /// <summary>No wisdom file.</summary>
    public static WisdomSource None { get; } = new(null, false);

    /// <summary>The file at <paramref name="path"/> as named by a user, or none for a blank path.</summary>
    /// <param name="path">A path, relative to the current folder or absolute; null or blank for none.</param>
    public static WisdomSource Named(string? path) =>
        string.IsNullOrWhiteSpace(path) ? None : new(Path.GetFullPath(path.Trim()), false);

    /// <summary>The wisdom file this process uses, from its environment.</summary>
    public static WisdomSource FromEnvironment() => Resolve(
        Environment.GetEnvironmentVariable(FftwRealFft.WisdomVariable),
        Environment.GetEnvironmentVariable("XDG_CACHE_HOME"),
        Environment.GetFolderPath(Environment.SpecialFolder.UserProfile));

    /// <summary>The wisdom file for these environment values (see the type's summary).</summary>
    /// <param name="variable">The value of <see cref="FftwRealFft.WisdomVariable"/>, or null when it is unset.</param>
    /// <param name="cacheHome">The value of <c>XDG_CACHE_HOME</c>, or null; used only when it is an absolute path, as the XDG rules ask.</param>
    /// <param name="home">The user's home folder, or null or blank when there is none.</param>
    public static WisdomSource Resolve(string? variable, string? cacheHome, string? home)
    {
        var file = UserCacheFile.Resolve(variable, cacheHome, home, "fftw.wisdom");
        return file.File is null ? None : new(file.File, file.IsDefault);
    }
}
