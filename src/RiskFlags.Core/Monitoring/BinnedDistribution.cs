namespace RiskFlags.Core.Monitoring;

/// <summary>
/// How one feature's values (or the score) were spread in the training data: up to ten bins, each a
/// value at most its upper edge (the last bin takes everything above), with the share of rows in each.
/// A feature with ten or fewer distinct values gets a bin per value; others are cut at their deciles.
/// </summary>
public sealed record BinnedDistribution(string Name, IReadOnlyList<double> UpperEdges, IReadOnlyList<double> Shares)
{
    public const int MaximumBins = 10;

    /// <summary>Shares below this count as this, so an empty bin on one side does not make the index infinite.</summary>
    public const double SmallestShare = 1e-4;

    public static BinnedDistribution Learn(string name, IReadOnlyList<double> values)
    {
        ArgumentOutOfRangeException.ThrowIfZero(values.Count);
        var sorted = values.Order().ToArray();
        var distinct = sorted.Distinct().ToArray();
        double[] edges = distinct.Length <= MaximumBins
            ? distinct[..^1]
            : [.. Enumerable.Range(1, MaximumBins - 1).Select(i => sorted[(int)((long)i * (sorted.Length - 1) / MaximumBins)]).Distinct().Where(e => e < sorted[^1])];
        var binned = new BinnedDistribution(name, edges, []);
        return binned with { Shares = binned.SharesOf(values) };
    }

    public int BinOf(double value)
    {
        for (var i = 0; i < UpperEdges.Count; i++)
        {
            if (value <= UpperEdges[i])
            {
                return i;
            }
        }

        return UpperEdges.Count;
    }

    public double[] SharesOf(IReadOnlyList<double> values)
    {
        var counts = new double[UpperEdges.Count + 1];
        foreach (var v in values)
        {
            counts[BinOf(v)]++;
        }

        return [.. counts.Select(c => values.Count == 0 ? 0 : c / values.Count)];
    }

    /// <summary>
    /// The population stability index of <paramref name="values"/> against this distribution:
    /// the sum over bins of (now - then) x ln(now / then). Under 0.1 is stable, 0.1-0.25 a moderate
    /// shift, over 0.25 a shift the model was not trained for.
    /// </summary>
    public double StabilityIndex(IReadOnlyList<double> values)
    {
        var now = SharesOf(values);
        double index = 0;
        for (var i = 0; i < now.Length; i++)
        {
            var a = Math.Max(now[i], SmallestShare);
            var e = Math.Max(Shares[i], SmallestShare);
            index += (a - e) * Math.Log(a / e);
        }

        return index;
    }
}
