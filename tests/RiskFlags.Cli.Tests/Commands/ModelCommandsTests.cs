using RiskFlags.Cli.Tests.Support;
using System.Text.Json;

namespace RiskFlags.Cli.Tests.Commands;

/// <summary>A demo data set and a model trained on it through the CLI, shared by the model verbs' tests.</summary>
public sealed class CliModelFixture : IAsyncLifetime
{
    public TempFolder Folder { get; } = new();

    public string Data => Folder.File("data");

    public string Model => Folder.File("model.zip");

    public CliRun Train { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        await CliRun.RunAsync("demo-data", "--out", Data, "--families", "3000", "--seed", "8");
        Train = await CliRun.RunAsync("train", "--data", Data, "--as-of", "2021-03-31,2022-03-31,2023-03-31", "--out", Model, "--seed", "3");
    }

    public ValueTask DisposeAsync()
    {
        Folder.Dispose();
        return ValueTask.CompletedTask;
    }
}

public sealed class ModelCommandsTests(CliModelFixture fixture) : IClassFixture<CliModelFixture>
{
    [Fact]
    public void Train_writes_the_model_and_its_card_beside_it()
    {
        Assert.Equal(0, fixture.Train.ExitCode);
        Assert.Contains("Validation at 2023-03-31 on", fixture.Train.Out);
        Assert.True(File.Exists(fixture.Model));
        Assert.True(File.Exists(Path.ChangeExtension(fixture.Model, ".card.json")));
        Assert.Contains("riskflags train --data", File.ReadAllText(Path.ChangeExtension(fixture.Model, ".card.md")));
    }

    [Fact]
    public async Task Evaluate_json_ends_with_every_figure_it_promises()
    {
        var run = await CliRun.RunAsync("evaluate", "--model", fixture.Model, "--data", fixture.Data, "--as-of", "2024-03-31", "--json");

        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.LastLine);
        var root = json.RootElement;
        foreach (var key in new[] { "n", "positives", "base_rate", "auc", "auprc", "log_loss", "brier", "ece", "at_thresholds", "top_k", "baselines", "oracle_auc", "groups" })
        {
            Assert.True(root.TryGetProperty(key, out _), $"missing {key}");
        }

        Assert.True(root.GetProperty("baselines").TryGetProperty("rules_only_auc", out _));
        Assert.True(root.GetProperty("baselines").TryGetProperty("logistic_regression_auc", out _));
        Assert.InRange(root.GetProperty("auc").GetDouble(), 0.6, 1);
        // One per risk threshold the Pathways rules use: edge of care, adolescents, parenting, domestic abuse, substance misuse.
        Assert.Equal(5, root.GetProperty("at_thresholds").GetArrayLength());
        var wbri = root.GetProperty("groups").GetProperty("ethnicity").GetProperty("WBRI");
        foreach (var key in new[] { "n", "flag_rate", "true_positive_rate", "false_positive_rate", "mean_predicted", "observed_rate" })
        {
            Assert.True(wbri.TryGetProperty(key, out _), $"missing groups.ethnicity.WBRI.{key}");
        }

        Assert.True(root.GetProperty("groups").GetProperty("deprivation_decile").TryGetProperty("1", out _));
    }

    [Fact]
    public async Task Score_writes_one_row_per_cohort_family_with_factors_and_flags()
    {
        var output = fixture.Folder.File("scores.csv");

        var run = await CliRun.RunAsync("score", "--model", fixture.Model, "--data", fixture.Data, "--as-of", "2024-03-31", "--out", output);

        Assert.Equal(0, run.ExitCode);
        var lines = File.ReadAllLines(output);
        Assert.Equal("family_id,risk_score,risk_band,top_factors,flags", lines[0]);
        Assert.Matches(@"Scored (\d|,)+ cohort families", run.Out);
        Assert.Contains(lines.Skip(1), l => l.Contains(",high,", StringComparison.Ordinal) && l.Contains("Pathway.", StringComparison.Ordinal));
        Assert.All(lines.Skip(1), l => Assert.Matches(@"^F\d{6},0\.\d{6},(low|medium|high),", l));
    }

    [Fact]
    public async Task A_missing_model_or_an_unknown_outcome_is_a_usage_error_naming_it()
    {
        var missing = await CliRun.RunAsync("evaluate", "--model", fixture.Folder.File("nope.zip"), "--data", fixture.Data, "--as-of", "2024-03-31");
        var tooLate = await CliRun.RunAsync("evaluate", "--model", fixture.Model, "--data", fixture.Data, "--as-of", "2025-03-31");
        var both = await CliRun.RunAsync("evaluate", "--model", fixture.Model, "--data", fixture.Data, "--db", "x.db", "--as-of", "2024-03-31");

        Assert.Equal((2, 2, 2), (missing.ExitCode, tooLate.ExitCode, both.ExitCode));
        Assert.Contains("--model: nope.zip: file not found", missing.Error);
        Assert.Contains("as_of 2025-03-31: the data run to 2025-03-31, but its outcome needs records up to 2026-03-31", tooLate.Error);
        Assert.Contains("exactly one of --data DIR or --db CONNECTION", both.Error);
    }
}
