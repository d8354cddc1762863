namespace RiskFlags.Core.Forecast;

/// <summary>One year of a scenario: children looked after, weeks of care, the costs, and the change in children and in cost against the first year.</summary>
public sealed record ForecastYear(
    int Year,
    double ChildPopulation,
    double Rate,
    double LookedAfter,
    double WeeksOfCare,
    double PlacementCost,
    double NonPlacementCost,
    double TotalCost,
    double LookedAfterChange,
    double CostChange);
