using RiskFlags.Core.Contract;
using RiskFlags.Core.Forecast;

namespace RiskFlags.Server.Services;

/// <summary>A forecast scenario and its years, as the API carries them.</summary>
public static class ForecastMapping
{
    public static V1.ForecastScenario ToMessage(ForecastScenario s, IReadOnlyList<ForecastYear> years)
    {
        var m = new V1.ForecastScenario
        {
            Name = s.Name, Description = s.Description, Population = s.Population, Rate = s.Rate.Describe(), Uasc = s.Uasc,
            WeeksOfCare = s.WeeksOfCare, WeeklyPlacementCost = s.WeeklyPlacementCost, NonPlacementShare = s.NonPlacementShare, NonPlacementFixed = s.NonPlacementFixed,
        };
        m.Years.Add(years.Select(y => new V1.ForecastYear
        {
            Year = y.Year, ChildPopulation = y.ChildPopulation, Rate = y.Rate, LookedAfter = y.LookedAfter, WeeksOfCare = y.WeeksOfCare,
            PlacementCost = y.PlacementCost, NonPlacementCost = y.NonPlacementCost, TotalCost = y.TotalCost, Change = y.LookedAfterChange, CostChange = y.CostChange,
        }));
        return m;
    }

    public static V1.StoreFit ToMessage(FittedRate fit)
    {
        var message = new V1.StoreFit { Trend = fit.Trend.Describe(), ResidualError = fit.ResidualError };
        message.Points.Add(fit.Points.Select(p => new V1.FittedPoint
        {
            AsOf = ContractFields.Iso(p.AsOf), LookedAfter = p.LookedAfter, ChildPopulation = p.ChildPopulation, Rate = p.Rate, Fitted = p.Fitted, Residual = p.Residual,
        }));
        return message;
    }
}
