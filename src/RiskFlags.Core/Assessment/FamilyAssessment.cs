using RiskFlags.Core.Facts;
using RiskFlags.Core.Referrals;
using RiskFlags.Core.Rules;
using RiskFlags.Core.Scoring;

namespace RiskFlags.Core.Assessment;

/// <summary>
/// A family as of a date: what the records show, the calibrated risk with its largest factors, every
/// rule that fired with its reason, and the programmes those rules suggest. What every screen, report
/// and file about a family is made from.
/// </summary>
public sealed record FamilyAssessment(FamilyFacts Facts, RiskScore Score, IReadOnlyList<FiredRule> Fired, IReadOnlyList<SuggestedProgramme> Suggested)
{
    public string FamilyId => Facts.FamilyId;

    public DateOnly AsOf => Facts.AsOf;

    /// <summary>In the cohort at its date (data-contract.md): a family the service flags and counts.</summary>
    public bool InCohort => Cohort.Includes(Facts);
}
