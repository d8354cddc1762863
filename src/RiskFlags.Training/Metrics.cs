namespace RiskFlags.Training;

/// <summary>The metrics of a model card and of riskflags evaluate, computed directly so each is plain to check.</summary>
public static class Metrics
{
    public const int CalibrationBins = 10;

    public static Scores Score(IReadOnlyList<double> predicted, IReadOnlyList<bool> outcome)
    {
        var positives = outcome.Count(o => o);
        var ranked = Weighted(predicted, outcome, Descending(predicted), null, []);
        return new Scores(
            predicted.Count, positives, predicted.Count == 0 ? 0 : (double)positives / predicted.Count,
            ranked.Auc, ranked.Auprc, LogLoss(predicted, outcome), Brier(predicted, outcome), ranked.Ece);
    }

    /// <summary>Area under the ROC curve: the chance a random positive ranks above a random negative (ties count half).</summary>
    public static double Auc(IReadOnlyList<double> predicted, IReadOnlyList<bool> outcome) => Weighted(predicted, outcome, Descending(predicted), null, []).Auc;

    /// <summary>Area under the precision-recall curve as average precision: the mean precision at each positive, riskiest first.</summary>
    public static double AveragePrecision(IReadOnlyList<double> predicted, IReadOnlyList<bool> outcome) => Weighted(predicted, outcome, Descending(predicted), null, []).Auprc;

    public static double LogLoss(IReadOnlyList<double> predicted, IReadOnlyList<bool> outcome)
    {
        const double eps = 1e-15;
        double sum = 0;
        for (var i = 0; i < predicted.Count; i++)
        {
            var p = Math.Clamp(predicted[i], eps, 1 - eps);
            sum -= outcome[i] ? Math.Log(p) : Math.Log(1 - p);
        }

        return sum / predicted.Count;
    }

    public static double Brier(IReadOnlyList<double> predicted, IReadOnlyList<bool> outcome) =>
        Enumerable.Range(0, predicted.Count).Average(i => Math.Pow(predicted[i] - (outcome[i] ? 1 : 0), 2));

    /// <summary>Expected calibration error over ten equal-width bins: the gap between mean prediction and observed rate, weighted by bin size.</summary>
    public static double Ece(IReadOnlyList<double> predicted, IReadOnlyList<bool> outcome) => Weighted(predicted, outcome, Descending(predicted), null, []).Ece;

    /// <summary>The families riskiest first, ties in their order: the order every ranking figure reads them in.</summary>
    public static int[] Descending(IReadOnlyList<double> predicted) =>
        [.. Enumerable.Range(0, predicted.Count).OrderByDescending(i => predicted[i]).ThenBy(i => i)];

    /// <summary>
    /// Every ranking figure in one pass down <paramref name="descending"/>, each family counted its weight
    /// times (null: once): the one definition of AUC, average precision, calibration error and precision
    /// and recall at k, for a plain evaluation and for each bootstrap resample alike. A family drawn twice
    /// sits twice in its place, which is where a sort of the resample would put it.
    /// </summary>
    public static WeightedFigures Weighted(IReadOnlyList<double> predicted, IReadOnlyList<bool> outcome, int[] descending, int[]? weights, IReadOnlyList<int> ks)
    {
        int W(int i) => weights?[i] ?? 1;
        long positives = 0, total = 0;
        foreach (var i in descending)
        {
            total += W(i);
            positives += outcome[i] ? W(i) : 0;
        }

        var negatives = total - positives;

        // AUC from the top: each positive beats the negatives below it and half those tied with it.
        double beaten = 0;
        long negativesAbove = 0;
        for (var start = 0; start < descending.Length;)
        {
            var end = start;
            while (end + 1 < descending.Length && predicted[descending[end + 1]] == predicted[descending[start]])
            {
                end++;
            }

            long groupPositives = 0, groupNegatives = 0;
            for (var j = start; j <= end; j++)
            {
                var i = descending[j];
                if (outcome[i])
                {
                    groupPositives += W(i);
                }
                else
                {
                    groupNegatives += W(i);
                }
            }

            var below = negatives - negativesAbove - groupNegatives;
            beaten += groupPositives * (below + (groupNegatives / 2.0));
            negativesAbove += groupNegatives;
            start = end + 1;
        }

        var auc = positives == 0 || negatives == 0 ? double.NaN : beaten / (positives * (double)negatives);

        // Average precision, ECE and the top k in one pass, riskiest first.
        double precisionSum = 0;
        long seen = 0, hits = 0;
        var binCount = new long[Metrics.CalibrationBins];
        var binPredicted = new double[Metrics.CalibrationBins];
        var binObserved = new double[Metrics.CalibrationBins];
        var topHits = new long[ks.Count];
        foreach (var i in descending)
        {
            var w = W(i);
            if (w == 0)
            {
                continue;
            }

            for (var c = 0; c < w; c++)
            {
                seen++;
                if (outcome[i])
                {
                    hits++;
                    precisionSum += hits / (double)seen;
                }

                for (var k = 0; k < ks.Count; k++)
                {
                    topHits[k] += seen <= ks[k] && outcome[i] ? 1 : 0;
                }
            }

            var bin = Math.Min(Metrics.CalibrationBins - 1, (int)(predicted[i] * Metrics.CalibrationBins));
            binCount[bin] += w;
            binPredicted[bin] += predicted[i] * w;
            binObserved[bin] += outcome[i] ? w : 0;
        }

        double ece = 0;
        for (var b = 0; b < Metrics.CalibrationBins; b++)
        {
            if (binCount[b] > 0)
            {
                ece += Math.Abs((binPredicted[b] / binCount[b]) - (binObserved[b] / binCount[b])) * binCount[b] / total;
            }
        }

        var top = ks.Select((kk, k) =>
        {
            var flagged = Math.Min(kk, total);
            return (flagged == 0 ? double.NaN : topHits[k] / (double)flagged, positives == 0 ? double.NaN : topHits[k] / (double)positives);
        }).ToArray();
        return new WeightedFigures(auc, positives == 0 ? double.NaN : precisionSum / positives, ece, top);
    }

    public static PrecisionRecall AtThreshold(string name, double threshold, IReadOnlyList<double> predicted, IReadOnlyList<bool> outcome)
    {
        var flagged = Enumerable.Range(0, predicted.Count).Where(i => predicted[i] >= threshold).ToList();
        return Summarise(name, flagged, outcome);
    }

    /// <summary>Flags the k riskiest families (ties broken by order, so exactly k are flagged).</summary>
    public static PrecisionRecall TopK(string name, int k, IReadOnlyList<double> predicted, IReadOnlyList<bool> outcome)
    {
        var (precision, recall) = Weighted(predicted, outcome, Descending(predicted), null, [k]).TopK[0];
        return new PrecisionRecall(name, Math.Min(k, predicted.Count), precision, recall);
    }

    private static PrecisionRecall Summarise(string name, List<int> flagged, IReadOnlyList<bool> outcome)
    {
        var truePositives = flagged.Count(i => outcome[i]);
        var positives = outcome.Count(o => o);
        return new PrecisionRecall(name, flagged.Count,
            flagged.Count == 0 ? double.NaN : truePositives / (double)flagged.Count,
            positives == 0 ? double.NaN : truePositives / (double)positives);
    }
}
