using System.Text.Json;

namespace RiskFlags.Core.DemoData;

/// <summary>
/// The file riskflags demo-data writes beside its CSVs to say they are synthetic. An import that
/// finds it marks the store as a demo store; a Production server refuses such a store, and
/// every screen of a demo store says so.
/// </summary>
public static class DemoMarker
{
    public const string FileName = "demo-data.json";

    public static void Write(string directory, DemoDataOptions options) =>
        File.WriteAllText(Path.Combine(directory, FileName), JsonSerializer.Serialize(new Marker(true, Describe(options))) + "\n");

    /// <summary>How the demo data were made, as the store records it; null when the folder holds no marker.</summary>
    /// <exception cref="Contract.ContractFileException">The marker is there but unreadable: a folder of unknown origin is not imported.</exception>
    public static string? Read(string directory)
    {
        var path = Path.Combine(directory, FileName);
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<Marker>(File.ReadAllText(path))?.Description is { Length: > 0 } description
                ? Contract.ContractFields.Shorten(description, 200)
                : "synthetic demo data";
        }
        catch (JsonException e)
        {
            throw new Contract.ContractFileException(FileName, $"is not the marker riskflags demo-data writes ({e.Message.Split(" Path:", 2)[0]}); remove it only if the folder holds real data", e);
        }
    }

    public static string Describe(DemoDataOptions options) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"riskflags demo-data, seed {options.Seed}, {options.Families:N0} families{(options.DomesticAbuseFactor == 1 ? "" : $", domestic abuse x{options.DomesticAbuseFactor}")}");

    private sealed record Marker(bool Synthetic, string Description);
}
