using RiskFlags.Core.Assessment;
using RiskFlags.Core.Referrals;

namespace RiskFlags.Core.Capacity;

public static class CapacityReport
{
    public const double WeeksPerYear = 52;

    /// <summary>How long a family joining a programme's waiting list now would wait: null when it has no places.</summary>
    public static double? ExpectedWaitWeeks(int waiting, double placesPerYear) => placesPerYear > 0 ? waiting / placesPerYear * WeeksPerYear : null;

    /// <param name="cohort">The cohort assessed as of the report's date; a family counts as flagged for a programme when it is suggested for it.</param>
    /// <param name="uptake">Enrolled and waiting families per programme id.</param>
    /// <param name="referrals">Where each family stands: only those suggested and not yet referred count as flagged (<see cref="ReferralStatuses.IsSuggestedNotReferred"/>).</param>
    public static IReadOnlyList<CapacityGap> Build(
        ProgrammeCatalogue catalogue, IReadOnlyList<FamilyAssessment> cohort, IReadOnlyDictionary<string, ProgrammeUptake> uptake, ReferralBook referrals)
    {
        var flagged = cohort
            .SelectMany(a => a.Suggested.Select(s => (a.FamilyId, s.Programme)))
            .Where(pair => referrals.Of(pair.FamilyId, pair.Programme).Status.IsSuggestedNotReferred())
            .GroupBy(pair => pair.Programme)
            .ToDictionary(g => g.Key, g => g.Count());

        var byProgramme = cohort
            .SelectMany(a => a.Suggested.Select(s => (Assessment: a, s.Programme)))
            .ToLookup(pair => pair.Programme, pair => pair.Assessment);

        return [.. catalogue.Programmes.Select(p =>
        {
            var now = uptake.GetValueOrDefault(p.Id) ?? new ProgrammeUptake(0, 0);
            var (ranked, marginal) = Allocate(p, catalogue.CostModel, byProgramme[p.Id], referrals, now);
            var notReferred = flagged.GetValueOrDefault(p.Id);
            var demand = now.Enrolled + now.Waiting + notReferred;
            var gap = demand - p.PlacesPerYear;
            var wait = ExpectedWaitWeeks(now.Waiting, p.PlacesPerYear);
            Impact? closing = null;
            string? notPriced = null;
            if (gap > 0)
            {
                if (p.UnitCost is null)
                {
                    notPriced = $"{p.Name} has no unit cost yet";
                }
                else
                {
                    closing = ImpactCalculator.Estimate(p, catalogue.CostModel, gap);
                }
            }

            return new CapacityGap(p, p.PlacesPerYear, now.Enrolled, now.Waiting, notReferred, demand, gap, wait, closing, notPriced, ranked, marginal);
        })];
    }

    /// <summary>
    /// The families suggested for the programme and waiting or not yet referred, ranked for its free
    /// places (places this year less those enrolled); and the marginal curve, enrolled families first.
    /// A family with no recorded suggestion yet has waited least.
    /// </summary>
    private static (IReadOnlyList<RankedCandidate> Ranked, MarginalValue Marginal) Allocate(
        Programme programme, CostModel costs, IEnumerable<FamilyAssessment> suggested, ReferralBook referrals, ProgrammeUptake uptake)
    {
        var candidates = new List<AllocationCandidate>();
        var enrolled = new List<FamilyAssessment>();
        foreach (var a in suggested.DistinctBy(a => a.FamilyId))
        {
            var referral = referrals.Of(a.FamilyId, programme.Id);
            if (referral.Status is ReferralStatus.Enrolled)
            {
                enrolled.Add(a);
            }
            else if (referral.Status.IsSuggestedNotReferred() || referral.Status is ReferralStatus.Waiting)
            {
                candidates.Add(new AllocationCandidate(a.FamilyId, a.Score.Probability, a.Facts.DomesticAbuseIncidents12m,
                    SuggestionId.CreatedAt(referral.SuggestionId) ?? DateTimeOffset.MaxValue, referrals.OpenDecisions(a.FamilyId), referral.SuggestionId));
            }
        }

        var places = (int)Math.Floor(programme.PlacesPerYear);
        var ranked = ProgrammeAllocation.Rank(programme, candidates, Math.Max(0, places - uptake.Enrolled));
        var benefit = ProgrammeAllocation.Benefit(programme, candidates);
        var holding = enrolled
            .Select(a => (a.FamilyId, benefit(new AllocationCandidate(a.FamilyId, a.Score.Probability, a.Facts.DomesticAbuseIncidents12m, DateTimeOffset.MinValue, 0))))
            .OrderByDescending(e => e.Item2).ThenBy(e => e.FamilyId, StringComparer.Ordinal)
            .ToList();
        return (ranked, MarginalValue.Of(programme, costs, holding, ranked, places));
    }
}
