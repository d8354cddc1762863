using System.Globalization;
using System.Text.Json;
using RiskFlags.Cli.Tests.Support;

namespace RiskFlags.Cli.Tests.Commands;

/// <summary>riskflags footprint against the same figures worked out straight from the demo's CSVs.</summary>
public sealed class FootprintCommandTests : IDisposable
{
    private readonly TempFolder folder = new();

    [Fact]
    public async Task The_agency_shares_of_a_years_care_entrants_match_a_count_from_the_csvs()
    {
        var data = folder.File("demo");
        await CliRun.RunAsync("demo-data", "--out", data, "--families", "4000", "--seed", "8");

        var run = await CliRun.RunAsync("footprint", "--year", "2024", "--data", data, "--json");

        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.LastLine);
        var root = json.RootElement;
        var (entrants, police, ae) = CountFromCsvs(data, new DateOnly(2023, 4, 1), new DateOnly(2024, 3, 31));
        Assert.True(entrants >= 10, $"{entrants} entrants: too few for the test");
        Assert.Equal(entrants, root.GetProperty("entrants").GetInt32());
        var agencies = root.GetProperty("agencies").EnumerateArray().ToDictionary(a => a.GetProperty("name").GetString()!, a => a.GetProperty("children").GetInt32());
        Assert.Equal(police, agencies["police at the home"]);
        Assert.Equal(ae, agencies["A&E attendance"]);
        var flagged = root.GetProperty("flagged_before").EnumerateArray().Select(f => f.GetProperty("share").GetDouble()).ToList();
        Assert.Equal(3, flagged.Count);
        Assert.All(flagged, share => Assert.InRange(share, 0, 1));
        Assert.Contains($"{entrants:N0} children started to be looked after from 1 April 2023 to 31 March 2024", run.Out);
    }

    [Fact]
    public async Task A_year_with_fewer_than_ten_entrants_shows_no_shares()
    {
        var data = folder.File("demo");
        await CliRun.RunAsync("demo-data", "--out", data, "--families", "4000", "--seed", "8");

        var run = await CliRun.RunAsync("footprint", "--year", "2010", "--data", data, "--json");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("too few to show shares", run.Out);
        using var json = JsonDocument.Parse(run.LastLine);
        Assert.True(json.RootElement.GetProperty("suppressed").GetBoolean());
        Assert.All(json.RootElement.GetProperty("agencies").EnumerateArray(), a => Assert.Equal(JsonValueKind.Null, a.GetProperty("share").ValueKind));
    }

    [Fact]
    public async Task Demand_gives_every_programme_five_counted_years_and_three_projected()
    {
        var data = folder.File("demo");
        await CliRun.RunAsync("demo-data", "--out", data, "--families", "1500", "--seed", "3");

        var run = await CliRun.RunAsync("demand", "--data", data, "--json");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Flagged demand at each 31 March", run.Out);
        using var json = JsonDocument.Parse(run.LastLine);
        var programmes = json.RootElement.GetProperty("programmes").EnumerateArray().ToList();
        Assert.Equal(8, programmes.Count);
        Assert.All(programmes, p =>
        {
            var points = p.GetProperty("points").EnumerateArray().ToList();
            Assert.Equal([false, false, false, false, false, true, true, true], points.Select(x => x.GetProperty("projected").GetBoolean()));
            Assert.Equal(points[5].GetProperty("demand").GetDouble(), p.GetProperty("next_year").GetDouble());
            Assert.Equal("2025-03-31", points[4].GetProperty("as_of").GetString());
        });
    }

    public void Dispose() => folder.Dispose();

    /// <summary>
    /// Independently of Core: a child's first care_episode in the period with no episode of its own open
    /// the day before; police (a domestic abuse incident or an arrest) and A&E events of anyone in its
    /// family in the 12 months up to the day before.
    /// </summary>
    private static (int Entrants, int Police, int Ae) CountFromCsvs(string folder, DateOnly from, DateOnly to)
    {
        static string[][] Rows(string path) => [.. File.ReadLines(path).Skip(1).Select(l => l.Split(','))];
        static DateOnly Date(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var people = Rows(Path.Combine(folder, "people.csv"));
        var events = Rows(Path.Combine(folder, "events.csv")).GroupBy(e => e[1]).ToDictionary(g => g.Key, g => g.ToList());
        var familyOf = people.GroupBy(p => p[0]).ToDictionary(g => g.Key, g => g.First()[1]);
        var members = people.GroupBy(p => p[1]).ToDictionary(g => g.Key, g => g.Select(p => p[0]).Distinct().ToList());
        int entrants = 0, police = 0, ae = 0;
        foreach (var child in people.Where(p => p[2] == "child").Select(p => p[0]).Distinct())
        {
            var episodes = events.GetValueOrDefault(child, []).Where(e => e[4] == "care_episode").OrderBy(e => e[2]).ToList();
            var entry = episodes.FirstOrDefault(e => Date(e[2]) >= from && Date(e[2]) <= to
                && !episodes.Any(o => Date(o[2]) <= Date(e[2]).AddDays(-1) && (o[5] == "" || Date(o[5]) > Date(e[2]).AddDays(-1))));
            if (entry is null)
            {
                continue;
            }

            entrants++;
            var dayBefore = Date(entry[2]).AddDays(-1);
            var family = members[familyOf[child]].SelectMany(m => events.GetValueOrDefault(m, []))
                .Where(e => Date(e[2]) > dayBefore.AddMonths(-12) && Date(e[2]) <= dayBefore).ToList();
            police += family.Any(e => e[3] == "police" && e[4] is "domestic_abuse_incident" or "arrest") ? 1 : 0;
            ae += family.Any(e => e[4] == "ae_attendance") ? 1 : 0;
        }

        return (entrants, police, ae);
    }
}
