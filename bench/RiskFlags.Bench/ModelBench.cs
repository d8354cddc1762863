using System.Diagnostics;
using Microsoft.ML;
using Microsoft.ML.Trainers.FastTree;
using RiskFlags.Core.Facts;
using RiskFlags.Core.Hosting;
using RiskFlags.Core.Scoring;
using RiskFlags.Training;

namespace RiskFlags.Bench;

/// <summary>
/// Training time of the classifier (the FastTree fit of riskflags train, one thread so the bytes are
/// reproducible) for 100,000 and 1,000,000 family snapshots, beside logistic regression on the same
/// rows; and scoring throughput of the batch path and of single predictions with the shipped model.
/// </summary>
internal static class ModelBench
{
    private static readonly int[] TrainingRows = [100_000, 1_000_000];

    public static void Run(string folder)
    {
        var data = LinkedDataIndex.Load(folder, TimeProvider.System, e => throw new InvalidDataException(e.ToString()));
        var dates = Enumerable.Range(2019, 6).Select(y => new DateOnly(y, 3, 31)).ToList();
        var watch = Stopwatch.StartNew();
        var snapshots = Snapshots.Build(data, dates);
        Console.WriteLine($"{data.Families.Count:N0} families, {snapshots.Count:N0} snapshots at {dates.Count} dates (built in {watch.Elapsed.TotalSeconds:N1} s)\n");

        Console.WriteLine("| training rows | FastTree fit (s) | logistic regression fit (s) | ratio |\n|---:|---:|---:|---:|");
        foreach (var rows in TrainingRows.Where(r => r <= snapshots.Count))
        {
            var sample = snapshots.Take(rows).ToList();
            var ml = new MLContext(42);
            var view = ml.Data.Cache(ml.Data.LoadFromEnumerable(Evaluation.ToRows(sample).ToList()));
            var options = new TrainingOptions { AsOf = dates };
            var trees = Time(() => ml.BinaryClassification.Trainers.FastTree(new FastTreeBinaryTrainer.Options
            {
                NumberOfTrees = options.Trees, NumberOfLeaves = options.Leaves, MinimumExampleCountPerLeaf = options.MinimumExamplesPerLeaf,
                LearningRate = options.LearningRate, NumberOfThreads = 1,
            }).Fit(view));
            var logistic = Time(() => ml.Transforms.NormalizeMeanVariance(nameof(FeatureRow.Features))
                .Append(ml.BinaryClassification.Trainers.LbfgsLogisticRegression()).Fit(view));
            Console.WriteLine($"| {rows:N0} | {trees:N1} | {logistic:N1} | {trees / logistic:N1} |");
        }

        var model = RiskModel.Load(InstallLayout.Find().Model);
        var facts = snapshots.Take(1_000_000).Select(s => s.Facts).ToList();
        var fill = Rate(facts.Count, () =>
        {
            var vector = new float[FeatureVector.Count];
            foreach (var f in facts)
            {
                FeatureVector.Fill(f, vector);
            }
        });
        long scored = 0;
        var batch = Rate(facts.Count, () => scored += model.Score(facts).Count());
        var singles = facts.Take(100_000).ToList();
        var single = Rate(singles.Count, () =>
        {
            foreach (var f in singles)
            {
                model.Score(f);
            }
        });
        var parallelSingle = Rate(singles.Count, () => singles.AsParallel().ForAll(f => model.Score(f)));
        Console.WriteLine($"\nScoring with the shipped model ({facts.Count:N0} families batch, {singles.Count:N0} single), with explanations:\n");
        Console.WriteLine("| path | families/s | ratio to the batch path |\n|---|---:|---:|");
        Console.WriteLine($"| floor: fill the feature vectors only | {fill:N0} | {fill / batch:N2} |");
        Console.WriteLine($"| batch: RiskModel.Score(IEnumerable) through the transformer | {batch:N0} | 1.00 |");
        Console.WriteLine($"| single: RiskModel.Score(facts), pooled PredictionEngine, one thread | {single:N0} | {single / batch:N2} |");
        Console.WriteLine($"| single, {Environment.ProcessorCount} threads sharing the pool | {parallelSingle:N0} | {parallelSingle / batch:N2} |");
        Console.WriteLine($"\nA million families through the batch path: {1_000_000 / batch:N1} s ({scored:N0} scored)");
    }

    private static double Time(Action work)
    {
        var watch = Stopwatch.StartNew();
        work();
        return watch.Elapsed.TotalSeconds;
    }

    private static double Rate(int items, Action work)
    {
        work();
        return BenchRunner.Rate(items, work);
    }
}
