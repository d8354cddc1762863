namespace RiskFlags.Core.Capacity;

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

    /// <summary>
    /// The share of a family's risk of care entry the programme takes away (0-1): allocation ranks a
    /// care-entry programme's families by risk times this. Null where no trial gives one.
    /// </summary>
    public double? RelativeRiskReduction { get; init; }

    public required string Evidence { get; init; }

    public required string Source { get; init; }
}
