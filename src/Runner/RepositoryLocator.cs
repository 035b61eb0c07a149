namespace Differentials.Runner;

/// <summary>Finds the repository root: the nearest folder, from a start folder upwards, holding Workbook.sln.</summary>
internal static class RepositoryLocator
{
    /// <summary>The file that marks the root.</summary>
    public const string MarkerFile = "Workbook.sln";

    /// <summary>Walks up from <paramref name="start"/>.</summary>
    /// <param name="start">Where to start (usually the current directory).</param>
    /// <returns>The root folder, or null when no ancestor holds Workbook.sln.</returns>
    public static string? TryFind(string start)
    {
        for (var folder = new DirectoryInfo(Path.GetFullPath(start)); folder is not null; folder = folder.Parent)
            if (File.Exists(Path.Combine(folder.FullName, MarkerFile)))
                return folder.FullName;
        return null;
    }
}
