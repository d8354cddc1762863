namespace RiskFlags.Training;

/// <summary>The metrics of a model card and of riskflags evaluate, computed directly so each is plain to check.</summary>
public static class Metrics
{
    public const int CalibrationBins = 10;

    public static Scores Score(IReadOnlyList<double> predicted, IReadOnlyList<bool> outcome)
    {
        var positives = outcome.Count(o => o);
        return new Scores(
            predicted.Count, positives, predicted.Count == 0 ? 0 : (double)positives / predicted.Count,
            Auc(predicted, outcome), AveragePrecision(predicted, outcome), LogLoss(predicted, outcome), Brier(predicted, outcome), Ece(predicted, outcome));
    }

    /// <summary>Area under the ROC curve: the chance a random positive ranks above a random negative (ties count half).</summary>
    public static double Auc(IReadOnlyList<double> predicted, IReadOnlyList<bool> outcome)
    {
        var order = Enumerable.Range(0, predicted.Count).OrderBy(i => predicted[i]).ToArray();
        double rankSum = 0;
        long positives = 0;
        for (var start = 0; start < order.Length;)
        {
            var end = start;
            while (end + 1 < order.Length && predicted[order[end + 1]] == predicted[order[start]])
            {
                end++;
            }

            var rank = (start + end + 2) / 2.0;
            for (var i = start; i <= end; i++)
            {
                if (outcome[order[i]])
                {
                    rankSum += rank;
                    positives++;
                }
            }

            start = end + 1;
        }

        var negatives = order.Length - positives;
        return positives == 0 || negatives == 0 ? double.NaN : (rankSum - (positives * (positives + 1) / 2.0)) / (positives * (double)negatives);
    }

    /// <summary>Area under the precision-recall curve as average precision: the mean precision at each positive, riskiest first.</summary>
    public static double AveragePrecision(IReadOnlyList<double> predicted, IReadOnlyList<bool> outcome)
    {
        var order = Enumerable.Range(0, predicted.Count).OrderByDescending(i => predicted[i]).ThenBy(i => i).ToArray();
        var total = outcome.Count(o => o);
        if (total == 0)
        {
            return double.NaN;
        }

        double sum = 0;
        var hits = 0;
        for (var i = 0; i < order.Length; i++)
        {
            if (outcome[order[i]])
            {
                hits++;
                sum += hits / (double)(i + 1);
            }
        }

        return sum / total;
    }

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
    public static double Ece(IReadOnlyList<double> predicted, IReadOnlyList<bool> outcome)
    {
        var count = new int[CalibrationBins];
        var sumPredicted = new double[CalibrationBins];
        var sumObserved = new double[CalibrationBins];
        for (var i = 0; i < predicted.Count; i++)
        {
            var bin = Math.Min(CalibrationBins - 1, (int)(predicted[i] * CalibrationBins));
            count[bin]++;
            sumPredicted[bin] += predicted[i];
            sumObserved[bin] += outcome[i] ? 1 : 0;
        }

        double ece = 0;
        for (var b = 0; b < CalibrationBins; b++)
        {
            if (count[b] > 0)
            {
                ece += Math.Abs((sumPredicted[b] / count[b]) - (sumObserved[b] / count[b])) * count[b] / predicted.Count;
            }
        }

        return ece;
    }

    public static PrecisionRecall AtThreshold(string name, double threshold, IReadOnlyList<double> predicted, IReadOnlyList<bool> outcome)
    {
        var flagged = Enumerable.Range(0, predicted.Count).Where(i => predicted[i] >= threshold).ToList();
        return Summarise(name, flagged, outcome);
    }

    /// <summary>Flags the k riskiest families (ties broken by order, so exactly k are flagged).</summary>
    public static PrecisionRecall TopK(string name, int k, IReadOnlyList<double> predicted, IReadOnlyList<bool> outcome)
    {
        var flagged = Enumerable.Range(0, predicted.Count).OrderByDescending(i => predicted[i]).ThenBy(i => i).Take(k).ToList();
        return Summarise(name, flagged, outcome);
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
