using RiskFlags.Cli.Tests.Support;
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

    public void Dispose() => folder.Dispose();
}
