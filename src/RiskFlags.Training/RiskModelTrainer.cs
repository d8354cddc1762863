using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.FastTree;
using RiskFlags.Core.Assessment;
using RiskFlags.Core.Capacity;
using RiskFlags.Core.DemoData;
using RiskFlags.Core.Facts;
using RiskFlags.Core.Monitoring;
using RiskFlags.Core.Rules;
using RiskFlags.Core.Scoring;

namespace RiskFlags.Training;

/// <summary>
/// Trains the classifier: FastTree boosted trees, then a Platt calibrator fitted on other rows, saved
/// as one model file with its card. Seeded: the same data, options and seed give the same model bytes.
/// Families never straddle the split, and the validation rows are dated later than any row the trees saw.
/// </summary>
public sealed class RiskModelTrainer(TimeProvider time)
{
    public TrainedModel Train(
        LinkedDataIndex data,
        string dataSource,
        TrainingOptions options,
        string modelPath,
        RuleSet rules,
        ProgrammeCatalogue? programmes,
        IReadOnlyList<TruthRow>? truth,
        string command,
        IProgress<string>? progress = null)
    {
        progress?.Report("building snapshots");
        var snapshots = Snapshots.Build(data, options.AsOf);
        var split = Split(snapshots, options);
        if (split.Trees.Count(r => r.Outcome) < 10 || split.Calibration.Count(r => r.Outcome) < 5 || split.Validation.Count == 0)
        {
            throw new InvalidOperationException(
                $"too few outcomes to train: {split.Trees.Count(r => r.Outcome)} positive rows for the trees, {split.Calibration.Count(r => r.Outcome)} for calibration, {split.Validation.Count} validation rows");
        }

        progress?.Report($"training {options.Trees} trees on {split.Trees.Count:N0} rows");
        var ml = new MLContext(options.Seed);
        var treeData = ml.Data.LoadFromEnumerable(Evaluation.ToRows(split.Trees));
        var trees = ml.BinaryClassification.Trainers.FastTree(new FastTreeBinaryTrainer.Options
        {
            NumberOfTrees = options.Trees,
            NumberOfLeaves = options.Leaves,
            MinimumExampleCountPerLeaf = options.MinimumExamplesPerLeaf,
            LearningRate = options.LearningRate,
            // One thread keeps the histogram sums in one order, so the same seed gives the same model bytes.
            NumberOfThreads = 1,
        }).Fit(treeData);

        progress?.Report($"calibrating on {split.Calibration.Count:N0} rows");
        var calibrator = ml.BinaryClassification.Calibrators.Platt()
            .Fit(trees.Transform(ml.Data.LoadFromEnumerable(Evaluation.ToRows(split.Calibration))));
        var chain = new TransformerChain<ITransformer>(trees, calibrator);
        progress?.Report("keeping the training data's distributions for drift checks");
        var manifest = new ModelManifest(
            FeatureVector.Names, options.Seed, $"FastTree ({options.Trees} trees, {options.Leaves} leaves) + Platt calibration", [.. options.AsOf.Order()], options.ValidationShare,
            Reference(ml, chain, snapshots));
        var version = ModelFile.Save(ml, chain, treeData.Schema, manifest, modelPath);

        progress?.Report($"validating on {split.Validation.Count:N0} rows");
        var model = RiskModel.Load(modelPath);
        var predicted = new FamilyAssessor(model, rules).AssessMany(split.Validation.Select(r => r.Facts)).Select(a => a.Score.Probability).ToArray();
        var validation = Evaluation.Report(
            split.Validation[0].Facts.AsOf.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            split.Validation, predicted, split.Trees, rules, programmes, truth, options.Seed);

        // When the data already hold the outcomes of the next 31 March, test the model there too:
        // every cohort family, a year after anything it learnt from.
        var next = options.AsOf.Max().AddYears(1);
        EvaluationReport? test = null;
        if (Cohort.OutcomeKnown(data, next))
        {
            progress?.Report($"testing on {next:yyyy-MM-dd}");
            test = ModelEvaluator.Evaluate(model, data, next, rules, programmes, truth);
        }

        var card = ModelCard.Create(
            Path.GetFileName(modelPath), version, dataSource, options, snapshots, split, validation, test, rules.Version, command, time);
        card.Write(modelPath);
        return new TrainedModel(modelPath, version, card);
    }

    /// <summary>
    /// Families are split by a seeded hash of their id. With two or more dates the trees learn from
    /// the kept families at the earlier dates, the calibrator from the kept families at the last date,
    /// and validation uses the held-out families at the last date. With one date the split is by family only.
    /// </summary>
    public static TrainingSplit Split(IReadOnlyList<Snapshot> snapshots, TrainingOptions options)
    {
        var dates = snapshots.Select(s => s.Facts.AsOf).Distinct().Order().ToList();
        if (dates.Count == 0)
        {
            throw new InvalidOperationException("no cohort families at the given dates");
        }

        var last = dates[^1];
        bool HeldOut(Snapshot s) => Snapshots.SplitPoint(s.Facts.FamilyId, options.Seed) < options.ValidationShare;
        if (dates.Count >= 2)
        {
            return new TrainingSplit(
                [.. snapshots.Where(s => !HeldOut(s) && s.Facts.AsOf < last)],
                [.. snapshots.Where(s => !HeldOut(s) && s.Facts.AsOf == last)],
                [.. snapshots.Where(s => HeldOut(s) && s.Facts.AsOf == last)],
                $"families split by a seeded hash of family_id: {options.ValidationShare:0%} held out. Trees: the other families at {string.Join(", ", dates.SkipLast(1).Select(Iso))}. " +
                $"Calibration: the other families at {Iso(last)}. Validation: the held-out families at {Iso(last)}, later than any row the trees saw.");
        }

        double Point(Snapshot s) => Snapshots.SplitPoint(s.Facts.FamilyId, options.Seed);
        var calibrationEnd = options.ValidationShare + 0.15;
        return new TrainingSplit(
            [.. snapshots.Where(s => Point(s) >= calibrationEnd)],
            [.. snapshots.Where(s => Point(s) >= options.ValidationShare && Point(s) < calibrationEnd)],
            [.. snapshots.Where(HeldOut)],
            $"one date ({Iso(last)}): families split by a seeded hash of family_id into trees (the rest), calibration (15%) and validation ({options.ValidationShare:0%}); validation is not later in time.");
    }

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Every training snapshot's features and the trained model's scores on them, binned: what a drift check compares a later cohort with.</summary>
    private static ReferenceDistributions Reference(MLContext ml, TransformerChain<ITransformer> chain, IReadOnlyList<Snapshot> snapshots)
    {
        var rows = Evaluation.ToRows(snapshots).ToList();
        var scores = chain.Transform(ml.Data.LoadFromEnumerable(rows)).GetColumn<float>("Probability").Select(p => (double)p).ToArray();
        var features = FeatureVector.Features.Select((f, i) => BinnedDistribution.Learn(f.Name, [.. rows.Select(r => (double)r.Features[i])])).ToList();
        return new ReferenceDistributions(features, BinnedDistribution.Learn("score", scores), snapshots.Count(s => s.Outcome) / (double)snapshots.Count, snapshots.Count);
    }
}
