namespace Differentials.Numerics;

/// <summary>
/// Where the kernel keeps a per-machine cache file (FFTW wisdom, the linear algebra timings): the file an
/// environment variable names; when it is unset, <c>$XDG_CACHE_HOME/differentials/NAME</c>, else
/// <c>~/.cache/differentials/NAME</c>; none when the variable is empty or "none".
/// </summary>
/// <param name="File">The file's full path, or null for none.</param>
/// <param name="IsDefault">True for the per-user cache file, which the kernel owns (it may create its folder and
/// replace a stale file); false for a file the user named, which is only ever replaced by what the kernel would write there.</param>
internal readonly record struct UserCacheFile(string? File, bool IsDefault)
{
    /// <summary>The cache file for these environment values (see the type's summary).</summary>
    /// <param name="variable">The value of the variable that names the file, or null when it is unset.</param>
    /// <param name="cacheHome">The value of <c>XDG_CACHE_HOME</c>, or null; used only when it is an absolute path, as the XDG rules ask.</param>
    /// <param name="home">The user's home folder, or null or blank when there is none.</param>
    /// <param name="fileName">The file's name inside the <c>differentials</c> cache folder.</param>
    public static UserCacheFile Resolve(string? variable, string? cacheHome, string? home, string fileName)
    {
        if (variable != null)
        {
            string named = variable.Trim();
            return named.Length == 0 || named.Equals("none", StringComparison.OrdinalIgnoreCase)
                ? new(null, false) : new(Path.GetFullPath(named), false);
        }
        string? cache = !string.IsNullOrWhiteSpace(cacheHome) && Path.IsPathRooted(cacheHome.Trim()) ? cacheHome.Trim()
            : !string.IsNullOrWhiteSpace(home) ? Path.Combine(home, ".cache") : null;
        return cache is null ? new(null, false) : new(Path.GetFullPath(Path.Combine(cache, "differentials", fileName)), true);
    }

    /// <summary>The cache file named by <paramref name="variable"/> in this process's environment.</summary>
    /// <param name="variable">The environment variable that names the file.</param>
    /// <param name="fileName">The default file's name.</param>
    public static UserCacheFile FromEnvironment(string variable, string fileName) => Resolve(
        Environment.GetEnvironmentVariable(variable),
        Environment.GetEnvironmentVariable("XDG_CACHE_HOME"),
        Environment.GetFolderPath(Environment.SpecialFolder.UserProfile),
        fileName);
}
