namespace RiskFlags.Core.Hosting;

/// <summary>
/// Where an installation keeps what it ships and what it makes: rules/ (with programmes.json),
/// models/ (the shipped model), and data/riskflags.db, the embedded store. The root is the
/// repository when run from a clone, the app folder in the container. The server and the CLI both
/// resolve their default paths here, so they cannot disagree.
/// </summary>
public sealed record InstallLayout(string Root)
{
    public const string ModelFileName = "riskflags.zip";
    public const string ProgrammesFileName = "programmes.json";

    public string Rules => Path.Combine(Root, "rules");

    public string Models => Path.Combine(Root, "models");

    public string Model => Path.Combine(Models, ModelFileName);

    public string Programmes => Path.Combine(Rules, ProgrammesFileName);

    public string Forecast => Path.Combine(Rules, "forecast.json");

    public string DefaultStore => Path.Combine(Root, "data", "riskflags.db");

    /// <summary>The first folder holding rules/ and models/, walking up from the app and then from the current folder.</summary>
    public static InstallLayout Find()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (Directory.Exists(Path.Combine(dir.FullName, "rules")) && Directory.Exists(Path.Combine(dir.FullName, "models")))
                {
                    return new InstallLayout(dir.FullName);
                }
            }
        }

        return new InstallLayout(Directory.GetCurrentDirectory());
    }
}
