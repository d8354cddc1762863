using Microsoft.ML;
using Microsoft.ML.Data;
using RiskFlags.Core.Assessment;
using RiskFlags.Core.Capacity;
using RiskFlags.Core.DemoData;
using RiskFlags.Core.Rules;
using RiskFlags.Core.Scoring;

namespace RiskFlags.Training;

/// <summary>Builds an <see cref="EvaluationReport"/> from predictions on snapshots with known outcomes.</summary>
public static class Evaluation
{
    public static readonly IReadOnlyDictionary<string, int> SeverityWeight = new Dictionary<string, int> { ["low"] = 1, ["medium"] = 2, ["high"] = 3 };

    public static EvaluationReport Report(
        string asOf,
        IReadOnlyList<Snapshot> rows,
        IReadOnlyList<double> predicted,
        IReadOnlyList<Snapshot> baselineTraining,
        RuleSet rules,
        ProgrammeCatalogue? programmes,
        IReadOnlyList<TruthRow>? truth,
        int seed)
    {
        var outcome = rows.Select(r => r.Outcome).ToArray();
        var thresholds = rules.RiskThresholds.OrderBy(t => t.Value)
            .Select(t => Metrics.AtThreshold($"{t.Key} >= {t.Value:0.00}", t.Value, predicted, outcome))
            .ToList();
        var places = (programmes?.Programmes ?? [])
            .Select(p => (p.Id, K: (int)Math.Round(Math.Max(p.PlacesPerYear, p.ProposedPlaces ?? 0))))
            .Where(p => p.K > 0)
            .OrderBy(p => p.K)
            .Select(p => (At: $"top {p.K} ({p.Id} places)", p.K))
            .ToList();
        var topK = places.Select(p => Metrics.TopK(p.At, p.K, predicted, outcome)).ToList();
        var flagAt = rules.RiskThresholds.TryGetValue("edgeOfCareRisk", out var edge) ? edge : RiskBands.High;
        return new EvaluationReport(
            asOf,
            Metrics.Score(predicted, outcome),
            thresholds,
            topK,
            new Baselines(RulesOnlyAuc(rows, rules), LogisticRegressionAuc(baselineTraining, rows, seed)),
            OracleAuc(rows, truth),
            flagAt,
            new Dictionary<string, IReadOnlyDictionary<string, GroupFigures>>
            {
                ["ethnicity"] = Groups(rows, predicted, r => r.Ethnicity, flagAt),
                ["deprivation_decile"] = Groups(rows, predicted, r => r.Decile, flagAt),
            },
            Bootstrap.Intervals(predicted, outcome, places, seed),
            [
                Fairness.Audit("ethnicity", [.. rows.Select(r => r.Ethnicity)], predicted, outcome, flagAt, seed),
                Fairness.Audit("deprivation_decile", [.. rows.Select(r => r.Decile)], predicted, outcome, flagAt, seed),
            ]);
    }

    /// <summary>The rules alone, with no model: a family's score is the severity of what fired (high 3, medium 2, low 1) with no predicted risk.</summary>
    public static double RulesOnlyAuc(IReadOnlyList<Snapshot> rows, RuleSet rules)
    {
        var scores = FamilyAssessor.RulesAlone(rules).AssessMany(rows.Select(r => r.Facts))
            .Select(a => (double)a.Fired.Sum(f => SeverityWeight[f.Severity]))
            .ToArray();
        return Metrics.Auc(scores, [.. rows.Select(r => r.Outcome)]);
    }

    /// <summary>L-BFGS logistic regression on standardised features, trained on the same kind of rows as the model.</summary>
    public static double LogisticRegressionAuc(IReadOnlyList<Snapshot> training, IReadOnlyList<Snapshot> rows, int seed)
    {
        if (training.Count == 0 || training.All(t => t.Outcome) || training.All(t => !t.Outcome))
        {
            return double.NaN;
        }

        var ml = new MLContext(seed);
        var model = ml.Transforms.NormalizeMeanVariance(nameof(FeatureRow.Features))
            .Append(ml.BinaryClassification.Trainers.LbfgsLogisticRegression())
            .Fit(ml.Data.LoadFromEnumerable(ToRows(training)));
        var scored = model.Transform(ml.Data.LoadFromEnumerable(ToRows(rows)));
        var probabilities = scored.GetColumn<float>("Probability").Select(p => (double)p).ToArray();
        return Metrics.Auc(probabilities, [.. rows.Select(r => r.Outcome)]);
    }

    public static double? OracleAuc(IReadOnlyList<Snapshot> rows, IReadOnlyList<TruthRow>? truth)
    {
        if (truth is null)
        {
            return null;
        }

        var known = truth.ToDictionary(t => (t.FamilyId, t.AsOf));
        var pairs = rows.Select(r => known.TryGetValue((r.Facts.FamilyId, r.Facts.AsOf), out var t) ? (t.Probability, r.Outcome) : ((double, bool)?)null).ToList();
        return pairs.Any(p => p is null) || pairs.Count == 0
            ? null
            : Metrics.Auc([.. pairs.Select(p => p!.Value.Item1)], [.. pairs.Select(p => p!.Value.Item2)]);
    }

    public static IEnumerable<FeatureRow> ToRows(IEnumerable<Snapshot> rows) =>
        rows.Select(r => new FeatureRow { Features = FeatureVector.Of(r.Facts), Label = r.Outcome });

    private static Dictionary<string, GroupFigures> Groups(IReadOnlyList<Snapshot> rows, IReadOnlyList<double> predicted, Func<Snapshot, string> key, double flagAt) =>
        Enumerable.Range(0, rows.Count)
            .GroupBy(i => key(rows[i]), StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(
                g => g.Key,
                g =>
                {
                    var members = g.ToList();
                    var positives = members.Count(i => rows[i].Outcome);
                    var negatives = members.Count - positives;
                    var flagged = members.Where(i => predicted[i] >= flagAt).ToList();
                    return new GroupFigures(
                        members.Count,
                        positives,
                        flagged.Count / (double)members.Count,
                        positives == 0 ? double.NaN : flagged.Count(i => rows[i].Outcome) / (double)positives,
                        negatives == 0 ? double.NaN : flagged.Count(i => !rows[i].Outcome) / (double)negatives,
                        members.Average(i => predicted[i]),
                        positives / (double)members.Count);
                },
                StringComparer.Ordinal);
}
