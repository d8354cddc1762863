using RiskFlags.Core.Forecast;

namespace RiskFlags.Core.Tests.Forecast;

/// <summary>Next years' demand: the past counts' straight line, scaled by population growth, with a prediction interval.</summary>
public sealed class ProgrammeDemandForecastTests
{
    private static readonly DateOnly March2022 = new(2022, 3, 31);

    private static (DateOnly, int)[] Counts(params int[] demand) => [.. demand.Select((d, i) => (March2022.AddYears(i), d))];

    [Fact]
    public void Counts_on_a_straight_line_project_along_it_with_no_width()
    {
        var forecast = ProgrammeDemandForecast.Project("steps", Counts(100, 110, 120, 130), 2, _ => 1);

        Assert.Equal([140.0, 150.0], forecast.Points.Where(p => p.Projected).Select(p => Math.Round(p.Demand, 9)));
        Assert.Equal(new DateOnly(2026, 3, 31), forecast.NextYear!.AsOf);
        Assert.Equal(140, forecast.NextYear.Low!.Value, 9);
        Assert.Equal(140, forecast.NextYear.High!.Value, 9);
    }

    [Fact]
    public void Population_growth_scales_the_line_and_scatter_widens_the_interval_further_out()
    {
        var forecast = ProgrammeDemandForecast.Project("steps", Counts(100, 130, 110, 140, 120), 3, year => year == 2027 ? 1.1 : 1);

        var projected = forecast.Points.Where(p => p.Projected).ToList();
        // Least squares through (0,100) (1,130) (2,110) (3,140) (4,120): 110 + 5x; at x = 5, 135, times 1.1.
        Assert.Equal(135 * 1.1, projected[0].Demand, 9);
        Assert.All(projected, p => Assert.True(p.Low < p.Demand && p.Demand < p.High));
        Assert.True(projected[2].High - projected[2].Low > (projected[1].High - projected[1].Low) / 1.1);
    }

    [Fact]
    public void Two_counts_give_a_line_without_an_interval_and_one_a_flat_projection()
    {
        var two = ProgrammeDemandForecast.Project("pause", Counts(10, 14), 1, _ => 1);
        var one = ProgrammeDemandForecast.Project("pause", Counts(12), 2, _ => 1);

        Assert.Equal(18, two.NextYear!.Demand, 9);
        Assert.Null(two.NextYear.Low);
        Assert.Equal([12.0, 12.0], one.Points.Where(p => p.Projected).Select(p => p.Demand));
    }

    [Fact]
    public void Demand_never_projects_below_zero()
    {
        var forecast = ProgrammeDemandForecast.Project("triple_p", Counts(9, 6, 3), 3, _ => 1);

        Assert.All(forecast.Points.Where(p => p.Projected), p => Assert.True(p.Demand >= 0 && p.Low >= 0));
    }

    [Theory]
    [InlineData("2025-03-31", "2021-03-31", "2025-03-31")]
    [InlineData("2025-03-30", "2020-03-31", "2024-03-31")]
    [InlineData("2025-06-10", "2021-03-31", "2025-03-31")]
    public void The_dates_counted_are_the_last_31_marches_the_data_reach(string end, string first, string last)
    {
        var dates = DemandHistory.Dates(DateOnly.Parse(end, System.Globalization.CultureInfo.InvariantCulture), 5);

        Assert.Equal((DateOnly.Parse(first, System.Globalization.CultureInfo.InvariantCulture), DateOnly.Parse(last, System.Globalization.CultureInfo.InvariantCulture)), (dates[0], dates[^1]));
    }
}
