using RiskFlags.Core.Assessment;
using RiskFlags.Core.Contract;
using RiskFlags.Core.Facts;

namespace RiskFlags.Core.Footprint;

/// <summary>
/// The footprint of partners before children entered care (iMPOWER's case reviews, 004, "The footprint
/// of partners"), for every child who started to be looked after in a year from 1 April rather than a
/// sample: the share whose family had each agency's involvement in the 12 months before entry, and the
/// share RiskFlags would already have flagged 3, 6 and 12 months before (the records as they stood
/// then, today's rules and model), overall and by pathway, and, from the store's referrals, the share
/// that was offered or enrolled in a programme before entry. Fewer than <see cref="SmallestGroup"/>
/// entrants are too few to show: every share is then null.
/// </summary>
public sealed record CareEntryFootprint(
    int Year, DateOnly From, DateOnly To, int Entrants,
    IReadOnlyList<FootprintShare> Agencies, IReadOnlyList<FootprintShare> FlaggedBefore, IReadOnlyList<FootprintShare> FlaggedByPathway,
    IReadOnlyList<FootprintShare> ProgrammesBefore)
{
    public const int SmallestGroup = 10;

    public static readonly int[] MonthsBefore = [3, 6, 12];

    /// <summary>What counts as each agency's involvement, from the family's facts the day before entry.</summary>
    public static readonly IReadOnlyList<(string Name, Func<FamilyFacts, bool> Involved)> AgencyChecks =
    [
        ("police at the home", f => f.DomesticAbuseIncidents12m + f.Arrests12m > 0),
        ("A&E attendance", f => f.AeAttendances12m > 0),
        ("school exclusion (suspension or permanent)", f => f.Suspensions12m + f.PermanentExclusions12m > 0),
        ("persistent absence", f => f.PersistentAbsence12m > 0),
        ("housing (homelessness or eviction)", f => f.HomelessnessApplications12m + f.Evictions12m > 0),
        ("substance-misuse treatment", f => f.SubstanceTreatmentOpen || f.SubstanceTreatment24m),
        ("mental-health contacts", f => f.MentalHealthContacts12m > 0),
        ("early help", f => f.OpenEarlyHelp),
        ("contacts to the front door", f => f.Contacts12m > 0),
    ];

    /// <param name="year">The year ending 31 March: 2024 is 1 April 2023 to 31 March 2024.</param>
    /// <param name="contacts">The store's record of offers and enrolments; null (a folder of CSVs) gives no programme shares.</param>
    public static CareEntryFootprint Build(IEnumerable<FamilyHistory> families, FamilyAssessor assessor, int year, ProgrammeContacts? contacts = null)
    {
        var from = new DateOnly(year - 1, 4, 1);
        var to = new DateOnly(year, 3, 31);
        var entrants = FindEntrants(families, from, to);
        var agencies = new int[AgencyChecks.Count];
        var flagged = new int[MonthsBefore.Length];
        var byPathway = new SortedDictionary<string, int>(StringComparer.Ordinal);
        int offered = 0, enrolled = 0;
        foreach (var entrant in entrants)
        {
            offered += contacts?.OfferedBefore(entrant.Family.Family.FamilyId, entrant.EnteredOn) is true ? 1 : 0;
            enrolled += contacts?.EnrolledBefore(entrant.Family.Family.FamilyId, entrant.EnteredOn) is true ? 1 : 0;
            var facts = FamilyFactsBuilder.Build(entrant.Family, entrant.EnteredOn.AddDays(-1));
            for (var i = 0; i < AgencyChecks.Count; i++)
            {
                agencies[i] += AgencyChecks[i].Involved(facts) ? 1 : 0;
            }

            var pathways = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < MonthsBefore.Length; i++)
            {
                var then = assessor.AssessMany([entrant.Family], entrant.EnteredOn.AddMonths(-MonthsBefore[i]), cohortOnly: false).Single();
                flagged[i] += then.Suggested.Count > 0 ? 1 : 0;
                pathways.UnionWith(then.Suggested.Select(s => s.Pathway));
            }

            foreach (var pathway in pathways)
            {
                byPathway[pathway] = byPathway.GetValueOrDefault(pathway) + 1;
            }
        }

        var n = entrants.Count;
        FootprintShare Share(string name, int count) => new(name, count, n >= SmallestGroup ? (double)count / n : null);
        return new CareEntryFootprint(year, from, to, n,
            [.. AgencyChecks.Select((a, i) => Share(a.Name, agencies[i]))],
            [.. MonthsBefore.Select((m, i) => Share($"flagged {m} months before", flagged[i]))],
            [.. byPathway.Select(p => Share(p.Key, p.Value))],
            contacts is null ? [] : [Share("offered a programme before entry", offered), Share("enrolled in a programme before entry", enrolled)]);
    }

    /// <summary>Each child's first entry to care in the period, when it was not looked after the day before; a child in two families counts once.</summary>
    public static IReadOnlyList<CareEntrant> FindEntrants(IEnumerable<FamilyHistory> families, DateOnly from, DateOnly to)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var entrants = new List<CareEntrant>();
        foreach (var family in families)
        {
            foreach (var child in family.Children)
            {
                foreach (var e in child.Events)
                {
                    if (FamilyFactsBuilder.IsCare(e) && FamilyFactsBuilder.StartKnown(child, e) && e.Date >= from && e.Date <= to && !FamilyFactsBuilder.IsLookedAfter(child, e.Date.AddDays(-1)))
                    {
                        if (seen.Add(child.Person.PersonId))
                        {
                            entrants.Add(new CareEntrant(child.Person.PersonId, e.Date, family));
                        }

                        break;
                    }
                }
            }
        }

        return entrants;
    }
}
