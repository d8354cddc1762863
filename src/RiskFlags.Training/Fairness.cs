namespace RiskFlags.Training;

/// <summary>
/// Error rates, selection and calibration by group as ratios to a reference group, each with a seeded
/// bootstrap interval (the group and the reference resampled apart), so a reader can tell a disparity
/// from noise. Selection, true and false positive rates are of flagging at the given risk; calibration
/// is mean predicted over observed rate, so 1.0 means the model is as honest for the group as overall
/// for the reference.
/// </summary>
public static class Fairness
{
    /// <summary>Fewer families or outcomes than these give ratios too noisy to read: the group is said to be too small.</summary>
    public const int SmallestGroup = 100;

    public const int SmallestPositives = 10;

    public const int Resamples = 500;

    public static FairnessAudit Audit(string attribute, IReadOnlyList<string> groupOf, IReadOnlyList<double> predicted, IReadOnlyList<bool> outcome, double flagAt, int seed)
    {
        var members = Enumerable.Range(0, groupOf.Count).GroupBy(i => groupOf[i], StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
        var reference = members.OrderByDescending(m => m.Value.Length).ThenBy(m => m.Key, StringComparer.Ordinal).First().Key;
        var referenceRows = members[reference];
        var random = new Random(seed);
        var referenceDraws = Enumerable.Range(0, Resamples).Select(_ => Rates(Draw(referenceRows, random), predicted, outcome, flagAt)).ToArray();
        var referenceRates = Rates(referenceRows, predicted, outcome, flagAt);

        var groups = new List<GroupFairness>();
        // Deciles in their order (1, 2, ... 10), other groups by name, "unknown" last.
        foreach (var (group, rows) in members.OrderBy(m => m.Key == "unknown").ThenBy(m => int.TryParse(m.Key, out var n) ? n : int.MaxValue).ThenBy(m => m.Key, StringComparer.Ordinal))
        {
            var positives = rows.Count(i => outcome[i]);
            if (rows.Length < SmallestGroup || positives < SmallestPositives)
            {
                groups.Add(new GroupFairness(group, rows.Length, positives, true, null, null, null, null));
                continue;
            }

            var rates = Rates(rows, predicted, outcome, flagAt);
            var draws = Enumerable.Range(0, Resamples).Select(_ => Rates(Draw(rows, random), predicted, outcome, flagAt)).ToArray();
            FairnessRatio Ratio(Func<double[], double> pick) => new(
                Divide(pick(rates), pick(referenceRates)),
                Percentiles([.. draws.Select((d, r) => Divide(pick(d), pick(referenceDraws[r])) ?? double.NaN)]));
            groups.Add(new GroupFairness(group, rows.Length, positives, false, Ratio(r => r[0]), Ratio(r => r[1]), Ratio(r => r[2]), Ratio(r => r[3])));
        }

        return new FairnessAudit(attribute, reference, groups);
    }

    private static int[] Draw(int[] rows, Random random)
    {
        var drawn = new int[rows.Length];
        for (var i = 0; i < drawn.Length; i++)
        {
            drawn[i] = rows[random.Next(rows.Length)];
        }

        return drawn;
    }

    /// <summary>Selection rate, true positive rate, false positive rate, and mean predicted over observed.</summary>
    private static double[] Rates(int[] rows, IReadOnlyList<double> predicted, IReadOnlyList<bool> outcome, double flagAt)
    {
        int flagged = 0, positives = 0, truePositives = 0, falsePositives = 0;
        double sumPredicted = 0;
        foreach (var i in rows)
        {
            var flag = predicted[i] >= flagAt;
            flagged += flag ? 1 : 0;
            positives += outcome[i] ? 1 : 0;
            truePositives += flag && outcome[i] ? 1 : 0;
            falsePositives += flag && !outcome[i] ? 1 : 0;
            sumPredicted += predicted[i];
        }

        var negatives = rows.Length - positives;
        return
        [
            (double)flagged / rows.Length,
            positives == 0 ? double.NaN : (double)truePositives / positives,
            negatives == 0 ? double.NaN : (double)falsePositives / negatives,
            positives == 0 ? double.NaN : sumPredicted / rows.Length / ((double)positives / rows.Length),
        ];
    }

    private static double? Divide(double group, double reference) =>
        double.IsFinite(group) && double.IsFinite(reference) && reference > 0 ? group / reference : null;

    private static Interval? Percentiles(double[] values) => Bootstrap.Percentiles(values) is var i && double.IsNaN(i.Low) ? null : i;
}
