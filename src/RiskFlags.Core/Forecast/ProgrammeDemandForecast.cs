namespace RiskFlags.Core.Forecast;

/// <summary>
/// A programme's flagged demand at each past 31 March and a projection of the next years: the straight
/// line through the past counts (least squares), scaled by the child population's growth from the last
/// counted year, with a 95% prediction interval from the line's residuals. Two counts give a line with
/// no interval; one gives a flat projection.
/// </summary>
public sealed record ProgrammeDemandForecast(string Programme, IReadOnlyList<DemandPoint> Points)
{
    public IEnumerable<DemandPoint> History => Points.Where(p => !p.Projected);

    /// <summary>The first projected year: "places needed next year".</summary>
    public DemandPoint? NextYear => Points.FirstOrDefault(p => p.Projected);

    /// <param name="history">Flagged demand at each 31 March, oldest first.</param>
    /// <param name="growth">The child population in a year over that of the last counted year (1 when unknown).</param>
    public static ProgrammeDemandForecast Project(string programme, IReadOnlyList<(DateOnly AsOf, int Demand)> history, int years, Func<int, double> growth)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(years);
        var points = history.Select(h => new DemandPoint(h.AsOf, h.Demand, false, null, null)).ToList();
        if (history.Count == 0)
        {
            return new ProgrammeDemandForecast(programme, points);
        }

        var n = history.Count;
        var xs = history.Select((_, i) => (double)i).ToArray();
        var ys = history.Select(h => (double)h.Demand).ToArray();
        var xMean = xs.Average();
        var yMean = ys.Average();
        var sxx = xs.Sum(x => (x - xMean) * (x - xMean));
        var slope = sxx > 0 ? xs.Zip(ys).Sum(p => (p.First - xMean) * (p.Second - yMean)) / sxx : 0;
        var intercept = yMean - (slope * xMean);
        // The residuals' standard error needs a degree of freedom beyond the line's two.
        double? se = n > 2 ? Math.Sqrt(xs.Zip(ys).Sum(p => Math.Pow(p.Second - (intercept + (slope * p.First)), 2)) / (n - 2)) : null;
        var last = history[^1].AsOf;
        for (var k = 1; k <= years; k++)
        {
            var x = n - 1 + k;
            var scale = growth(last.Year + k);
            var central = Math.Max(0, (intercept + (slope * x)) * scale);
            double? low = null, high = null;
            if (se is { } s)
            {
                var half = StudentT95(n - 2) * s * Math.Sqrt(1 + (1.0 / n) + (Math.Pow(x - xMean, 2) / sxx)) * scale;
                (low, high) = (Math.Max(0, central - half), central + half);
            }

            points.Add(new DemandPoint(last.AddYears(k), central, true, low, high));
        }

        return new ProgrammeDemandForecast(programme, points);
    }

    /// <summary>The two-sided 95% point of Student's t, for the few degrees of freedom a handful of years gives.</summary>
    private static double StudentT95(int degrees) => degrees switch
    {
        1 => 12.706, 2 => 4.303, 3 => 3.182, 4 => 2.776, 5 => 2.571, 6 => 2.447, 7 => 2.365, 8 => 2.306, 9 => 2.262, 10 => 2.228,
        _ => degrees <= 20 ? 2.086 : degrees <= 30 ? 2.042 : 1.96,
    };
}
