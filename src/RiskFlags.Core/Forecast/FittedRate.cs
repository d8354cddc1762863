using RiskFlags.Core.Facts;

namespace RiskFlags.Core.Forecast;

/// <summary>
/// The looked-after rate per 10,000 children at each 31 March of the store's own care episodes, and
/// the report's kind of trend fitted to it by least squares: intercept + slope x ln(year - origin),
/// with origin the year before the first counted. Unaccompanied asylum-seeking children are counted
/// apart, as the report does (the scenario adds them as a number), so the rate is the non-UASC rate;
/// short breaks never reach the store (the converters leave them out).
/// </summary>
public sealed record FittedRate(IReadOnlyList<RatePoint> Points, double Intercept, double Slope, int Origin)
{
    public RateTrend Trend => new() { Kind = RateKind.Logarithmic, Intercept = Intercept, Slope = Slope, Origin = Origin };

    /// <summary>The root mean square of the residuals, per 10,000.</summary>
    public double ResidualError => Math.Sqrt(Points.Average(p => p.Residual * p.Residual));

    /// <exception cref="ForecastException">A date's year is not in the population series.</exception>
    public static FittedRate Fit(IReadOnlyList<FamilyHistory> families, IReadOnlyList<DateOnly> dates, PopulationSeries population)
    {
        // 31 Marches before the records begin count no one: they are not a rate of zero.
        var counted = dates.Select(d => (AsOf: d, Count: LookedAfterAt(families, d), Population: population.In(d.Year)))
            .SkipWhile(c => c.Count == 0).ToList();
        if (counted.Count < 2)
        {
            throw new ForecastException($"fewer than two 31 Marches with children looked after ({dates.Count} looked at): too few to fit a trend");
        }

        var origin = counted[0].AsOf.Year - 1;
        var xs = counted.Select(c => Math.Log(c.AsOf.Year - origin)).ToArray();
        var ys = counted.Select(c => c.Count / c.Population * 10_000).ToArray();
        var xMean = xs.Average();
        var yMean = ys.Average();
        var sxx = xs.Sum(x => (x - xMean) * (x - xMean));
        var slope = sxx > 0 ? xs.Zip(ys).Sum(p => (p.First - xMean) * (p.Second - yMean)) / sxx : 0;
        var intercept = yMean - (slope * xMean);
        var points = counted.Select((c, i) => new RatePoint(c.AsOf, c.Count, c.Population, ys[i], intercept + (slope * xs[i]), ys[i] - (intercept + (slope * xs[i])))).ToList();
        return new FittedRate(points, intercept, slope, origin);
    }

    /// <summary>Children other than unaccompanied asylum seekers with a care episode open on the date, each once however many families hold them.</summary>
    public static int LookedAfterAt(IEnumerable<FamilyHistory> families, DateOnly date)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var family in families)
        {
            foreach (var child in family.Children)
            {
                if (!child.Person.Uasc && FamilyFactsBuilder.IsLookedAfter(child, date))
                {
                    seen.Add(child.Person.PersonId);
                }
            }
        }

        return seen.Count;
    }
}
