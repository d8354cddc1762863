using RiskFlags.Core.Rules;
using RiskFlags.Core.Scoring;

namespace RiskFlags.Core.Capacity;

/// <summary>A programme's enrolments now: families with a place, and families waiting for one.</summary>
public sealed record ProgrammeUptake(int Enrolled, int Waiting);

/// <summary>
/// A programme's capacity gap: places against demand (enrolled + waiting + flagged and eligible but not
/// yet referred), how long a family would wait, and what closing the gap would cost and save.
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
    string? NotPriced);

public static class CapacityReport
{
    public const double WeeksPerYear = 52;

    /// <param name="cohort">The cohort assessed as of the report's date; a family counts as flagged for a programme when a Pathway rule suggests it.</param>
    /// <param name="uptake">Enrolled and waiting families per programme id.</param>
    /// <param name="referred">(family, programme) pairs already enrolled, waiting or declined: not counted again as flagged.</param>
    public static IReadOnlyList<CapacityGap> Build(
        ProgrammeCatalogue catalogue, IReadOnlyList<CohortAssessment> cohort, IReadOnlyDictionary<string, ProgrammeUptake> uptake, IReadOnlySet<(string FamilyId, string ProgrammeId)> referred)
    {
        var flagged = cohort
            .SelectMany(a => a.Fired.Where(f => f.Kind is RuleKind.Pathway && f.Programme is not null).Select(f => (a.Facts.FamilyId, ProgrammeId: f.Programme!)))
            .Distinct()
            .Where(pair => !referred.Contains(pair))
            .GroupBy(pair => pair.ProgrammeId)
            .ToDictionary(g => g.Key, g => g.Count());

        return [.. catalogue.Programmes.Select(p =>
        {
            var now = uptake.GetValueOrDefault(p.Id) ?? new ProgrammeUptake(0, 0);
            var notReferred = flagged.GetValueOrDefault(p.Id);
            var demand = now.Enrolled + now.Waiting + notReferred;
            var gap = demand - p.PlacesPerYear;
            double? wait = p.PlacesPerYear > 0 ? now.Waiting / p.PlacesPerYear * WeeksPerYear : null;
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

            return new CapacityGap(p, p.PlacesPerYear, now.Enrolled, now.Waiting, notReferred, demand, gap, wait, closing, notPriced);
        })];
    }
}
