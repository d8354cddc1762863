namespace RiskFlags.Training;

/// <summary>
/// Percentile bootstrap of the evaluation's figures: families drawn with replacement, seeded, each
/// resample's AUC, average precision, calibration error and precision/recall at k computed as
/// <see cref="Metrics"/> defines them. A resample is the original families with a count each, so the
/// families are sorted once and each resample is one pass in that order: a family drawn twice sits
/// twice in the same place, which is where a sort of the resample would put it.
/// </summary>
public static class Bootstrap
{
    public const int DefaultResamples = 1000;

    public static BootstrapIntervals Intervals(IReadOnlyList<double> predicted, IReadOnlyList<bool> outcome, IReadOnlyList<(string At, int K)> topK, int seed, int resamples = DefaultResamples)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(resamples);
        var n = predicted.Count;
        var descending = Enumerable.Range(0, n).OrderByDescending(i => predicted[i]).ThenBy(i => i).ToArray();
        var random = new Random(seed);
        var weights = new int[n];
        var auc = new double[resamples];
        var auprc = new double[resamples];
        var ece = new double[resamples];
        var precision = topK.Select(_ => new double[resamples]).ToArray();
        var recall = topK.Select(_ => new double[resamples]).ToArray();
        for (var r = 0; r < resamples; r++)
        {
            Array.Clear(weights);
            for (var i = 0; i < n; i++)
            {
                weights[random.Next(n)]++;
            }

            var figures = Figures(predicted, outcome, descending, weights, topK);
            (auc[r], auprc[r], ece[r]) = (figures.Auc, figures.Auprc, figures.Ece);
            for (var k = 0; k < topK.Count; k++)
            {
                (precision[k][r], recall[k][r]) = figures.TopK[k];
            }
        }

        return new BootstrapIntervals(resamples, seed, Percentiles(auc), Percentiles(auprc), Percentiles(ece),
            [.. topK.Select((t, k) => new TopKIntervals(t.At, t.K, Percentiles(precision[k]), Percentiles(recall[k])))]);
    }

    /// <summary>The figures of one weighted draw; with every weight 1 they are exactly <see cref="Metrics"/>' (tested).</summary>
    public static (double Auc, double Auprc, double Ece, (double Precision, double Recall)[] TopK) Figures(
        IReadOnlyList<double> predicted, IReadOnlyList<bool> outcome, int[] descending, int[] weights, IReadOnlyList<(string At, int K)> topK)
    {
        long positives = 0, total = 0;
        foreach (var i in descending)
        {
            total += weights[i];
            positives += outcome[i] ? weights[i] : 0;
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
                    groupPositives += weights[i];
                }
                else
                {
                    groupNegatives += weights[i];
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
        var topHits = new long[topK.Count];
        foreach (var i in descending)
        {
            var w = weights[i];
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

                for (var k = 0; k < topK.Count; k++)
                {
                    topHits[k] += seen <= topK[k].K && outcome[i] ? 1 : 0;
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

        var top = topK.Select((t, k) =>
        {
            var flagged = Math.Min(t.K, total);
            return (flagged == 0 ? double.NaN : topHits[k] / (double)flagged, positives == 0 ? double.NaN : topHits[k] / (double)positives);
        }).ToArray();
        return (auc, positives == 0 ? double.NaN : precisionSum / positives, ece, top);
    }

    /// <summary>The 2.5th and 97.5th percentiles of the defined values (NaN when fewer than 95% of resamples define it).</summary>
    internal static Interval Percentiles(double[] values)
    {
        var defined = values.Where(double.IsFinite).Order().ToArray();
        if (defined.Length < values.Length * 0.95)
        {
            return new Interval(double.NaN, double.NaN);
        }

        double At(double q)
        {
            var position = q * (defined.Length - 1);
            var low = (int)Math.Floor(position);
            var high = Math.Min(defined.Length - 1, low + 1);
            return defined[low] + ((position - low) * (defined[high] - defined[low]));
        }

        return new Interval(At(0.025), At(0.975));
    }
}
