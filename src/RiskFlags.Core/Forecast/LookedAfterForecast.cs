namespace RiskFlags.Core.Forecast;

/// <summary>
/// The report's forecasting model (001, section 1.3 and appendix 1): looked-after children = child
/// population x the non-UASC rate per 10,000 + UASC; weeks of care x the weekly placement cost is the
/// placement cost; non-placement costs are a fixed share of the total (so placement / (1 - share) is
/// the total) or a fixed sum.
/// </summary>
public static class LookedAfterForecast
{
    /// <param name="population">Child population (0-17) by year; every year from the base year to the last must be there.</param>
    /// <param name="years">Years after the base year.</param>
    public static IReadOnlyList<ForecastYear> Run(ForecastScenario scenario, PopulationSeries population, int baseYear, int years)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(years);
        var rows = new List<ForecastYear>(years + 1);
        for (var year = baseYear; year <= baseYear + years; year++)
        {
            var children = population.In(year);
            var rate = scenario.Rate.At(year, baseYear);
            var lookedAfter = (children * rate / 10_000) + scenario.Uasc;
            var weeks = lookedAfter * scenario.WeeksOfCare;
            var placement = weeks * scenario.WeeklyPlacementCost;
            var nonPlacement = scenario.NonPlacementFixed ?? placement * scenario.NonPlacementShare!.Value / (1 - scenario.NonPlacementShare.Value);
            var total = placement + nonPlacement;
            var first = rows.Count > 0 ? rows[0] : null;
            rows.Add(new ForecastYear(year, children, rate, lookedAfter, weeks, placement, nonPlacement, total,
                lookedAfter / (first?.LookedAfter ?? lookedAfter) - 1, total / (first?.TotalCost ?? total) - 1));
        }

        return rows;
    }
}
