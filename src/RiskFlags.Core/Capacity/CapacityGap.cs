namespace RiskFlags.Core.Capacity;

/// <summary>
/// A programme's capacity gap: places against demand (enrolled + waiting + flagged and eligible but not
/// yet referred), how long a family would wait, and what closing the gap would cost and save (the
/// report's method: a fixed share of families prevented); who the places go to (<see cref="Ranked"/>:
/// the offer list first, then unmet need) and what each further place is worth (<see cref="Marginal"/>).
/// </summary>
public sealed record CapacityGap(
    Programme Programme,
    double Places,
    int Enrolled,
    int Waiting,
    int FlaggedNotReferred,
    int Demand,
    double Gap,
    double? ExpectedWaitWeeks,
    Impact? ClosingTheGap,
    string? NotPriced,
    IReadOnlyList<RankedCandidate> Ranked,
    MarginalValue Marginal)
{
    /// <summary>The families to offer a place next, in order: never more than the free places.</summary>
    public IEnumerable<RankedCandidate> Offers => Ranked.Where(r => r.WithinPlaces);
}
