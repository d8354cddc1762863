namespace RiskFlags.Training;

/// <summary>
/// Percentile bootstrap of the evaluation's figures: families drawn with replacement, seeded, each
/// resample's AUC, average precision, calibration error and precision/recall at k computed by
/// <see cref="Metrics.Weighted"/>, the one definition of them. A resample is the original families with a
/// count each, so the families are sorted once and each resample is one pass in that order.
/// </summary>
public static class Bootstrap
{
    public const int DefaultResamples = 1000;

    public static BootstrapIntervals Intervals(IReadOnlyList<double> predicted, IReadOnlyList<bool> outcome, IReadOnlyList<(string At, int K)> topK, int seed, int resamples = DefaultResamples)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(resamples);
        var n = predicted.Count;
        var descending = Metrics.Descending(predicted);
        var ks = topK.Select(t => t.K).ToArray();
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

            var figures = Metrics.Weighted(predicted, outcome, descending, weights, ks);
            (auc[r], auprc[r], ece[r]) = (figures.Auc, figures.Auprc, figures.Ece);
            for (var k = 0; k < topK.Count; k++)
            {
                (precision[k][r], recall[k][r]) = figures.TopK[k];
            }
        }

        return new BootstrapIntervals(resamples, seed, Percentiles(auc), Percentiles(auprc), Percentiles(ece),
            [.. topK.Select((t, k) => new TopKIntervals(t.At, t.K, Percentiles(precision[k]), Percentiles(recall[k])))]);
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
