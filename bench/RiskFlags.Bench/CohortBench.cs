using System.Diagnostics;
using RiskFlags.Core.Assessment;
using RiskFlags.Core.Facts;
using RiskFlags.Core.Hosting;
using RiskFlags.Core.Rules;
using RiskFlags.Core.Scoring;
using RiskFlags.Data;

namespace RiskFlags.Bench;

/// <summary>
/// Where a cohort's time goes, step by step, on one store: reading every family's history in
/// chunks (the floor), then facts, then the whole assessment. Every pass checks it saw every family.
/// </summary>
internal static class CohortBench
{
    public static async Task RunAsync(string connection, DateOnly asOf)
    {
        var store = StoreConnection.Parse(connection);
        var layout = InstallLayout.Find();
        var assessor = new FamilyAssessor(RiskModel.Load(layout.Model), RuleSetLoader.Load(layout.Rules));
        long families;
        await using (var db = store.CreateContext())
        {
            families = (await LinkedDataStore.CountAsync(db)).Families;
        }

        Console.WriteLine($"{families:N0} families in {store.Describe()}, as of {asOf:yyyy-MM-dd}\n");
        var read = await TimeAsync(async () =>
        {
            long n = 0;
            await foreach (var _ in FamilyChunks.ReadAsync(store))
            {
                n++;
            }

            return n;
        });
        var facts = await TimeAsync(async () =>
        {
            long n = 0;
            await foreach (var chunk in FamilyChunks.ReadAsync(store).Chunk(FamilyAssessor.ChunkSize))
            {
                var built = new int[chunk.Length];
                Parallel.For(0, chunk.Length, i => built[i] = FamilyFactsBuilder.Build(chunk[i], asOf).Children);
                n += chunk.Length;
            }

            return n;
        });
        var cohort = 0L;
        var assess = await TimeAsync(async () =>
        {
            long n = 0;
            await foreach (var family in FamilyChunks.ReadAsync(store).Select(f =>
            {
                n++;
                return f;
            }).Chunk(FamilyAssessor.ChunkSize))
            {
                cohort += assessor.AssessMany(family, asOf).Count();
            }

            return n;
        });

        Check(read.Count, families);
        Check(facts.Count, families);
        Check(assess.Count, families);
        BenchRunner.Header("reading every family in chunks (FamilyChunks)");
        BenchRunner.Row("floor: read every family's history in chunks", families / read.Seconds, families / read.Seconds, "families");
        BenchRunner.Row("read + facts (2 cores)", families / facts.Seconds, families / read.Seconds, "families");
        BenchRunner.Row($"read + assess ({cohort:N0} cohort families scored, rules, suggestions)", families / assess.Seconds, families / read.Seconds, "families");
        Console.WriteLine($"\nseconds: read {read.Seconds:F1}, read + facts {facts.Seconds:F1}, read + assess {assess.Seconds:F1}");
    }

    private static void Check(long seen, long families)
    {
        if (seen != families)
        {
            throw new InvalidOperationException($"a pass saw {seen:N0} families of {families:N0}");
        }
    }

    private static async Task<(long Count, double Seconds)> TimeAsync(Func<Task<long>> pass)
    {
        var watch = Stopwatch.StartNew();
        var count = await pass();
        return (count, watch.Elapsed.TotalSeconds);
    }
}
