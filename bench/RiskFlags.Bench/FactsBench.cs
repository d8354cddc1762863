using RiskFlags.Core.Contract;
using RiskFlags.Core.Facts;

namespace RiskFlags.Bench;

/// <summary>
/// Fact building (families per second) for every family as of one date, beside the floor measured
/// in the same run: one pass over the same events that only counts those on or before the date.
/// </summary>
internal static class FactsBench
{
    private static readonly DateOnly AsOf = new(2024, 3, 31);

    public static void Run(string folder)
    {
        var index = LinkedDataIndex.Load(folder, TimeProvider.System, e => throw new InvalidDataException(e.ToString()));
        var families = index.Families;
        Console.WriteLine($"{families.Count:N0} families, {index.EventCount:N0} events, as of {AsOf:yyyy-MM-dd}\n");

        // Warm up both paths so the JIT's tiers do not count against either.
        for (var i = 0; i < 3; i++)
        {
            Scan(families);
            Build(families);
        }

        long sink = 0;
        var floor = Best(() => sink += Scan(families), families.Count);
        var single = Best(() => sink += Build(families), families.Count);
        var parallel = Best(() => sink += families.AsParallel().Sum(f => FamilyFactsBuilder.Build(f, AsOf).ChildrenAtHome), families.Count);
        var cohort = Best(() => sink += Cohort.Build(index, AsOf).Count(), families.Count);

        BenchRunner.Header("the floor, one thread");
        BenchRunner.Row("floor: count each family's events up to as_of", floor, floor, "families");
        BenchRunner.Row("FamilyFactsBuilder, one thread", single, floor, "families");
        BenchRunner.Row($"FamilyFactsBuilder, PLINQ on {Environment.ProcessorCount} cores", parallel, floor, "families");
        BenchRunner.Row("Cohort.Build (facts + cohort filter), one thread", cohort, floor, "families");
        GC.KeepAlive(sink);
    }

    private static double Best(Action work, int families) =>
        Enumerable.Range(0, 5).Max(_ => BenchRunner.Rate(families, work));

    private static long Scan(IReadOnlyList<FamilyHistory> families)
    {
        long count = 0;
        foreach (var family in families)
        {
            foreach (var member in family.Members)
            {
                foreach (var e in member.Events)
                {
                    if (e.Date > AsOf)
                    {
                        break;
                    }

                    count += e.Type is EventType.CareEpisode ? 2 : 1;
                }
            }
        }

        return count;
    }

    private static long Build(IReadOnlyList<FamilyHistory> families)
    {
        long sum = 0;
        foreach (var family in families)
        {
            sum += FamilyFactsBuilder.Build(family, AsOf).ChildrenAtHome;
        }

        return sum;
    }
}
