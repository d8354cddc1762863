using RiskFlags.Core.Rules;

namespace RiskFlags.Core.Referrals;

/// <summary>
/// A programme the pathway rules suggest for a family, with the rules that suggest it and their
/// reasons. Where places are allocated (Capacity), its <see cref="Rank"/> among the families the
/// programme's rules suggest, and whether that rank is within the places free.
/// </summary>
public sealed record SuggestedProgramme(string Pathway, string Programme, IReadOnlyList<FiredRule> Because)
{
    /// <summary>The suggesting rules' names, as a suggestion records them: "Pathway.Steps;Pathway.EdgeOfCare".</summary>
    public string Rules => string.Join(";", Because.Select(f => f.Rule));

    /// <summary>The suggesting rules' reasons, as an officer reads them.</summary>
    public string Reason => string.Join("; ", Because.Select(f => f.Reason));

    /// <summary>1-based rank among the families this programme is suggested for; null before allocation.</summary>
    public int? Rank { get; init; }

    /// <summary>Whether <see cref="Rank"/> is within the programme's free places; null before allocation.</summary>
    public bool? WithinPlaces { get; init; }

    /// <summary>
    /// The programmes fired rules suggest: one per pathway and programme, from the Pathways rules that
    /// name a programme, in the order the rules fired. The one place suggestions are made from rules.
    /// </summary>
    public static IReadOnlyList<SuggestedProgramme> From(IReadOnlyList<FiredRule> fired)
    {
        List<SuggestedProgramme>? suggested = null;
        foreach (var group in fired.Where(f => f.Kind is RuleKind.Pathway && f.Programme is not null).GroupBy(f => (f.Pathway, Programme: f.Programme!)))
        {
            (suggested ??= []).Add(new SuggestedProgramme(group.Key.Pathway, group.Key.Programme, [.. group]));
        }

        return suggested ?? [];
    }
}
