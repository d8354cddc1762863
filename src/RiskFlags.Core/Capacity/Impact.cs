namespace RiskFlags.Core.Capacity;

/// <summary>
/// What commissioning a number of places of a programme would cost and save a year, by the seed
/// report's cost model (001, tables 5-7): care entries prevented are worth a looked-after child's
/// year each, domestic abuse incidents averted their cost to children's social care, and a share of
/// the net saving is directly cashable (placements not bought).
/// </summary>
public sealed record Impact(
    string ProgrammeId,
    double Places,
    double Cost,
    double? CareEntriesPrevented,
    double? IncidentsAverted,
    double GrossSavings,
    double NetSavings,
    double CashableSavings,
    double CostNeutralCareEntries,
    double CostNeutralShare)
{
    /// <summary>Whether the report gives this programme an effect to count; without one only the cost and the cost-neutral point mean anything.</summary>
    public bool HasEffect => CareEntriesPrevented is not null || IncidentsAverted is not null;
}
