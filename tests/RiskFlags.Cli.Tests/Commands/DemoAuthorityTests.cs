using System.Text.Json;
using RiskFlags.Cli.Tests.Support;

namespace RiskFlags.Cli.Tests.Commands;

/// <summary>
/// The default demo authority as a new user meets it: demo-data, import, capacity. Each programme's
/// demand sits within a factor of two of the report's yearly referrals (the shipped thresholds were
/// tuned to them), few families are flagged, and the allocation keeps to its places.
/// </summary>
public sealed class DemoAuthorityTests : IDisposable
{
    private static readonly Dictionary<string, double> ReportDemand = new()
    {
        ["edge_of_care"] = 135, ["pause"] = 12.5, ["sfsc"] = 252, ["mellow_mums"] = 21, ["steps"] = 135, ["dv_perpetrator"] = 18, ["substance_outreach"] = 40,
    };

    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public async Task The_default_authoritys_demand_matches_the_reports_and_offers_keep_to_the_places()
    {
        var data = folder.File("demo");
        var db = $"Data Source={folder.File("store.db")}";
        var generated = await CliRun.RunAsync("demo-data", "--out", data, "--seed", "1");
        Assert.Equal(0, generated.ExitCode);
        Assert.DoesNotContain(" OUT ", generated.Out);
        Assert.Equal(0, (await CliRun.RunAsync("import", data, "--db", db)).ExitCode);

        var run = await CliRun.RunAsync("capacity", "--db", db, "--json");

        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.LastLine);
        var root = json.RootElement;
        Assert.True(root.GetProperty("flagged").GetInt32() <= 0.10 * root.GetProperty("cohort").GetInt32());
        foreach (var programme in root.GetProperty("programmes").EnumerateArray())
        {
            var id = programme.GetProperty("id").GetString()!;
            var demand = programme.GetProperty("demand").GetInt32();
            if (ReportDemand.TryGetValue(id, out var report))
            {
                Assert.True(demand >= report / 2 && demand <= report * 2, $"{id}: demand {demand} against the report's {report}");
            }

            var free = Math.Max(0, (int)programme.GetProperty("places").GetDouble() - programme.GetProperty("enrolled").GetInt32());
            Assert.True(programme.GetProperty("offers").GetArrayLength() <= free, $"{id}: more offers than free places");
            var savings = programme.GetProperty("marginal").EnumerateArray()
                .Skip(programme.GetProperty("enrolled").GetInt32())
                .Select(m => m.GetProperty("expected_saving"))
                .Where(s => s.ValueKind is JsonValueKind.Number)
                .Select(s => s.GetDouble())
                .ToList();
            Assert.True(savings.Zip(savings.Skip(1)).All(p => p.First >= p.Second - 1e-9), $"{id}: the marginal curve rises");
        }
    }
}
