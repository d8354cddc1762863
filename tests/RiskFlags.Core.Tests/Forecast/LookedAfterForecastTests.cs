using RiskFlags.Core.Forecast;

namespace RiskFlags.Core.Tests.Forecast;

/// <summary>The report's forecasting model: hand-worked arithmetic, the shipped scenarios against the report's headline figures, and refused inputs.</summary>
public sealed class LookedAfterForecastTests : IDisposable
{
    private static readonly ForecastCatalogue Shipped = ForecastCatalogue.Load(Path.Combine(RuleFolders.Shipped, ForecastCatalogue.FileName));

    private readonly TempFolder folder = new();

    private static IReadOnlyList<ForecastYear> Shipped10(string name)
    {
        var scenario = Shipped.Find(name)!;
        return LookedAfterForecast.Run(scenario, Shipped.Population(scenario), Shipped.BaseYear, 10);
    }

    [Fact]
    public void One_year_works_out_as_by_hand()
    {
        var scenario = Shipped.Find("Population growth only")! with { Population = "" };
        var rows = LookedAfterForecast.Run(scenario, new PopulationSeries([(2017, 42_000), (2018, 43_000)]), 2017, 1);

        // 42,000 x 66 / 10,000 + 38 = 315.2 children; x 35 weeks = 11,032; x £1,072 = £11,826,304; / 0.53 = the total.
        Assert.Equal(315.2, rows[0].LookedAfter, 9);
        Assert.Equal(11_032, rows[0].WeeksOfCare, 6);
        Assert.Equal(11_826_304, rows[0].PlacementCost, 3);
        Assert.Equal(11_826_304 / 0.53, rows[0].TotalCost, 3);
        Assert.Equal(11_826_304 / 0.53 * 0.47, rows[0].NonPlacementCost, 3);
        Assert.Equal((43_000 * 66 / 10_000.0 + 38) / 315.2 - 1, rows[1].LookedAfterChange, 9);
        Assert.Equal(0, rows[0].LookedAfterChange);
    }

    [Fact]
    public void The_shipped_scenarios_reproduce_the_reports_headlines()
    {
        var growth = Shipped10("Population growth only");
        var rising = Shipped10("Rising LAC");
        var falling = Shipped10("Falling LAC");
        var ons = Shipped10("Baseline ONS");

        // About 315 looked after in 2017 and non-placement costs of about £10.5m (the report: £10.54m).
        Assert.Equal(315.2, growth[0].LookedAfter, 6);
        Assert.InRange(rising[0].LookedAfter, 315.1, 315.3);
        Assert.InRange(rising[0].NonPlacementCost, 10.4e6, 10.6e6);
        // Population growth only: about 15% more children and cost in ten years (UASC constant).
        Assert.InRange(growth[10].LookedAfterChange, 0.14, 0.16);
        Assert.InRange(growth[10].CostChange, 0.14, 0.16);
        // Rising LAC: about 27% more, to about 400, nearly £6m a year more by year ten and about £4m by year five.
        Assert.InRange(rising[10].LookedAfterChange, 0.26, 0.28);
        Assert.InRange(rising[10].LookedAfter, 395, 405);
        Assert.InRange(rising[10].TotalCost - rising[0].TotalCost, 5.5e6, 6.2e6);
        Assert.InRange(rising[5].TotalCost - rising[0].TotalCost, 3.5e6, 4.3e6);
        Assert.Equal(73.7, rising[10].Rate, 1);
        // Falling LAC: the rate reaches 56 in five years and stays; non-placement costs stay at £10.54m.
        Assert.Equal(56, falling[5].Rate, 9);
        Assert.Equal(56, falling[10].Rate, 9);
        Assert.All(falling, y => Assert.Equal(10_540_000, y.NonPlacementCost));
        // ONS grows less than the SHMA.
        Assert.True(ons[10].LookedAfter < growth[10].LookedAfter);
    }

    [Theory]
    [InlineData("year,population\n2017,42000\n2019,43000\n", "population.csv:3: 2019 follows 2017: one row a year, in order, with no year missing")]
    [InlineData("year,population\n2017,-5\n", "population.csv:2: population '-5' is not a positive number")]
    [InlineData("yr,pop\n2017,42000\n", "population.csv:1: the header must be 'year,population', not 'yr,pop'")]
    [InlineData("year,population\n2017;42000\n", "population.csv:2: '2017;42000' is not a year (1900-2200) and a population")]
    public void A_bad_population_file_is_refused_naming_the_line(string text, string message)
    {
        File.WriteAllText(folder.File("population.csv"), text);

        var error = Assert.Throws<ForecastException>(() => PopulationSeries.Load(folder.File("population.csv")));

        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void A_forecast_past_the_population_series_says_which_year_is_missing()
    {
        var scenario = Shipped.Find("Rising LAC")!;

        var error = Assert.Throws<ForecastException>(() => LookedAfterForecast.Run(scenario, Shipped.Population(scenario), 2017, 40));

        Assert.Equal("population-shma.csv: no population for 2038 (the series runs 2017-2037)", error.Message);
    }

    [Fact]
    public void A_scenario_with_an_impossible_input_is_refused_naming_the_scenario_and_field()
    {
        File.WriteAllText(folder.File("forecast.json"), """
            { "baseYear": 2017, "scenarios": [
              { "name": "Odd", "description": "x", "population": "p.csv", "rate": { "kind": "logarithmic", "intercept": 49.1, "slope": 8.68, "origin": 2020 },
                "uasc": -1, "weeksOfCare": 35, "weeklyPlacementCost": 1072, "nonPlacementShare": 0.47, "nonPlacementFixed": 5 } ] }
            """);

        var error = Assert.Throws<ForecastException>(() => ForecastCatalogue.Load(folder.File("forecast.json")));

        Assert.Equal(
            "forecast.json: scenario 'Odd': rate.origin: 2020 must be before the base year 2017" + Environment.NewLine +
            "forecast.json: scenario 'Odd': uasc: must be 0 or more" + Environment.NewLine +
            "forecast.json: scenario 'Odd': give one of nonPlacementShare (a share of total spend) and nonPlacementFixed (pounds a year)",
            error.Message);
    }

    public void Dispose() => folder.Dispose();
}
