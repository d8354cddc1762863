using Grpc.Core;
using RiskFlags.Server.Tests.Support;
using RiskFlags.Server.V1;

namespace RiskFlags.Server.Tests.Services;

/// <summary>Capacity.GetForecast serves the report's scenarios from rules/forecast.json, with the inputs each used.</summary>
public sealed class ForecastTests(SharedServer server) : IClassFixture<SharedServer>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_scenario_comes_with_its_inputs_and_ten_years_by_default()
    {
        var forecast = await server.Factory.Capacity(Keys.Manager).GetForecastAsync(new GetForecastRequest(), cancellationToken: Cancel);

        Assert.Equal(2017, forecast.BaseYear);
        Assert.Equal(["Baseline ONS", "Population growth only", "Rising LAC", "Falling LAC"], forecast.Scenarios.Select(s => s.Name));
        Assert.All(forecast.Scenarios, s => Assert.Equal(11, s.Years.Count));
        var rising = forecast.Scenarios.Single(s => s.Name == "Rising LAC");
        Assert.Equal("49.1 + 8.68 ln(year - 2010) per 10,000", rising.Rate);
        Assert.InRange(rising.Years[10].Change, 0.26, 0.28);
        Assert.Equal(10_540_000, forecast.Scenarios.Single(s => s.Name == "Falling LAC").NonPlacementFixed);
    }

    [Fact]
    public async Task An_unknown_scenario_or_a_year_count_out_of_range_is_refused_naming_the_field()
    {
        var capacity = server.Factory.Capacity(Keys.Manager);

        var unknown = await Assert.ThrowsAsync<RpcException>(() => capacity.GetForecastAsync(new GetForecastRequest { Scenario = "Sideways" }, cancellationToken: Cancel).ResponseAsync);
        var tooMany = await Assert.ThrowsAsync<RpcException>(() => capacity.GetForecastAsync(new GetForecastRequest { Years = 51 }, cancellationToken: Cancel).ResponseAsync);
        var one = await capacity.GetForecastAsync(new GetForecastRequest { Scenario = "Falling LAC", Years = 3 }, cancellationToken: Cancel);

        Assert.Equal((StatusCode.NotFound, StatusCode.InvalidArgument), (unknown.StatusCode, tooMany.StatusCode));
        Assert.StartsWith("scenario: 'Sideways' is not one of Baseline ONS", unknown.Status.Detail, StringComparison.Ordinal);
        Assert.Equal("years: 51 is not between 0 and 50", tooMany.Status.Detail);
        Assert.Equal([2017, 2018, 2019, 2020], one.Scenarios.Single().Years.Select(y => y.Year));
    }

    [Fact]
    public async Task From_the_store_adds_the_fitted_scenario_with_each_31_Marchs_rate_and_residual_and_nothing_otherwise()
    {
        var capacity = server.Factory.Capacity(Keys.Manager);

        var plain = await capacity.GetForecastAsync(new GetForecastRequest { Scenario = "Rising LAC", Years = 5 }, cancellationToken: Cancel);
        var fitted = await capacity.GetForecastAsync(new GetForecastRequest { Scenario = "Rising LAC", Years = 5, FromStore = true }, cancellationToken: Cancel);

        Assert.Null(plain.StoreFit);
        Assert.Equal(["Rising LAC", "Fitted from the store"], fitted.Scenarios.Select(s => s.Name));
        var own = fitted.Scenarios[1];
        Assert.Equal(fitted.StoreFit.Trend, own.Rate);
        Assert.True(fitted.StoreFit.Points.Count >= 2);
        Assert.All(fitted.StoreFit.Points, p =>
        {
            Assert.Equal(p.LookedAfter / p.ChildPopulation * 10_000, p.Rate, 9);
            Assert.Equal(p.Rate - p.Fitted, p.Residual, 9);
        });
        // The fitted scenario starts from the last 31 March counted in the store.
        Assert.Equal(int.Parse(fitted.StoreFit.Points[^1].AsOf[..4], System.Globalization.CultureInfo.InvariantCulture), own.Years[0].Year);
        Assert.Equal(6, own.Years.Count);
    }
}
