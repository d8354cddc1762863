using RiskFlags.Core.Contract;

namespace RiskFlags.Core.Facts;

/// <summary>The cohort and the outcome label of data-contract.md.</summary>
public static class Cohort
{
    /// <summary>A family is in the cohort when it has an event in these many days up to as_of.</summary>
    public const int RecentEventDays = 730;

    /// <summary>The outcome looks this many days past as_of.</summary>
    public const int OutcomeDays = 365;

    /// <summary>
    /// In the cohort for as_of: at least one event in the 730 days up to as_of, and at least one
    /// child aged 0-17 not looked after at as_of or an open pregnancy.
    /// </summary>
    public static bool Includes(FamilyFacts facts) =>
        facts.DaysSinceLastEvent is < RecentEventDays && (facts.ChildrenAtHome > 0 || facts.OpenPregnancy);

    /// <summary>
    /// A woman Pause works with (001 section 2.4.2): two or more children removed, or one at birth, and
    /// no child in her care, with a record in the last 730 days. She is outside the cohort (it needs a child
    /// at home or a pregnancy), so the model never learns from or scores her as a cohort family, but she is
    /// assessed beside the cohort so that the Pause pathway can suggest her.
    /// </summary>
    public static bool IsPauseCandidate(FamilyFacts facts) =>
        facts.HasMother && facts.ChildrenAtHome == 0 && !facts.OpenPregnancy && facts.DaysSinceLastEvent is < RecentEventDays
        && (facts.MotherPriorRemovals >= 2 || facts.MotherPriorRemovalsAtBirth >= 1);

    /// <summary>The families assessed as of a date: the cohort and the women Pause works with.</summary>
    public static bool IsAssessed(FamilyFacts facts) => Includes(facts) || IsPauseCandidate(facts);

    /// <summary>
    /// Positive when a child of the family who was not looked after at as_of (including one born
    /// after it) starts a care episode in the 365 days after as_of. Reads the future on purpose: it is the label.
    /// </summary>
    public static bool Outcome(FamilyHistory history, DateOnly asOf)
    {
        var until = asOf.AddDays(OutcomeDays);
        foreach (var child in history.Children)
        {
            if (FamilyFactsBuilder.IsLookedAfter(child, asOf))
            {
                continue;
            }

            foreach (var e in child.Events)
            {
                if (FamilyFactsBuilder.IsCare(e) && e.Date > asOf && e.Date <= until && FamilyFactsBuilder.StartKnown(child, e))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>Whether the data runs far enough past as_of for outcomes to be known.</summary>
    public static bool OutcomeKnown(LinkedDataIndex index, DateOnly asOf) =>
        index.DataEnd is { } end && end >= asOf.AddDays(OutcomeDays);

    /// <summary>The cohort families for as_of with their facts, and outcomes when the data covers the following 365 days.</summary>
    public static IEnumerable<CohortMember> Build(LinkedDataIndex index, DateOnly asOf)
    {
        var labelled = OutcomeKnown(index, asOf);
        foreach (var history in index.Families)
        {
            var facts = FamilyFactsBuilder.Build(history, asOf);
            if (Includes(facts))
            {
                yield return new CohortMember(facts, labelled ? Outcome(history, asOf) : null);
            }
        }
    }
}
