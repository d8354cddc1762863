using System.Text.Json;
using RiskFlags.Core.Hosting;
using RiskFlags.Server.Tests.Support;
using RiskFlags.Server.V1;

namespace RiskFlags.Server.Tests.Page;

/// <summary>
/// The web page in headless Chromium (Debian's), driven by Playwright: sign in, filter the cohort,
/// read the capacity chart's figures and compare them with the API's.
/// </summary>
public sealed class BrowserTests : IDisposable
{
    private const string Chromium = "/usr/bin/chromium";
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public async Task A_manager_signs_in_filters_the_cohort_and_reads_the_capacity_chart()
    {
        var browser = Path.Combine(InstallLayout.Find().Root, "tests", "browser");
        Assert.SkipUnless(File.Exists(Chromium) && Directory.Exists(Path.Combine(browser, "node_modules", "playwright-core")),
            "the browser test needs Debian's chromium and playwright-core: apt-get install -y chromium; npm ci --prefix tests/browser (.ci/run does both)");
        await using var server = new KestrelServer(folder.File("store.db"), demoFamilies: 1500);
        Directory.CreateDirectory(folder.File("shots"));

        var (exitCode, output, error) = ExternalProcess.Run("node", $"ui.mjs {server.HttpAddress} {Keys.Manager} \"{folder.File("shots")}\" \"\" {Keys.Scientist}", browser);
        Assert.True(exitCode == 0, $"the browser script failed: {error}");

        using var json = JsonDocument.Parse(output);
        var page = json.RootElement;
        Assert.Contains("early help manager", page.GetProperty("signedIn").GetString());
        Assert.StartsWith("Demo data: these families are synthetic (riskflags demo-data", page.GetProperty("demoBanner").GetString());
        Assert.Equal(25, page.GetProperty("cohortRows").GetInt32());
        Assert.True(page.GetProperty("pauseRows").GetInt32() > 0);
        Assert.True(page.GetProperty("pauseRowsAllSuggestPause").GetBoolean());
        Assert.True(page.GetProperty("keyboardReturnedToCohort").GetBoolean());
        // A data scientist lands on the model's drift check, sees no family views, and the rows are the API's.
        var status = await new Admin.AdminClient(Grpc.Net.Client.GrpcChannel.ForAddress($"http://{server.GrpcAddress}"))
            .GetStatusAsync(new GetStatusRequest { Drift = true }, new Grpc.Core.Metadata { { "x-api-key", Keys.Scientist } }, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(new[] { status.Drift.Score }.Concat(status.Drift.Shifted).Select(f => (f.Name, f.Band)),
            page.GetProperty("drift").EnumerateArray().Select(r => (r.GetProperty("name").GetString()!, r.GetProperty("band").GetString()!)));
        Assert.Equal(["model"], page.GetProperty("scientistViews").EnumerateArray().Select(v => v.GetString()));
        Assert.StartsWith($"Model {status.Drift.ModelVersion} against {status.Drift.Families} cohort families", page.GetProperty("driftSummary").GetString());
        // Beside it, the registry: here only the shipped model, published by the system at first start, and live.
        var registry = Assert.Single(page.GetProperty("registry").EnumerateArray());
        Assert.Equal((status.ModelVersion, true, "system"), (registry.GetProperty("version").GetString(), registry.GetProperty("live").GetBoolean(), registry.GetProperty("by").GetString()));
        foreach (var shot in new[] { "cohort.png", "waiting.png", "capacity.png", "forecast.png", "model.png" })
        {
            Assert.True(new FileInfo(Path.Combine(folder.File("shots"), shot)).Length > 10_000, $"{shot} is missing or empty");
        }

        var gaps = await new Capacity.CapacityClient(Grpc.Net.Client.GrpcChannel.ForAddress($"http://{server.GrpcAddress}"))
            .GetCapacityGapsAsync(new GetCapacityGapsRequest(), new Grpc.Core.Metadata { { "x-api-key", Keys.Manager } }, cancellationToken: TestContext.Current.CancellationToken);
        var chart = page.GetProperty("chart").EnumerateArray().ToList();
        Assert.Equal(gaps.Gaps.Select(g => (g.Programme.Id, g.Places, (double)g.Demand)),
            chart.Select(c => (c.GetProperty("programme").GetString()!, c.GetProperty("places").GetDouble(), c.GetProperty("demand").GetDouble())));
        Assert.All(chart.Where(c => c.GetProperty("demand").GetDouble() > c.GetProperty("places").GetDouble()), c => Assert.True(c.GetProperty("gapDrawn").GetBoolean()));
        var gapCells = page.GetProperty("gapCells");
        Assert.Contains(gaps.Gaps, g => g.Gap < 0);
        Assert.All(gaps.Gaps, g => Assert.Equal(g.Gap < 0, gapCells.GetProperty(g.Programme.Id).GetString()!.EndsWith(" spare", StringComparison.Ordinal)));
        // The offer list and the marginal chart show what the API says, for the programme picked.
        var steps = gaps.Gaps.Single(g => g.Programme.Id == "steps");
        Assert.NotEmpty(steps.Offers);
        Assert.Equal(steps.Offers, page.GetProperty("offers").EnumerateArray().Select(o => o.GetString()));
        Assert.All(page.GetProperty("offerReasons").EnumerateArray(), r => Assert.Contains("incidents averted", r.GetString()));
        var marginal = page.GetProperty("marginal");
        Assert.Equal("steps", marginal.GetProperty("programme").GetString());
        Assert.Equal(steps.Marginal.Count(m => m.ExpectedSaving is not null), marginal.GetProperty("points").GetInt32());
        Assert.Equal(steps.OptimalPlaces?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "", marginal.GetProperty("optimal").GetString());
        Assert.Equal(["saving", "cost", "places", "optimal"], marginal.GetProperty("series").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains("free places to offer", page.GetProperty("offersSummary").GetString());
        // Next year's places per programme, as the API projects them, with five counted years and three projected.
        var demand = await new Capacity.CapacityClient(Grpc.Net.Client.GrpcChannel.ForAddress($"http://{server.GrpcAddress}"))
            .GetDemandForecastAsync(new GetDemandForecastRequest(), new Grpc.Core.Metadata { { "x-api-key", Keys.Manager } }, cancellationToken: TestContext.Current.CancellationToken);
        var demandRows = page.GetProperty("demand").EnumerateArray().ToList();
        Assert.Equal(demand.Programmes.Select(p => (p.ProgrammeId, Math.Round(p.NextYear!.Value, 6))),
            demandRows.Select(r => (r.GetProperty("programme").GetString()!, Math.Round(r.GetProperty("nextYear").GetDouble(), 6))));
        Assert.All(demandRows, r => Assert.Equal(2 + 8, r.GetProperty("cells").GetInt32()));

        // The care entrants' footprint shows what the API computes, row for row.
        var footprint = await new Capacity.CapacityClient(Grpc.Net.Client.GrpcChannel.ForAddress($"http://{server.GrpcAddress}"))
            .GetFootprintAsync(new GetFootprintRequest(), new Grpc.Core.Metadata { { "x-api-key", Keys.Manager } }, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(footprint.Agencies.Concat(footprint.FlaggedBefore).Concat(footprint.FlaggedByPathway).Concat(footprint.ProgrammesBefore).Select(s => (s.Name, s.Children)),
            page.GetProperty("footprint").EnumerateArray().Select(r => (r.GetProperty("name").GetString()!, r.GetProperty("children").GetInt32())));
        Assert.StartsWith($"{footprint.Entrants} children started to be looked after from {footprint.From} to {footprint.To}.", page.GetProperty("footprintSummary").GetString());

        // The forecast draws every scenario the API serves, with the figures it serves, and lists each one's inputs.
        var forecast = await new Capacity.CapacityClient(Grpc.Net.Client.GrpcChannel.ForAddress($"http://{server.GrpcAddress}"))
            .GetForecastAsync(new GetForecastRequest(), new Grpc.Core.Metadata { { "x-api-key", Keys.Manager } }, cancellationToken: TestContext.Current.CancellationToken);
        var lines = page.GetProperty("forecastLines").EnumerateArray().ToList();
        Assert.Equal(forecast.Scenarios.Select(s => s.Name), lines.Select(l => l.GetProperty("scenario").GetString()));
        Assert.All(forecast.Scenarios.Zip(lines), pair => Assert.Equal(pair.First.Years.Select(y => Math.Round(y.LookedAfter, 6)),
            pair.Second.GetProperty("values").EnumerateArray().Select(v => Math.Round(v.GetDouble(), 6))));
        Assert.Equal(forecast.Scenarios.Count, page.GetProperty("forecastCostLines").GetInt32());
        Assert.Equal(forecast.Scenarios.Select(s => (s.Name, s.Rate)),
            page.GetProperty("forecastInputs").EnumerateArray().Select(r => (r.GetProperty("scenario").GetString()!, r.GetProperty("rate").GetString()!)));
        var edge = gaps.Gaps.Single(g => g.Programme.Id == "edge_of_care");
        Assert.Equal(edge.ClosingTheGap.Cost.ToString("£#,##0", System.Globalization.CultureInfo.InvariantCulture), page.GetProperty("edgeOfCareCost").GetString());
    }
}
