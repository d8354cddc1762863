using Microsoft.EntityFrameworkCore;
using RiskFlags.Cli;
using RiskFlags.Core.Hosting;
using RiskFlags.Data;
using RiskFlags.Server.Tests.Support;
using RiskFlags.Server.V1;

namespace RiskFlags.Server.Tests.Services;

/// <summary>
/// The model registry from the CLI, as a data scientist drives it: publish, list and roll back
/// through the server's API, each recorded with its caller, reason, card and comparison, and audited;
/// only the registry's model ever scores.
/// </summary>
public sealed class ModelRegistryTests : IAsyncLifetime
{
    private readonly ServerFactory server = new();
    private string second = "";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        second = SecondModel.Train(server.Folder.File("second.zip"));
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => server.DisposeAsync();

    private async Task<CliRun> CliAsync(string key, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        string[] caller = args[0] == "model" ? ["--server", server.Server.BaseAddress.ToString(), "--api-key", key] : [];
        var exit = await RiskFlagsCli.RunAsync([.. args, .. caller], new CliConsole(output, error, ErrorIsTerminal: false), TimeProvider.System, server.Server.CreateHandler());
        return new CliRun(exit, output.ToString(), error.ToString());
    }

    private async Task<List<ModelRegistryRow>> RegistryAsync()
    {
        await using var db = server.Db();
        return await db.ModelRegistry.AsNoTracking().OrderBy(r => r.Id).ToListAsync(Cancel);
    }

    private async Task<List<AuditRow>> AuditAsync(string action)
    {
        await using var db = server.Db();
        return await db.Audit.AsNoTracking().Where(a => a.Action == action).OrderBy(a => a.Id).ToListAsync(Cancel);
    }

    private async Task<(string Status, string Assessed)> LiveVersionsAsync()
    {
        var status = await server.Admin(Keys.Admin).GetStatusAsync(new GetStatusRequest(), cancellationToken: Cancel);
        var assessed = await AssessmentFreshnessTests.AssessAsync(server, "F000001");
        return (status.ModelVersion, assessed.ModelVersion);
    }

    [Fact]
    public async Task An_empty_registry_receives_the_shipped_model_as_system_at_first_start()
    {
        var (live, _) = await LiveVersionsAsync();

        var row = Assert.Single(await RegistryAsync());
        var audit = Assert.Single(await AuditAsync("PublishModel"));
        Assert.Equal(Core.Scoring.RiskModel.Load(InstallLayout.Find().Model).Version, row.Version);
        Assert.Equal(live, row.Version);
        Assert.Equal((ModelRegistryRow.System, ModelRegistryRow.System, ModelRegistryRow.Published), (row.PublishedBy, row.Role, row.Action));
        Assert.Contains("registry was empty", row.Reason, StringComparison.Ordinal);
        Assert.Null(row.PreviousVersion);
        Assert.NotNull(row.CardJson);
        Assert.Equal(("system", "ok"), (audit.Caller, audit.Outcome));
        var card = await server.Admin(Keys.Scientist).GetModelCardAsync(new GetModelCardRequest(), cancellationToken: Cancel);
        Assert.Equal(row.CardJson, card.Json);
    }

    private sealed record CliRun(int ExitCode, string Out, string Error);

    [Fact]
    public async Task Publish_list_and_rollback_from_the_cli_record_who_when_why_and_the_comparison()
    {
        var shipped = (await LiveVersionsAsync()).Status;

        var published = await CliAsync(Keys.Scientist, "model", "publish", second, "--reason", "retrained on 2021-2023 with fewer trees");
        var afterPublish = await LiveVersionsAsync();
        var listed = await CliAsync(Keys.Scientist, "model", "list");
        var capacity = await CliAsync(Keys.Scientist, "capacity", "--db", server.Store);
        var rolledBack = await CliAsync(Keys.Admin, "model", "rollback", "--reason", "the new model flags too few Pause candidates");
        var afterRollback = await LiveVersionsAsync();

        Assert.True(published.ExitCode == 0, published.Error);
        var rows = await RegistryAsync();
        Assert.Equal(3, rows.Count);
        var (publication, rollback) = (rows[1], rows[2]);
        Assert.Equal(("dev-data-scientist", "data_scientist", "publish", shipped), (publication.PublishedBy, publication.Role, publication.Action, publication.PreviousVersion));
        Assert.Equal("retrained on 2021-2023 with fewer trees", publication.Reason);
        Assert.Equal(File.ReadAllText(Training.ModelCard.JsonPath(second)), publication.CardJson);
        Assert.Equal(File.ReadAllBytes(second), publication.Model);
        Assert.StartsWith("compared on the store's cohort at 2024-03-31", publication.ComparisonDetail, StringComparison.Ordinal);
        var comparison = Training.ComparisonRecord.FromJson(publication.Comparison!);
        Assert.Equal((shipped, publication.Version), (comparison.First, comparison.Second));
        Assert.Contains(comparison.Figures, f => f.Figure == "AUC" && f.FirstInterval is not null && f.First != f.Second);
        Assert.Contains($"{publication.Version} is live (registry publication {publication.Id}, publish by dev-data-scientist, replacing {shipped})", published.Out, StringComparison.Ordinal);
        Assert.Contains("AUC", published.Out, StringComparison.Ordinal);
        Assert.Equal((publication.Version, publication.Version), afterPublish);

        Assert.Equal(0, listed.ExitCode);
        // A manager's capacity table from the store is scored by the model the server scores with.
        Assert.Contains($"scoring with model {publication.Version} (", capacity.Error, StringComparison.Ordinal);
        var lines = listed.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.Matches($@"^\* +{publication.Id} {publication.Version} publish .* dev-data-scientist \(data_scientist\) +retrained on 2021-2023", lines[1]);
        Assert.Matches($@"^  +{rows[0].Id} {shipped} publish .* system \(system\) ", lines[2]);

        Assert.True(rolledBack.ExitCode == 0, rolledBack.Error);
        Assert.Equal(("dev-admin", "rollback", shipped, publication.Version), (rollback.PublishedBy, rollback.Action, rollback.Version, rollback.PreviousVersion));
        Assert.Equal(rows[0].Model, rollback.Model);
        Assert.Equal((shipped, shipped), afterRollback);

        var publishAudit = (await AuditAsync("PublishModel")).Last();
        var rollbackAudit = Assert.Single(await AuditAsync("RollbackModel"));
        Assert.Equal(("dev-data-scientist", "ok", $"{shipped} -> {publication.Version}: retrained on 2021-2023 with fewer trees"), (publishAudit.Caller, publishAudit.Outcome, publishAudit.Detail));
        Assert.Equal(("dev-admin", "ok"), (rollbackAudit.Caller, rollbackAudit.Outcome));
        Assert.EndsWith("the new model flags too few Pause candidates", rollbackAudit.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_publication_is_refused_with_its_reason_and_the_live_model_stays()
    {
        var live = (await LiveVersionsAsync()).Status;
        var shippedFile = InstallLayout.Find().Model;

        var asMash = await CliAsync(Keys.Mash, "model", "publish", second, "--reason", "r");
        var again = await CliAsync(Keys.Scientist, "model", "publish", shippedFile, "--reason", "r");
        var blankReason = await CliAsync(Keys.Scientist, "model", "publish", second, "--reason", " ");
        var noRollbackTarget = await CliAsync(Keys.Scientist, "model", "rollback", "--reason", "r");
        var neverPublished = await CliAsync(Keys.Scientist, "model", "rollback", "--to", "0123456789ab", "--reason", "r");
        var notAModel = await CliAsync(Keys.Scientist, "model", "publish", Training.ModelCard.JsonPath(second), "--reason", "r");
        using var noKeyOutput = new StringWriter();
        var noKey = await RiskFlagsCli.RunAsync(["model", "list", "--server", server.Server.BaseAddress.ToString()], new CliConsole(noKeyOutput, noKeyOutput, false), TimeProvider.System, server.Server.CreateHandler());

        Assert.Equal((1, "riskflags: the server refused: "), (asMash.ExitCode, asMash.Error[..31]));
        Assert.Equal(1, again.ExitCode);
        Assert.Contains($"model: {live} is already the live model", again.Error, StringComparison.Ordinal);
        Assert.Contains("reason: say why", blankReason.Error, StringComparison.Ordinal);
        Assert.Contains("version: the live model is the registry's first; there is nothing to roll back to", noRollbackTarget.Error, StringComparison.Ordinal);
        Assert.Contains("version: '0123456789ab' was never published", neverPublished.Error, StringComparison.Ordinal);
        Assert.Equal(2, notAModel.ExitCode);
        Assert.Contains("--model: ", notAModel.Error, StringComparison.Ordinal);
        Assert.Equal(2, noKey);
        Assert.Contains("give an API key (RISKFLAGS_API_KEY or --api-key)", noKeyOutput.ToString(), StringComparison.Ordinal);
        Assert.Single(await RegistryAsync());
        Assert.Equal((live, live), await LiveVersionsAsync());
    }

    [Fact]
    public async Task A_configured_model_that_was_never_published_does_not_score_unless_published_at_start()
    {
        _ = await LiveVersionsAsync();
        var shipped = Assert.Single(await RegistryAsync()).Version;
        var secondVersion = Core.Scoring.RiskModel.Load(second).Version;

        await using var configured = new ServerFactory { ConnectionString = server.Store, Settings = { ["RiskFlags:ModelPath"] = second } };
        var status = await configured.Admin(Keys.Admin).GetStatusAsync(new GetStatusRequest(), cancellationToken: Cancel);
        await configured.DisposeAsync();
        await using var upgraded = new ServerFactory { ConnectionString = server.Store, Settings = { ["RiskFlags:ModelPath"] = second, ["RiskFlags:PublishConfiguredModel"] = "upgrade to release 2" } };
        var upgradedStatus = await upgraded.Admin(Keys.Admin).GetStatusAsync(new GetStatusRequest(), cancellationToken: Cancel);

        Assert.Equal(shipped, status.ModelVersion);
        Assert.Equal(secondVersion, upgradedStatus.ModelVersion);
        var last = (await RegistryAsync())[^1];
        Assert.Equal((ModelRegistryRow.System, "upgrade to release 2", shipped), (last.PublishedBy, last.Reason, last.PreviousVersion));
    }
}
