namespace RiskFlags.Core.Hosting;

/// <summary>
/// The folder that holds rules/ and models/: the repository root when run from a clone, the app
/// folder in the container. The embedded store (data/riskflags.db) lives beside them.
/// </summary>
public static class InstallRoot
{
    public static string Find()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (Directory.Exists(Path.Combine(dir.FullName, "rules")) && Directory.Exists(Path.Combine(dir.FullName, "models")))
                {
                    return dir.FullName;
                }
            }
        }

        return Directory.GetCurrentDirectory();
    }
}
