using RiskFlags.Core.Capacity;
using RiskFlags.Core.DemoData;
using RiskFlags.Core.Facts;
using RiskFlags.Core.Rules;
using RiskFlags.Core.Scoring;

namespace RiskFlags.Training;

/// <summary>
/// Two models' evaluations on the same date's families, every card figure side by side with its
/// interval: what a data scientist shows before publishing one in place of the other.
/// </summary>
public static class ModelComparison
{
    /// <summary>Both models evaluated on the date's families, compared.</summary>
    /// <exception cref="InvalidOperationException">The date has no cohort families.</exception>
    public static ComparisonRecord Compare(RiskModel first, RiskModel second, LinkedDataIndex data, DateOnly asOf, string families, RuleSet rules, ProgrammeCatalogue? programmes, IReadOnlyList<TruthRow>? truth) =>
        new(asOf, first.Version, second.Version, families, Compare(
            ModelEvaluator.Evaluate(first, data, asOf, rules, programmes, truth),
            ModelEvaluator.Evaluate(second, data, asOf, rules, programmes, truth)));

    /// <summary>The latest 31 March whose year of outcomes the data hold; null when there is none.</summary>
    public static DateOnly? LatestWithOutcomes(LinkedDataIndex data)
    {
        if (data.DataEnd is not { } end)
        {
            return null;
        }

        var march = new DateOnly(end.Year, 3, 31);
        for (var date = march; date.Year >= end.Year - 2; date = date.AddYears(-1))
        {
            if (Cohort.OutcomeKnown(data, date))
            {
                return date;
            }
        }

        return null;
    }

    public static IReadOnlyList<ComparedFigure> Compare(EvaluationReport first, EvaluationReport second)
    {
        var figures = new List<ComparedFigure>
        {
            new("AUC", first.Scores.Auc, first.Intervals?.Auc, second.Scores.Auc, second.Intervals?.Auc),
            new("average precision", first.Scores.Auprc, first.Intervals?.Auprc, second.Scores.Auprc, second.Intervals?.Auprc),
            new("calibration error", first.Scores.Ece, first.Intervals?.Ece, second.Scores.Ece, second.Intervals?.Ece),
            new("log loss", first.Scores.LogLoss, null, second.Scores.LogLoss, null),
            new("Brier score", first.Scores.Brier, null, second.Scores.Brier, null),
        };
        figures.AddRange(first.AtThresholds.Zip(second.AtThresholds).Select(p => new ComparedFigure($"precision at {p.First.At}", p.First.Precision, null, p.Second.Precision, null)));
        foreach (var (a, b) in first.TopK.Zip(second.TopK))
        {
            var ai = first.Intervals?.TopK.FirstOrDefault(t => t.At == a.At);
            var bi = second.Intervals?.TopK.FirstOrDefault(t => t.At == b.At);
            figures.Add(new ComparedFigure($"precision at {a.At}", a.Precision, ai?.Precision, b.Precision, bi?.Precision));
            figures.Add(new ComparedFigure($"recall at {a.At}", a.Recall, ai?.Recall, b.Recall, bi?.Recall));
        }

        figures.Add(new ComparedFigure("groups outside the fairness band", Disparities(first), null, Disparities(second), null));
        return figures;
    }

    /// <summary>Readable groups with at least one ratio outside 0.8-1.25.</summary>
    private static double Disparities(EvaluationReport report) =>
        (report.Fairness ?? []).Sum(a => a.Groups.Count(g => !g.TooSmall && new[] { g.SelectionRate, g.TruePositiveRate, g.FalsePositiveRate, g.Calibration }.Any(r => r?.WithinBand == false)));
}
