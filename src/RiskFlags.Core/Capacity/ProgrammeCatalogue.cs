using System.Text.Json;
using System.Text.Json.Serialization;
using RiskFlags.Core.Rules;

namespace RiskFlags.Core.Capacity;

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

    /// <exception cref="CatalogueException">The file is missing or invalid; the problems name the programme and field.</exception>
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
            throw new CatalogueException([new CatalogueProblem(null, null, e is FileNotFoundException or DirectoryNotFoundException ? $"file not found at {Path.GetFullPath(path)}" : e.Message)]);
        }
        catch (JsonException e)
        {
            throw new CatalogueException([new CatalogueProblem(null, null, $"line {e.LineNumber + 1}: {e.Message.Split(" Path:", 2)[0]} (at {e.Path})")]);
        }

        var problems = Validate(catalogue);
        return problems.Count > 0 ? throw new CatalogueException(problems) : catalogue!;
    }

    /// <summary>Every problem of a catalogue, each naming its programme (null for the cost model) and field.</summary>
    public static IReadOnlyList<CatalogueProblem> Validate(ProgrammeCatalogue? catalogue)
    {
        var problems = new List<CatalogueProblem>();
        if (catalogue is null || catalogue.Programmes is not { Count: > 0 })
        {
            problems.Add(new CatalogueProblem(null, nameof(Programmes), "no programmes"));
            return problems;
        }

        foreach (var p in catalogue.Programmes)
        {
            void Problem(string field, string message) => problems.Add(new CatalogueProblem(p.Id, field, message));
            if (!RuleVocabulary.Programmes.Contains(p.Id ?? ""))
            {
                Problem(nameof(Programme.Id), $"'{Contract.ContractFields.Shorten(p.Id ?? "")}' is not one of {string.Join(", ", RuleVocabulary.Programmes)}");
            }

            if (!RuleVocabulary.Pathways.Contains(p.Pathway ?? ""))
            {
                Problem(nameof(Programme.Pathway), $"'{Contract.ContractFields.Shorten(p.Pathway ?? "")}' is not one of {string.Join(", ", RuleVocabulary.Pathways)}");
            }

            Text(p.Name, nameof(Programme.Name), 100, Problem);
            Text(p.Eligibility, nameof(Programme.Eligibility), MaximumText, Problem);
            Text(p.Evidence, nameof(Programme.Evidence), MaximumText, Problem);
            Text(p.Source, nameof(Programme.Source), MaximumText, Problem);
            Number(p.PlacesPerYear, nameof(Programme.PlacesPerYear), 0, MaximumPlaces, Problem);
            Number(p.ProposedPlaces, nameof(Programme.ProposedPlaces), 0, MaximumPlaces, Problem);
            Number(p.InterventionWeeks, nameof(Programme.InterventionWeeks), 1, 520, Problem);
            Number(p.RelativeRiskReduction, nameof(Programme.RelativeRiskReduction), 0, 1, Problem);
            Number(p.UnitCost, nameof(Programme.UnitCost), 0, MaximumPounds, Problem);
            Number(p.CareEntriesPreventedPerFamily, nameof(Programme.CareEntriesPreventedPerFamily), 0, 1, Problem);
            Number(p.IncidentsAvertedPerPlace, nameof(Programme.IncidentsAvertedPerPlace), 0, 1000, Problem);
        }

        foreach (var duplicate in catalogue.Programmes.GroupBy(p => p.Id).Where(g => g.Count() > 1))
        {
            problems.Add(new CatalogueProblem(duplicate.Key, nameof(Programme.Id), "the id is used twice"));
        }

        var c = catalogue.CostModel ?? new CostModel();
        void CostProblem(string field, string message) => problems.Add(new CatalogueProblem(null, field, message));
        Number(c.WeeksInCarePerYear, nameof(CostModel.WeeksInCarePerYear), 1, 52, CostProblem);
        Number(c.WeeklyPlacementCost, nameof(CostModel.WeeklyPlacementCost), 1, 100_000, CostProblem);
        Number(c.PlacementShareOfCost, nameof(CostModel.PlacementShareOfCost), 0.01, 1, CostProblem);
        Number(c.LookedAfterChildYearCost, nameof(CostModel.LookedAfterChildYearCost), 1, MaximumPounds, CostProblem);
        Number(c.CashableShareOfNet, nameof(CostModel.CashableShareOfNet), 0, 1, CostProblem);
        Number(c.DomesticAbuseIncidentCost, nameof(CostModel.DomesticAbuseIncidentCost), 1, MaximumPounds, CostProblem);
        return problems;
    }

    /// <summary>The most places a programme may have, and the largest sum of money: an input past these is a typo, not a plan.</summary>
    public const double MaximumPlaces = 100_000;

    public const double MaximumPounds = 100_000_000;

    public const int MaximumText = 500;

    private static void Number(double? value, string field, double min, double max, Action<string, string> problem)
    {
        if (value is { } v && (!double.IsFinite(v) || v < min || v > max))
        {
            problem(field, string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{v:G6} is not between {min:G6} and {max:N0}"));
        }
    }

    private static void Text(string? value, string field, int max, Action<string, string> problem)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            problem(field, "is required");
        }
        else if (value.Length > max)
        {
            problem(field, $"is {value.Length:N0} characters long; at most {max} are allowed");
        }
    }
}
