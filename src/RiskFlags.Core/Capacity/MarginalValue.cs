namespace RiskFlags.Core.Capacity;

/// <summary>
/// What each further place of a programme is worth: the curve of expected savings place by place,
/// and the economic optimum, the largest number of places whose last place saves at least its cost.
/// Past the enrolled families the curve never rises, because candidates come in order of benefit.
/// </summary>
public sealed record MarginalValue(IReadOnlyList<MarginalPlace> Places, int? OptimalPlaces, double? CostToOptimum, double? SavingToOptimum)
{
    /// <param name="enrolled">The families holding a place now, with their expected benefit (they come first, whatever their benefit).</param>
    /// <param name="ranked">The candidates in rank order, from <see cref="ProgrammeAllocation.Rank"/>.</param>
    /// <param name="places">The places commissioned now: the cost and savings to the optimum are counted from here.</param>
    public static MarginalValue Of(Programme programme, CostModel costs, IReadOnlyList<(string FamilyId, double? ExpectedBenefit)> enrolled, IReadOnlyList<RankedCandidate> ranked, int places)
    {
        var worth = programme.IncidentsAvertedPerPlace is not null ? costs.DomesticAbuseIncidentCost : costs.LookedAfterChildYearCost;
        var curve = enrolled.Select(e => (e.FamilyId, Enrolled: true, e.ExpectedBenefit))
            .Concat(ranked.Select(r => (r.Candidate.FamilyId, Enrolled: false, r.ExpectedBenefit)))
            .Select((p, i) => new MarginalPlace(i + 1, p.FamilyId, p.Enrolled, p.ExpectedBenefit, p.ExpectedBenefit * worth, programme.UnitCost))
            .ToList();
        if (programme.UnitCost is not { } cost || curve.Any(p => p.ExpectedSaving is null))
        {
            return new MarginalValue(curve, null, null, null);
        }

        // The largest k whose place saves at least its cost; enrolled places are kept whatever they save.
        var optimal = enrolled.Count;
        for (var k = enrolled.Count; k < curve.Count; k++)
        {
            if (curve[k].ExpectedSaving >= cost)
            {
                optimal = k + 1;
            }
        }

        var from = Math.Min(places, curve.Count);
        var (low, high) = optimal >= from ? (from, optimal) : (optimal, from);
        var saving = curve.Skip(low).Take(high - low).Sum(p => p.ExpectedSaving!.Value);
        var sign = optimal >= from ? 1 : -1;
        return new MarginalValue(curve, optimal, sign * cost * (high - low), sign * saving);
    }
}
