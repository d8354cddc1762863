using System.Text.Json;
using RiskFlags.Cli.Tests.Support;
using RiskFlags.Core.Hosting;

namespace RiskFlags.Cli.Tests.Commands;

/// <summary>riskflags monitor with the shipped model: another sample of the same authority, and one with far more domestic abuse.</summary>
public sealed class MonitorCommandTests : IDisposable
{
    private readonly TempFolder folder = new();

    private static string ShippedModel => InstallLayout.Find().Model;

    public void Dispose() => folder.Dispose();

    [Fact]
    public async Task Another_sample_drawn_like_the_training_data_shows_no_drift()
    {
        var data = folder.File("same");
        await CliRun.RunAsync("demo-data", "--out", data, "--children", "12000", "--seed", "5");

        var run = await CliRun.RunAsync("monitor", "--model", ShippedModel, "--data", data, "--as-of", "2024-03-31", "--json");

        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.LastLine);
        var root = json.RootElement;
        Assert.False(root.GetProperty("drifted").GetBoolean());
        Assert.Empty(root.GetProperty("drifted_features").EnumerateArray());
        Assert.Equal(Core.Scoring.FeatureVector.Count, root.GetProperty("features").GetArrayLength());
        Assert.True(root.GetProperty("score").GetProperty("psi").GetDouble() < 0.1);
        // Outcomes a year on are in the data: the observed rate is reported beside the mean predicted.
        Assert.Equal(JsonValueKind.Number, root.GetProperty("observed_rate").ValueKind);
        Assert.Contains("No drift past 0.25.", run.Out);
    }

    [Fact]
    public async Task Doubled_domestic_abuse_is_reported_as_drift_on_those_features_with_exit_4()
    {
        var data = folder.File("abuse");
        await CliRun.RunAsync("demo-data", "--out", data, "--children", "12000", "--seed", "5", "--domestic-abuse-factor", "2");

        var run = await CliRun.RunAsync("monitor", "--model", ShippedModel, "--data", data, "--as-of", "2024-03-31", "--json");

        Assert.Equal(4, run.ExitCode);
        using var json = JsonDocument.Parse(run.LastLine);
        var drifted = json.RootElement.GetProperty("drifted_features").EnumerateArray().Select(f => f.GetString()!).ToList();
        Assert.Contains("domestic abuse incidents, last 12 months", drifted);
        Assert.Contains("domestic abuse incidents with a victim in the household, last 12 months", drifted);
        // What more abuse brings about moves too (more children looked after, more mothers with a removal): drift, not noise.
        Assert.True(drifted.Count(name => name.Contains("domestic abuse", StringComparison.Ordinal)) * 2 >= drifted.Count, string.Join("; ", drifted));
        Assert.Contains("DRIFT: ", run.Out);
        // The index alone stays under 0.25 for a doubled minority: the share of families with it is what moved.
        var incidents = json.RootElement.GetProperty("features").EnumerateArray().Single(f => f.GetProperty("name").GetString() == "DomesticAbuseIncidents12m");
        Assert.True(incidents.GetProperty("prevalence_ratio").GetDouble() >= 2, incidents.ToString());
        Assert.Contains("(share of families x", run.Out);
    }

    [Fact]
    public async Task A_date_with_no_cohort_is_a_usage_error_naming_the_option()
    {
        var data = folder.File("same");
        await CliRun.RunAsync("demo-data", "--out", data, "--families", "200", "--seed", "5");

        var run = await CliRun.RunAsync("monitor", "--model", ShippedModel, "--data", data, "--as-of", "2010-03-31");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--as-of: no cohort families at 2010-03-31", run.Error);
    }
}
