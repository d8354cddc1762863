using System.Diagnostics;
using RiskFlags.Core.Assessment;
using RiskFlags.Core.Capacity;
using RiskFlags.Core.Hosting;
using RiskFlags.Core.Rules;
using RiskFlags.Core.Scoring;
using RiskFlags.Data;

namespace RiskFlags.Bench;

/// <summary>
/// Allocation over a whole cohort against the cohort's scoring in the same run: every family of the
/// store assessed (the baseline), then every programme's suggested families ranked for its places and
/// its marginal curve built. Every curve is checked: offers within the free places, savings never rising.
/// </summary>
internal static class AllocationBench
{
    public static async Task RunAsync(string connection, DateOnly asOf)
    {
        var store = StoreConnection.Parse(connection);
        var layout = InstallLayout.Find();
        var assessor = new FamilyAssessor(RiskModel.Load(layout.Model), RuleSetLoader.Load(layout.Rules));
        var catalogue = ProgrammeCatalogue.Load(layout.Programmes);
        var candidates = catalogue.Programmes.ToDictionary(p => p.Id, _ => new List<AllocationCandidate>());
        long families = 0, cohort = 0;

        var scoring = Stopwatch.StartNew();
        await foreach (var chunk in FamilyChunks.ReadAsync(store).Chunk(FamilyAssessor.ChunkSize))
        {
            families += chunk.Length;
            foreach (var a in assessor.AssessMany(chunk, asOf))
            {
                cohort++;
                foreach (var s in a.Suggested.DistinctBy(s => s.Programme))
                {
                    // A cohort assessed in bulk has no recorded suggestions: every family has waited alike.
                    candidates[s.Programme].Add(new AllocationCandidate(a.FamilyId, a.Score.Probability, a.Facts.DomesticAbuseIncidents12m, DateTimeOffset.MaxValue, 0));
                }
            }
        }

        scoring.Stop();
        var allocation = Stopwatch.StartNew();
        var curves = catalogue.Programmes.Select(p =>
        {
            var places = (int)Math.Floor(p.PlacesPerYear);
            var ranked = ProgrammeAllocation.Rank(p, candidates[p.Id], places);
            return (Programme: p, Ranked: ranked, Marginal: MarginalValue.Of(p, catalogue.CostModel, [], ranked, places));
        }).ToList();
        allocation.Stop();

        Console.WriteLine($"{families:N0} families in {store.Describe()}, {cohort:N0} in the cohort as of {asOf:yyyy-MM-dd}\n");
        Console.WriteLine("| programme | places | suggested families | offers | optimal places |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        foreach (var (p, ranked, marginal) in curves)
        {
            Check(p, ranked, marginal);
            Console.WriteLine($"| {p.Id} | {p.PlacesPerYear:0.#} | {ranked.Count:N0} | {ranked.Count(r => r.WithinPlaces):N0} | {marginal.OptimalPlaces?.ToString("N0") ?? "-"} |");
        }

        Console.WriteLine();
        Console.WriteLine($"| step | seconds | ratio to scoring |");
        Console.WriteLine("|---|---:|---:|");
        Console.WriteLine($"| baseline: read and assess every family (FamilyAssessor.AssessMany) | {scoring.Elapsed.TotalSeconds:F1} | 1.00 |");
        Console.WriteLine($"| allocation and marginal curves, every programme | {allocation.Elapsed.TotalSeconds:F2} | {allocation.Elapsed.TotalSeconds / scoring.Elapsed.TotalSeconds:F3} |");
    }

    private static void Check(Programme programme, IReadOnlyList<RankedCandidate> ranked, MarginalValue marginal)
    {
        var offers = ranked.Count(r => r.WithinPlaces);
        var savings = marginal.Places.Select(m => m.ExpectedSaving).OfType<double>().ToList();
        if (offers > Math.Max(0, (int)Math.Floor(programme.PlacesPerYear)) || savings.Zip(savings.Skip(1)).Any(pair => pair.Second > pair.First + 1e-9))
        {
            throw new InvalidOperationException($"{programme.Id}: {offers} offers for {programme.PlacesPerYear} places, or a marginal curve that rises");
        }
    }
}
