using System.Diagnostics;
using RiskFlags.Core.Assessment;
using RiskFlags.Core.Facts;
using RiskFlags.Core.Hosting;
using RiskFlags.Core.Monitoring;
using RiskFlags.Core.Rules;
using RiskFlags.Core.Scoring;
using RiskFlags.Training;

namespace RiskFlags.Bench;

/// <summary>
/// What the accountability figures cost beside the point figures they qualify, on one date's cohort
/// scored by the shipped model: the bootstrap intervals (1,000 resamples), the fairness audit with its
/// intervals, and a drift check, each against computing the point figures once. Each answer is checked.
/// </summary>
internal static class UncertaintyBench
{
    public static void Run(string folder)
    {
        var data = LinkedDataIndex.Load(folder, TimeProvider.System, e => throw new InvalidDataException(e.ToString()));
        var asOf = new DateOnly(2024, 3, 31);
        var rows = Snapshots.Build(data, [asOf]);
        var layout = InstallLayout.Find();
        var model = RiskModel.Load(layout.Model);
        var rules = RuleSetLoader.Load(layout.Rules);
        var assessed = new FamilyAssessor(model, rules).AssessMany(rows.Select(r => r.Facts)).ToList();
        var predicted = assessed.Select(a => a.Score.Probability).ToArray();
        var outcome = rows.Select(r => r.Outcome).ToArray();
        (string, int)[] places = [.. rules.Programmes.Programmes.Select(p => (p.Id, K: (int)Math.Round(Math.Max(p.PlacesPerYear, p.ProposedPlaces ?? 0)))).Where(p => p.K > 0).Select(p => ($"top {p.K}", p.K))];
        Console.WriteLine($"{rows.Count:N0} cohort families at {asOf:yyyy-MM-dd}, {outcome.Count(o => o):N0} positive; {places.Length} programmes' places\n");

        Scores? scores = null;
        var baseline = Seconds(() =>
        {
            scores = Metrics.Score(predicted, outcome);
            foreach (var (at, k) in places)
            {
                Metrics.TopK(at, k, predicted, outcome);
            }
        });
        BootstrapIntervals? intervals = null;
        var bootstrap = Seconds(() => intervals = Bootstrap.Intervals(predicted, outcome, places, seed: 42));
        FairnessAudit? audit = null;
        var fairness = Seconds(() =>
        {
            audit = Fairness.Audit("ethnicity", [.. rows.Select(r => r.Ethnicity)], predicted, outcome, 0.2, 42);
            Fairness.Audit("deprivation_decile", [.. rows.Select(r => r.Decile)], predicted, outcome, 0.2, 42);
        });
        DriftReport? drift = null;
        var monitor = Seconds(() => drift = DriftCheck.Run(model, asOf, assessed, outcome));

        if (intervals!.Auc.Low > scores!.Auc || intervals.Auc.High < scores.Auc || audit!.Groups.Count == 0 || drift!.Features.Count != FeatureVector.Count)
        {
            throw new InvalidOperationException("an answer is wrong: the AUC lies outside its interval, or a report is empty");
        }

        Console.WriteLine("| step | seconds | ratio to the point figures |\n|---|---:|---:|");
        Console.WriteLine($"| baseline: point figures (scores, precision and recall at each programme's places) | {baseline:N3} | 1.00 |");
        Console.WriteLine($"| bootstrap intervals, 1,000 resamples | {bootstrap:N3} | {bootstrap / baseline:N1} |");
        Console.WriteLine($"| fairness audit with intervals, ethnicity and deprivation ({Fairness.Resamples} resamples per group) | {fairness:N3} | {fairness / baseline:N1} |");
        Console.WriteLine($"| drift check, {FeatureVector.Count} features and the score | {monitor:N3} | {monitor / baseline:N1} |");
    }

    private static double Seconds(Action work)
    {
        work();
        var watch = Stopwatch.StartNew();
        work();
        return watch.Elapsed.TotalSeconds;
    }
}
