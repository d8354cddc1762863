using RiskFlags.Core.Facts;

namespace RiskFlags.Core.Forecast;

/// <summary>
/// A council's forecast from its own history: the non-UASC rate's trend fitted to the store's care
/// episodes at the last ten 31 Marches the population series covers, run as a scenario that starts
/// from the last counted year with the template scenario's other inputs (Rising LAC's by default).
/// </summary>
public sealed record FittedScenario(FittedRate Fit, ForecastScenario Scenario, int StartYear, IReadOnlyList<ForecastYear> Years)
{
    public const string Name = "Fitted from the store";

    /// <param name="template">The scenario whose inputs other than the rate are kept.</param>
    /// <param name="source">The store, as its description names it (never a secret).</param>
    /// <exception cref="ForecastException">The data hold no events, or fewer than two of their 31 Marches are in the population series.</exception>
    public static FittedScenario From(IReadOnlyList<FamilyHistory> families, DateOnly? dataEnd, ForecastScenario template, PopulationSeries population, string source, int years)
    {
        var end = dataEnd ?? throw new ForecastException("the store holds no events, so there is no 31 March to count at");
        var dates = DemandHistory.Dates(end, 10).Where(d => d.Year >= population.FirstYear && d.Year <= population.LastYear).ToList();
        if (dates.Count < 2)
        {
            throw new ForecastException($"fewer than two 31 Marches of the store are in the population series ({population.FirstYear}-{population.LastYear})");
        }

        var fit = FittedRate.Fit(families, dates, population);
        var scenario = template with
        {
            Name = Name,
            Description = $"{template.Description.Split(';')[0]}; the non-UASC rate's logarithmic trend fitted to {source} at {fit.Points.Count} 31 Marches.",
            Rate = fit.Trend,
        };
        var start = dates[^1].Year;
        return new FittedScenario(fit, scenario, start, LookedAfterForecast.Run(scenario, population, start, years));
    }
}
