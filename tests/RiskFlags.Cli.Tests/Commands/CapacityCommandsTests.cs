using RiskFlags.Cli.Tests.Support;
using System.Text.Json;

namespace RiskFlags.Cli.Tests.Commands;

public sealed class CapacityCommandsTests : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public async Task Impact_reproduces_table_7_for_edge_of_care()
    {
        var run = await CliRun.RunAsync("impact", "--programme", "edge_of_care", "--places", "135.5", "--json");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("cost                     £309,618", run.Out);
        Assert.Contains("net savings              £1,225,153", run.Out);
        Assert.Contains("directly cashable        £649,331 (53% of net)", run.Out);
        Assert.Contains("cost-neutral at          4.37 care entries prevented (3.2% of families served)", run.Out);
        using var json = JsonDocument.Parse(run.LastLine);
        Assert.Equal(1_534_771, Math.Round(json.RootElement.GetProperty("gross_savings").GetDouble()));
        Assert.Equal(21.68, json.RootElement.GetProperty("care_entries_prevented").GetDouble(), 6);
    }

    [Fact]
    public async Task Impact_reproduces_table_6_and_table_5_within_the_reports_rounding()
    {
        var steps = await CliRun.RunAsync("impact", "--programme", "steps", "--places", "60");
        var perpetrators = await CliRun.RunAsync("impact", "--programme", "dv_perpetrator", "--places", "10");
        var parenting = await CliRun.RunAsync("impact", "--programme", "sfsc", "--places", "135");

        Assert.Contains("incidents averted        144", steps.Out);
        Assert.Contains("cost                     £37,080", steps.Out);
        Assert.Contains("net savings              £133,272", steps.Out);
        Assert.Contains("net savings              -£7,523", perpetrators.Out);
        Assert.Contains("cost                     £237,162", parenting.Out);
        Assert.Contains("cost-neutral at          3.35 care entries prevented", parenting.Out);
    }

    [Theory]
    [InlineData("yoga", "5", "--programme: 'yoga' is not one of")]
    [InlineData("substance_outreach", "5", "--programme: programme substance_outreach has no unit cost yet")]
    [InlineData("steps", "-3", "--places must be between 0 and 100,000")]
    public async Task Impact_names_what_is_wrong(string programme, string places, string message)
    {
        var run = await CliRun.RunAsync("impact", "--programme", programme, "--places", places);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(message, run.Error);
    }

    [Fact]
    public async Task Capacity_with_next_year_gives_each_programme_the_places_demand_projects_for_next_year()
    {
        var data = folder.File("demo");
        var db = $"Data Source={folder.File("store.db")}";
        await CliRun.RunAsync("demo-data", "--out", data, "--families", "1500", "--seed", "4");
        await CliRun.RunAsync("import", data, "--db", db);

        var capacity = await CliRun.RunAsync("capacity", "--db", db, "--next-year", "--json");
        var demand = await CliRun.RunAsync("demand", "--db", db, "--years", "1", "--json");

        Assert.Equal(0, capacity.ExitCode);
        using var gaps = JsonDocument.Parse(capacity.LastLine);
        using var projected = JsonDocument.Parse(demand.LastLine);
        var expected = projected.RootElement.GetProperty("programmes").EnumerateArray().ToDictionary(p => p.GetProperty("id").GetString()!, p => p.GetProperty("next_year").GetDouble());
        var programmes = gaps.RootElement.GetProperty("programmes").EnumerateArray().ToList();
        Assert.Equal(8, programmes.Count);
        Assert.All(programmes, p =>
        {
            var next = p.GetProperty("places_needed_next_year");
            Assert.Equal("2026-03-31", next.GetProperty("as_of").GetString());
            Assert.Equal(expected[p.GetProperty("id").GetString()!], next.GetProperty("demand").GetDouble(), 9);
        });
        Assert.Contains("places needed next year (2026)", capacity.Out);
    }

    [Fact]
    public async Task Capacity_prints_every_programme_from_the_store()
    {
        var data = folder.File("demo");
        var db = $"Data Source={folder.File("store.db")}";
        await CliRun.RunAsync("demo-data", "--out", data, "--families", "1500", "--seed", "4");
        await CliRun.RunAsync("import", data, "--db", db);

        var run = await CliRun.RunAsync("capacity", "--db", db, "--json");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Capacity as of 2025-03-31", run.Out);
        using var json = JsonDocument.Parse(run.LastLine);
        var gaps = json.RootElement.GetProperty("programmes").EnumerateArray().ToList();
        Assert.Equal(8, gaps.Count);
        Assert.True(json.RootElement.GetProperty("flagged").GetInt32() <= json.RootElement.GetProperty("cohort").GetInt32());
        var outreach = gaps.Single(g => g.GetProperty("id").GetString() == "substance_outreach");
        Assert.Equal(0, outreach.GetProperty("places").GetDouble());
        Assert.True(outreach.GetProperty("demand").GetInt32() > 0);
        // More places than demand reads as spare places, not a negative gap.
        var spare = gaps.Where(g => g.GetProperty("gap").GetDouble() < 0).ToList();
        Assert.NotEmpty(spare);
        Assert.All(spare, g => Assert.Matches(
            $@"^{g.GetProperty("id").GetString()} .* {-g.GetProperty("gap").GetDouble()} spare ", run.Out.Split('\n').Single(l => l.StartsWith(g.GetProperty("id").GetString() + " ", StringComparison.Ordinal))));
        Assert.All(gaps, g =>
        {
            // Offers never exceed the free places; the marginal curve never rises past the enrolled families.
            var free = Math.Max(0, (int)Math.Floor(g.GetProperty("places").GetDouble()) - g.GetProperty("enrolled").GetInt32());
            Assert.True(g.GetProperty("offers").GetArrayLength() <= free);
            var savings = g.GetProperty("marginal").EnumerateArray().Where(m => !m.GetProperty("enrolled").GetBoolean())
                .Select(m => m.GetProperty("expected_saving")).Where(v => v.ValueKind == JsonValueKind.Number).Select(v => v.GetDouble()).ToList();
            Assert.All(savings.Zip(savings.Skip(1)), pair => Assert.True(pair.First >= pair.Second - 1e-9));
        });
        var edge = gaps.Single(g => g.GetProperty("id").GetString() == "edge_of_care");
        Assert.Equal(edge.GetProperty("demand").GetInt32() - edge.GetProperty("enrolled").GetInt32() - edge.GetProperty("waiting").GetInt32(),
            edge.GetProperty("marginal").GetArrayLength() - edge.GetProperty("waiting").GetInt32() - edge.GetProperty("enrolled").GetInt32());
        Assert.Equal(JsonValueKind.Number, edge.GetProperty("optimal_places").ValueKind);
    }
}
