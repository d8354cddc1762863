using RiskFlags.Cli.Tests.Support;
using System.Globalization;
using System.Text.Json;

namespace RiskFlags.Cli.Tests.Commands;

/// <summary>riskflags forecast: every scenario with its inputs, as text and as one JSON line; a bad population file refused naming its line.</summary>
public sealed class ForecastCommandTests : IDisposable
{
    private readonly TempFolder folder = new();

    [Fact]
    public async Task All_scenarios_for_ten_years_reproduce_the_report_and_say_what_each_used()
    {
        var run = await CliRun.RunAsync("forecast", "--scenario", "all", "--years", "10", "--json");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("inputs: population from population-shma.csv; non-UASC rate 49.1 + 8.68 ln(year - 2010) per 10,000; UASC 38; 35 weeks of care a year at £1,072 a week; non-placement 47% of the total", run.Out);
        Assert.Contains("non-placement £10,540,000 a year", run.Out);
        using var json = JsonDocument.Parse(run.LastLine);
        var scenarios = json.RootElement.GetProperty("scenarios").EnumerateArray().ToList();
        Assert.Equal(["Baseline ONS", "Population growth only", "Rising LAC", "Falling LAC"], scenarios.Select(s => s.GetProperty("name").GetString()));
        Assert.All(scenarios, s => Assert.Equal(11, s.GetProperty("years").GetArrayLength()));
        var rising = scenarios[2].GetProperty("years").EnumerateArray().ToList();
        Assert.Equal(2017, rising[0].GetProperty("year").GetInt32());
        Assert.InRange(rising[10].GetProperty("change").GetDouble(), 0.26, 0.28);
        Assert.InRange(rising[10].GetProperty("total_cost").GetDouble() - rising[0].GetProperty("total_cost").GetDouble(), 5.5e6, 6.2e6);
        Assert.Equal("logarithmic", scenarios[2].GetProperty("inputs").GetProperty("rate").GetProperty("kind").GetString(), ignoreCase: true);
    }

    [Fact]
    public async Task A_councils_own_population_file_is_used_for_every_scenario_and_a_bad_one_is_refused_naming_the_line()
    {
        File.WriteAllText(folder.File("mine.csv"), "year,population\n" + string.Join("\n", Enumerable.Range(2017, 4).Select(y => $"{y},50000")));
        File.WriteAllText(folder.File("bad.csv"), "year,population\n2017,50000\n2018,lots\n");

        var mine = await CliRun.RunAsync("forecast", "--scenario", "Population growth only", "--years", "3", "--population", folder.File("mine.csv"), "--json");
        var bad = await CliRun.RunAsync("forecast", "--population", folder.File("bad.csv"));
        var unknown = await CliRun.RunAsync("forecast", "--scenario", "Sideways");

        Assert.Equal(0, mine.ExitCode);
        using var json = JsonDocument.Parse(mine.LastLine);
        var years = json.RootElement.GetProperty("scenarios")[0].GetProperty("years").EnumerateArray().ToList();
        Assert.All(years, y => Assert.Equal(50_000 * 66 / 10_000.0 + 38, y.GetProperty("looked_after").GetDouble(), 6));
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("--population: bad.csv:3: population 'lots' is not a positive number", bad.Error);
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("--scenario: 'Sideways' is not one of all, Baseline ONS, Population growth only, Rising LAC, Falling LAC", unknown.Error);
    }

    [Fact]
    public async Task With_a_store_the_rate_is_fitted_to_its_own_care_episodes_and_forecast_from()
    {
        var data = folder.File("demo");
        var db = $"Data Source={folder.File("store.db")}";
        await CliRun.RunAsync("demo-data", "--out", data, "--families", "1500", "--seed", "6");
        await CliRun.RunAsync("import", data, "--db", db);

        var run = await CliRun.RunAsync("forecast", "--scenario", "Rising LAC", "--years", "5", "--db", db, "--json");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("The store's own non-UASC rate per 10,000: fitted", run.Out);
        using var json = JsonDocument.Parse(run.LastLine);
        var fit = json.RootElement.GetProperty("fitted_rate");
        var points = fit.GetProperty("points").EnumerateArray().ToList();
        Assert.True(points.Count >= 2);
        Assert.All(points, p => Assert.Equal(p.GetProperty("looked_after").GetInt32() / p.GetProperty("child_population").GetDouble() * 10_000, p.GetProperty("rate").GetDouble(), 9));
        // Least squares with an intercept: the residuals cancel out.
        Assert.Equal(0, points.Sum(p => p.GetProperty("residual").GetDouble()), 6);
        // Children looked after at the last 31 March, counted straight from events.csv.
        var last = DateOnly.ParseExact(points[^1].GetProperty("as_of").GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var children = File.ReadLines(Path.Combine(data, "people.csv")).Skip(1).Select(l => l.Split(',')).Where(p => p[2] == "child").Select(p => p[0]).ToHashSet();
        var open = File.ReadLines(Path.Combine(data, "events.csv")).Skip(1).Select(l => l.Split(','))
            .Where(e => e[4] == "care_episode" && children.Contains(e[1]) && DateOnly.Parse(e[2], CultureInfo.InvariantCulture) <= last
                && (e[5] == "" || DateOnly.Parse(e[5], CultureInfo.InvariantCulture) > last))
            .Select(e => e[1]).Distinct().Count();
        Assert.Equal(open, points[^1].GetProperty("looked_after").GetInt32());
        var scenarios = json.RootElement.GetProperty("scenarios").EnumerateArray().ToList();
        Assert.Equal(["Rising LAC", "Fitted from the store"], scenarios.Select(s => s.GetProperty("name").GetString()));
        Assert.Equal(last.Year, scenarios[1].GetProperty("years")[0].GetProperty("year").GetInt32());
    }

    public void Dispose() => folder.Dispose();
}
