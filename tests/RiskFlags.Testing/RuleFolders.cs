using RiskFlags.Core.Hosting;

namespace RiskFlags.Testing;

/// <summary>The shipped rules folder, and editable copies of it for tests that break or change a rule.</summary>
public static class RuleFolders
{
    public static string Shipped => InstallLayout.Find().Rules;

    /// <summary>Copies the shipped rules (with their fixtures) into <paramref name="folder"/>/rules and returns that path.</summary>
    public static string CopyShipped(TempFolder folder)
    {
        var target = folder.File("rules");
        foreach (var file in Directory.GetFiles(Shipped, "*", SearchOption.AllDirectories))
        {
            var destination = Path.Combine(target, Path.GetRelativePath(Shipped, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }

        return target;
    }

    /// <summary>Replaces text in a rule file, failing the test if the text is not there (so a test cannot silently test nothing).</summary>
    public static void Edit(string rules, string file, string find, string replace)
    {
        var path = Path.Combine(rules, file);
        var text = File.ReadAllText(path);
        Assert.Contains(find, text);
        File.WriteAllText(path, text.Replace(find, replace, StringComparison.Ordinal));
    }
}
