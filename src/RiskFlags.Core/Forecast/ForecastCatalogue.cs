using System.Text.Json;
using System.Text.Json.Serialization;

namespace RiskFlags.Core.Forecast;

/// <summary>
/// rules/forecast.json: the base year and the scenarios, each with its population series beside it.
/// The shipped file starts in 2017, the report's base year, so that it reproduces the report; a
/// council moves the base year and puts in its own series and rates.
/// </summary>
public sealed record ForecastCatalogue
{
    public const string FileName = "forecast.json";

    public required int BaseYear { get; init; }

    public required IReadOnlyList<ForecastScenario> Scenarios { get; init; }

    /// <summary>The folder the population files are named relative to.</summary>
    [JsonIgnore]
    public string Folder { get; init; } = "";

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        PropertyNameCaseInsensitive = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    public ForecastScenario? Find(string name) => Scenarios.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The scenario's population series, or <paramref name="overridePath"/>'s for every scenario when given.</summary>
    public PopulationSeries Population(ForecastScenario scenario, string? overridePath = null) =>
        PopulationSeries.Load(overridePath ?? Path.Combine(Folder, scenario.Population));

    /// <exception cref="ForecastException">The file is missing or invalid; the message names the line, or the scenario and field.</exception>
    public static ForecastCatalogue Load(string path)
    {
        ForecastCatalogue? catalogue;
        try
        {
            using var stream = File.OpenRead(path);
            catalogue = JsonSerializer.Deserialize<ForecastCatalogue>(stream, JsonOptions);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ForecastException($"{path}: {(e is FileNotFoundException or DirectoryNotFoundException ? "file not found" : e.Message)}");
        }
        catch (JsonException e)
        {
            throw new ForecastException($"{Path.GetFileName(path)}:{e.LineNumber + 1}: {e.Message.Split(" Path:", 2)[0]} (at {e.Path})");
        }

        if (catalogue is null || catalogue.Scenarios is not { Count: > 0 })
        {
            throw new ForecastException($"{Path.GetFileName(path)}: no scenarios");
        }

        var problems = catalogue.Scenarios.SelectMany(s => Problems(s, catalogue.BaseYear).Select(p => $"{Path.GetFileName(path)}: scenario '{s.Name}': {p}")).ToList();
        return problems.Count > 0
            ? throw new ForecastException(string.Join(Environment.NewLine, problems))
            : catalogue with { Folder = Path.GetDirectoryName(Path.GetFullPath(path))! };
    }

    private static IEnumerable<string> Problems(ForecastScenario s, int baseYear)
    {
        foreach (var problem in s.Rate.Problems(baseYear))
        {
            yield return problem;
        }

        if (!double.IsFinite(s.Uasc) || s.Uasc < 0)
        {
            yield return "uasc: must be 0 or more";
        }

        if (!double.IsFinite(s.WeeksOfCare) || s.WeeksOfCare is <= 0 or > 52.2)
        {
            yield return "weeksOfCare: must be more than 0 and at most 52.2";
        }

        if (!double.IsFinite(s.WeeklyPlacementCost) || s.WeeklyPlacementCost < 0)
        {
            yield return "weeklyPlacementCost: must be 0 or more";
        }

        if ((s.NonPlacementShare is null) == (s.NonPlacementFixed is null))
        {
            yield return "give one of nonPlacementShare (a share of total spend) and nonPlacementFixed (pounds a year)";
        }
        else if (s.NonPlacementShare is { } share && (!double.IsFinite(share) || share is < 0 or >= 1))
        {
            yield return "nonPlacementShare: must be at least 0 and below 1";
        }
        else if (s.NonPlacementFixed is { } fixedCost && (!double.IsFinite(fixedCost) || fixedCost < 0))
        {
            yield return "nonPlacementFixed: must be 0 or more";
        }
    }
}
