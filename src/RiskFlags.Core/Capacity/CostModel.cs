namespace RiskFlags.Core.Capacity;

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
