namespace RiskFlags.Core.Forecast;

/// <summary>
/// One of the report's forecasting scenarios (001, table 10), every input editable: the child
/// population series (a CSV of year,population beside forecast.json), the non-UASC rate, UASC held
/// constant, weeks of care a year per child, the weekly placement cost, and non-placement costs as a
/// share of the total or fixed in pounds.
/// </summary>
public sealed record ForecastScenario
{
    public required string Name { get; init; }

    public required string Description { get; init; }

    /// <summary>The population CSV, relative to forecast.json's folder.</summary>
    public required string Population { get; init; }

    public required RateTrend Rate { get; init; }

    public required double Uasc { get; init; }

    public required double WeeksOfCare { get; init; }

    public required double WeeklyPlacementCost { get; init; }

    /// <summary>Non-placement costs as a share of total looked-after spend (0.47 in the report); or null with <see cref="NonPlacementFixed"/>.</summary>
    public double? NonPlacementShare { get; init; }

    /// <summary>Non-placement costs in pounds a year, whatever the numbers (Falling LAC holds them at 2017's £10.54m).</summary>
    public double? NonPlacementFixed { get; init; }
}
