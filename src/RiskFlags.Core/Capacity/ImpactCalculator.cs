namespace RiskFlags.Core.Capacity;

public static class ImpactCalculator
{
    /// <exception cref="ArgumentOutOfRangeException">Negative places.</exception>
    /// <exception cref="InvalidOperationException">The programme has no unit cost yet.</exception>
    public static Impact Estimate(Programme programme, CostModel costs, double places)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(places);
        var unitCost = programme.UnitCost
            ?? throw new InvalidOperationException($"programme {programme.Id} has no unit cost yet, so what it would cost cannot be estimated");
        var cost = places * unitCost;
        double? prevented = programme.CareEntriesPreventedPerFamily is { } share ? places * share : null;
        double? averted = programme.IncidentsAvertedPerPlace is { } perPlace ? places * perPlace : null;
        var gross = ((prevented ?? 0) * costs.LookedAfterChildYearCost) + ((averted ?? 0) * costs.DomesticAbuseIncidentCost);
        var net = gross - cost;
        var costNeutral = cost / costs.LookedAfterChildYearCost;
        return new Impact(
            programme.Id, places, cost, prevented, averted, gross, net, net * costs.CashableShareOfNet,
            costNeutral, places > 0 ? costNeutral / places : 0);
    }
}
