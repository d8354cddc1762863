using System.Text.Json;
using System.Text.Json.Serialization;
using RiskFlags.Core.Rules;

namespace RiskFlags.Core.Capacity;

/// <summary>What a programme's unit cost is for.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CostUnit>))]
public enum CostUnit
{
    [JsonStringEnumMemberName("family")]
    Family,

    [JsonStringEnumMemberName("woman")]
    Woman,

    [JsonStringEnumMemberName("added_place")]
    AddedPlace,
}

/// <summary>
/// A preventive programme a council commissions. Effects are the report's: care entries prevented
/// per family served, or domestic abuse incidents averted per place; null where the report gives none.
/// </summary>
public sealed record Programme
{
    public required string Id { get; init; }

    public required string Name { get; init; }

    public required string Pathway { get; init; }

    public required string Eligibility { get; init; }

    /// <summary>Places commissioned a year now (families, women or places).</summary>
    public required double PlacesPerYear { get; init; }

    /// <summary>Places the report recommends; null where it makes no recommendation.</summary>
    public double? ProposedPlaces { get; init; }

    public required int InterventionWeeks { get; init; }

    /// <summary>Cost of one unit (see <see cref="CostUnit"/>); null when not yet costed.</summary>
    public double? UnitCost { get; init; }

    public required CostUnit CostUnit { get; init; }

    public double? CareEntriesPreventedPerFamily { get; init; }

    public double? IncidentsAvertedPerPlace { get; init; }

    public required string Evidence { get; init; }

    public required string Source { get; init; }
}

/// <summary>The seed report's cost model (001, appendix 1 and tables 6-7); every figure editable.</summary>
public sealed record CostModel
{
    public double WeeksInCarePerYear { get; init; } = 35;

    public double WeeklyPlacementCost { get; init; } = 1072;

    /// <summary>Placements' share of a looked-after child's cost (1 - 0.47 non-placement share).</summary>
    public double PlacementShareOfCost { get; init; } = 0.53;

    /// <summary>A looked-after child a year: 35 x £1,072 / 0.53 = £70,792 (as the report rounds it).</summary>
    public double LookedAfterChildYearCost { get; init; } = 70_792;

    /// <summary>Share of net savings that is directly cashable (reduced placement spend).</summary>
    public double CashableShareOfNet { get; init; } = 0.53;

    /// <summary>Cost of a domestic abuse incident to children's social care.</summary>
    public double DomesticAbuseIncidentCost { get; init; } = 1_183;
}

/// <summary>rules/programmes.json: the programmes and the cost model.</summary>
public sealed record ProgrammeCatalogue
{
    public const string FileName = "programmes.json";

    public CostModel CostModel { get; init; } = new();

    public required IReadOnlyList<Programme> Programmes { get; init; }

    public Programme? Find(string id) => Programmes.FirstOrDefault(p => p.Id == id);

    public static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        PropertyNameCaseInsensitive = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <exception cref="RuleSetException">The file is missing or invalid; the problems name the programme and field.</exception>
    public static ProgrammeCatalogue Load(string path)
    {
        ProgrammeCatalogue? catalogue;
        try
        {
            using var stream = File.OpenRead(path);
            catalogue = JsonSerializer.Deserialize<ProgrammeCatalogue>(stream, JsonOptions);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new RuleSetException([new RuleProblem(FileName, null, e is FileNotFoundException ? $"file not found at {Path.GetFullPath(path)}" : e.Message)]);
        }
        catch (JsonException e)
        {
            throw new RuleSetException([new RuleProblem(FileName, null, $"line {e.LineNumber + 1}: {e.Message.Split(" Path:", 2)[0]} (at {e.Path})")]);
        }

        var problems = Validate(catalogue);
        return problems.Count > 0 ? throw new RuleSetException(problems) : catalogue!;
    }

    public static IReadOnlyList<RuleProblem> Validate(ProgrammeCatalogue? catalogue)
    {
        var problems = new List<RuleProblem>();
        if (catalogue is null || catalogue.Programmes.Count == 0)
        {
            problems.Add(new RuleProblem(FileName, null, "no programmes"));
            return problems;
        }

        foreach (var p in catalogue.Programmes)
        {
            void Problem(string message) => problems.Add(new RuleProblem(FileName, p.Id, message));
            if (!RuleVocabulary.Programmes.Contains(p.Id))
            {
                Problem($"id '{p.Id}' is not one of {string.Join(", ", RuleVocabulary.Programmes)}");
            }

            if (!RuleVocabulary.Pathways.Contains(p.Pathway))
            {
                Problem($"pathway '{p.Pathway}' is not one of {string.Join(", ", RuleVocabulary.Pathways)}");
            }

            if (p.PlacesPerYear < 0 || p.ProposedPlaces < 0 || p.UnitCost < 0 || p.InterventionWeeks <= 0)
            {
                Problem("placesPerYear, proposedPlaces and unitCost must not be negative, interventionWeeks must be positive");
            }

            if (p.CareEntriesPreventedPerFamily is < 0 or > 1)
            {
                Problem("careEntriesPreventedPerFamily must be a share between 0 and 1");
            }

            if (p.IncidentsAvertedPerPlace < 0)
            {
                Problem("incidentsAvertedPerPlace must not be negative");
            }
        }

        foreach (var duplicate in catalogue.Programmes.GroupBy(p => p.Id).Where(g => g.Count() > 1))
        {
            problems.Add(new RuleProblem(FileName, duplicate.Key, "the id is used twice"));
        }

        var c = catalogue.CostModel;
        if (new[] { c.WeeksInCarePerYear, c.WeeklyPlacementCost, c.LookedAfterChildYearCost, c.DomesticAbuseIncidentCost }.Any(v => v <= 0)
            || c.PlacementShareOfCost is <= 0 or > 1 || c.CashableShareOfNet is < 0 or > 1)
        {
            problems.Add(new RuleProblem(FileName, "costModel", "costs and weeks must be positive, shares between 0 and 1"));
        }

        return problems;
    }
}
