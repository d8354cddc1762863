using RiskFlags.Core.Assessment;
using RiskFlags.Core.Capacity;
using RiskFlags.Core.DemoData;
using RiskFlags.Core.Facts;
using RiskFlags.Core.Rules;
using RiskFlags.Core.Scoring;

namespace RiskFlags.Training;

/// <summary>riskflags evaluate: a model on one date's cohort, against baselines trained on the model's own training rows.</summary>
public static class ModelEvaluator
{
    public static EvaluationReport Evaluate(
        RiskModel model, LinkedDataIndex data, DateOnly asOf, RuleSet rules, ProgrammeCatalogue? programmes, IReadOnlyList<TruthRow>? truth)
    {
        var rows = Snapshots.Build(data, [asOf]);
        if (rows.Count == 0)
        {
            throw new InvalidOperationException($"no cohort families at {asOf:yyyy-MM-dd}");
        }

        var predicted = new FamilyAssessor(model, rules).AssessMany(rows.Select(r => r.Facts)).Select(a => a.Score.Probability).ToArray();
        return Evaluation.Report(asOf.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            rows, predicted, BaselineTrainingRows(model.Manifest, data, asOf), rules, programmes, truth, model.Manifest.Seed);
    }

    /// <summary>
    /// The rows the model's trees were trained on, rebuilt from its recipe on these data; when the data
    /// do not hold those dates before as_of, the three 31 Marches before it.
    /// </summary>
    public static IReadOnlyList<Snapshot> BaselineTrainingRows(ModelManifest manifest, LinkedDataIndex data, DateOnly asOf)
    {
        var dates = manifest.TrainingAsOf.Where(d => d < asOf && Cohort.OutcomeKnown(data, d) && d.AddDays(Cohort.OutcomeDays) <= asOf).ToList();
        if (dates.Count == 0)
        {
            dates = [.. Enumerable.Range(1, 3).Select(y => new DateOnly(asOf.Year - y, 3, 31)).Where(d => d.AddDays(Cohort.OutcomeDays) <= asOf)];
        }

        var snapshots = Snapshots.Build(data, dates);
        return RiskModelTrainer.Split(snapshots, new TrainingOptions { AsOf = dates, Seed = manifest.Seed, ValidationShare = manifest.ValidationShare }).Trees;
    }
}
