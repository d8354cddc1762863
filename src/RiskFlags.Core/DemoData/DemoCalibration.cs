using RiskFlags.Core.Contract;
using RiskFlags.Core.Facts;
using RiskFlags.Core.Footprint;

namespace RiskFlags.Core.DemoData;

/// <summary>
/// Measures a demo authority against the seed reports' figures (product.md, "Figures for realistic demo
/// data") at <see cref="AsOf"/>, one family at a time as the generator writes them. The counts are read
/// from the written records, as an analyst would read them after import, not from the simulation's state.
/// </summary>
public sealed class DemoCalibration
{
    /// <summary>The 31 March the figures are read at: the last one whose year of outcomes the demo covers.</summary>
    public static readonly DateOnly AsOf = new(2024, 3, 31);

    /// <summary>Unaccompanied asylum-seeking children looked after (001 table 3): no family records, so not in the linked data.</summary>
    public const int ReportUasc = 38;

    private static readonly DateOnly YearStart = new(AsOf.Year - 1, 4, 1);

    private long children, childrenInNeed, protectionPlans, lookedAfter, entrants, cohort, positives, pauseEligible;
    private long abuse, mentalHealth, drugs, alcohol, police, exclusion, ae, housing;

    public void Add(GeneratedFamily generated)
    {
        var history = generated.ToHistory();
        foreach (var child in history.Children)
        {
            if (child.Person.BirthDate is not { } birth || birth > AsOf || FamilyFactsBuilder.Years(birth, AsOf) >= 18)
            {
                continue;
            }

            children++;
            if (FamilyFactsBuilder.IsLookedAfter(child, AsOf))
            {
                lookedAfter++;
            }
            else if (child.Events.Any(e => e.Type is EventType.ChildProtectionPlan && e.IsOpenAt(AsOf)))
            {
                protectionPlans++;
            }
            else if (child.Events.Any(e => e.Type is EventType.ChildInNeedPlan && e.IsOpenAt(AsOf)))
            {
                childrenInNeed++;
            }
        }

        foreach (var entrant in CareEntryFootprint.FindEntrants([history], YearStart, AsOf))
        {
            entrants++;
            var before = FamilyFactsBuilder.Build(history, entrant.EnteredOn.AddDays(-1));
            abuse += before.DomesticAbuseIncidents12m > 0 ? 1 : 0;
            mentalHealth += before.MentalHealthContacts12m > 0 ? 1 : 0;
            drugs += before.SubstanceDrugs24m ? 1 : 0;
            alcohol += before.SubstanceAlcohol24m ? 1 : 0;
            police += Involved("police at the home", before);
            exclusion += Involved("school exclusion (suspension or permanent)", before);
            ae += Involved("A&E attendance", before);
            housing += Involved("housing (homelessness or eviction)", before);
        }

        var facts = FamilyFactsBuilder.Build(history, AsOf);
        pauseEligible += Cohort.IsPauseCandidate(facts) ? 1 : 0;
        foreach (var row in generated.Truth)
        {
            if (row.AsOf == AsOf)
            {
                cohort++;
                positives += row.Outcome ? 1 : 0;
            }
        }
    }

    /// <summary>The table, in the order calibration.csv lists it. Bands scale with the authority's size where the figure is a count.</summary>
    public IReadOnlyList<CalibrationFigure> Figures(int families)
    {
        var scale = (double)families / DemoDataOptions.DefaultFamilies;
        CalibrationFigure Count(string figure, double demo, double report, string source) =>
            new(figure, demo, report * scale, report * scale * 0.75, report * scale * 1.25, source);
        CalibrationFigure Share(string figure, long count, double report, double tolerance, string source) =>
            new(figure, entrants == 0 ? 0 : Math.Round((double)count / entrants, 3), report, report - tolerance, report + tolerance, source);

        const string Trio = "001 section 2.4 (serious case reviews)";
        // Issue 14 holds the footprint within 10 points of iMPOWER's.
        const string Footprint = "004 'The footprint of partners' (59 care entries)";
        return
        [
            Count("children aged 0-17", children, 42_000, "001 section 1.1.1"),
            Count("children in need (open CIN plan) at 31 March", childrenInNeed, 1_074, "001 section 2.3.3"),
            Count("children on a child protection plan at 31 March", protectionPlans, 281, "001 section 2.3.3"),
            Count($"children looked after at 31 March, besides {ReportUasc} UASC", lookedAfter, 345 - ReportUasc, "001 table 3 (345 with UASC)"),
            new("children starting to be looked after in the year", entrants, 170 * scale, 100 * scale, 250 * scale, "002 (Dorset: 170); issue 11"),
            new("cohort families at 31 March", cohort, 9_000 * scale, 6_000 * scale, 12_000 * scale, "issue 11 (families with a record in 2 years)"),
            new("cohort base rate (a child enters care within a year)", cohort == 0 ? 0 : Math.Round((double)positives / cohort, 4), 0.02, 0.01, 0.03, "issue 11"),
            new("women eligible for Pause at 31 March", pauseEligible, 12.5 * scale, 6 * scale, 20 * scale, "001 section 2.4.2 (10-15 at a time)"),
            Share("care entrants: domestic abuse in the year before", abuse, 0.31, 0.12, Trio),
            Share("care entrants: parental mental ill health", mentalHealth, 0.23, 0.12, Trio),
            Share("care entrants: parental drug misuse", drugs, 0.19, 0.10, Trio),
            Share("care entrants: parental alcohol misuse", alcohol, 0.14, 0.10, Trio),
            Share("care entrants: police at the home in the year before", police, 0.54, 0.10, Footprint),
            Share("care entrants: a school-age child excluded", exclusion, 0.33, 0.10, Footprint),
            Share("care entrants: A&E in the year before", ae, 0.25, 0.10, Footprint),
            Share("care entrants: supported by housing", housing, 0.34, 0.10, Footprint),
        ];
    }

    private static long Involved(string agency, FamilyFacts facts) =>
        CareEntryFootprint.AgencyChecks.Single(a => a.Name == agency).Involved(facts) ? 1 : 0;
}
