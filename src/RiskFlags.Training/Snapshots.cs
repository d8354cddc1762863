using System.IO.Hashing;
using System.Text;
using RiskFlags.Core.Facts;

namespace RiskFlags.Training;

public static class Snapshots
{
    /// <summary>Every cohort family with a known outcome at each as_of, in family order within each date.</summary>
    /// <exception cref="InvalidOperationException">The data do not reach 365 days past an as_of, so outcomes are unknown.</exception>
    public static IReadOnlyList<Snapshot> Build(LinkedDataIndex data, IEnumerable<DateOnly> asOfs)
    {
        var rows = new List<Snapshot>();
        foreach (var asOf in asOfs.Order())
        {
            if (!Cohort.OutcomeKnown(data, asOf))
            {
                throw new InvalidOperationException(
                    $"as_of {asOf:yyyy-MM-dd}: the data run to {data.DataEnd:yyyy-MM-dd}, but its outcome needs records up to {asOf.AddDays(Cohort.OutcomeDays):yyyy-MM-dd}");
            }

            var built = new Snapshot?[data.Families.Count];
            Parallel.For(0, data.Families.Count, i =>
            {
                var history = data.Families[i];
                var facts = FamilyFactsBuilder.Build(history, asOf);
                if (Cohort.Includes(facts))
                {
                    built[i] = new Snapshot(facts, Cohort.Outcome(history, asOf), EthnicityOf(history), facts.DeprivationDecile?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "unknown");
                }
            });
            rows.AddRange(built.OfType<Snapshot>());
        }

        return rows;
    }

    /// <summary>The mother's recorded ethnicity, else the most common among members, else "unknown".</summary>
    public static string EthnicityOf(FamilyHistory history) =>
        history.Mother?.Person.Ethnicity
        ?? history.Members.Select(m => m.Person.Ethnicity).OfType<string>()
            .GroupBy(e => e, StringComparer.Ordinal).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => g.Key).FirstOrDefault()
        ?? "unknown";

    /// <summary>
    /// A family's place in [0, 1) for splitting, from its id and the seed alone: stable across runs,
    /// machines and data order, so a family is always on one side of a split.
    /// </summary>
    public static double SplitPoint(string familyId, int seed) =>
        XxHash64.HashToUInt64(Encoding.UTF8.GetBytes(familyId), seed) / (double)ulong.MaxValue;
}
