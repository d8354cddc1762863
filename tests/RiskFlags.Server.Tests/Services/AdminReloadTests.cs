using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using RiskFlags.Core.Hosting;
using RiskFlags.Server.Services;
using RiskFlags.Server.Tests.Support;
using RiskFlags.Server.V1;

namespace RiskFlags.Server.Tests.Services;

/// <summary>Reloads take a name from the configured rules and models folders, never a path, and only a valid set or model goes live.</summary>
public sealed class AdminReloadTests : IAsyncLifetime
{
    private readonly ServerFactory server = new() { DemoFamilies = 60 };
    private string rules = "";
    private string models = "";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        rules = RuleFolders.CopyShipped(server.Folder);
        models = server.Folder.File("models");
        Directory.CreateDirectory(models);
        File.Copy(InstallLayout.Find().Model, Path.Combine(models, "riskflags.zip"));
        server.Settings["RiskFlags:RulesPath"] = rules;
        server.Settings["RiskFlags:ModelPath"] = Path.Combine(models, "riskflags.zip");
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => server.DisposeAsync();

    private string Candidate(string name)
    {
        var candidate = Path.Combine(rules, name);
        Directory.CreateDirectory(candidate);
        foreach (var file in Directory.GetFiles(rules, "*.json"))
        {
            File.Copy(file, Path.Combine(candidate, Path.GetFileName(file)));
        }

        return candidate;
    }

    [Fact]
    public async Task An_invalid_rule_set_or_model_is_refused_the_live_one_stays_and_a_valid_rule_set_by_name_replaces_it()
    {
        var admin = server.Admin(Keys.Admin);
        var before = await admin.GetStatusAsync(new GetStatusRequest(), cancellationToken: Cancel);
        var broken = Candidate("broken");
        RuleFolders.Edit(broken, "domestic_abuse.json", "\"Expression\": \"facts.DomesticAbuseIncidents12m >= repeatIncidents\"", "\"Experssion\": \"facts.DomesticAbuseIncidents12m >= repeatIncidents\"");
        File.WriteAllText(Path.Combine(models, "broken.zip"), "not a model");

        var badRules = await Assert.ThrowsAsync<RpcException>(() => admin.ReloadRulesAsync(new ReloadRequest { Name = "broken" }, cancellationToken: Cancel).ResponseAsync);
        var badModel = await Assert.ThrowsAsync<RpcException>(() => admin.PublishModelAsync(
            new PublishModelRequest { Model = Google.Protobuf.ByteString.CopyFromUtf8("not a model"), Reason = "broken" }, cancellationToken: Cancel).ResponseAsync);
        var during = await admin.GetStatusAsync(new GetStatusRequest(), cancellationToken: Cancel);

        Assert.Equal(StatusCode.FailedPrecondition, badRules.StatusCode);
        Assert.Contains($"version {before.RulesVersion} stays live: domestic_abuse.json: DomesticAbuse.RepeatIncidents: unknown rule key 'Experssion'", badRules.Status.Detail);
        Assert.Equal(StatusCode.FailedPrecondition, badModel.StatusCode);
        Assert.Contains($"model: refused, {before.ModelVersion} stays live: the model sent: it is not a readable model file", badModel.Status.Detail);
        Assert.Equal((before.RulesVersion, before.ModelVersion), (during.RulesVersion, during.ModelVersion));

        var stricter = Candidate("stricter");
        RuleFolders.Edit(stricter, "domestic_abuse.json", "{ \"Name\": \"repeatIncidents\", \"Expression\": \"2\" }", "{ \"Name\": \"repeatIncidents\", \"Expression\": \"3\" }");
        var reloaded = await admin.ReloadRulesAsync(new ReloadRequest { Name = "stricter" }, cancellationToken: Cancel);
        var back = await admin.ReloadRulesAsync(new ReloadRequest(), cancellationToken: Cancel);

        Assert.Equal(before.RulesVersion, reloaded.PreviousVersion);
        Assert.NotEqual(before.RulesVersion, reloaded.Version);
        Assert.Equal(before.RulesVersion, back.Version);
        await using var db = server.Db();
        var rows = await db.Audit.AsNoTracking().Where(a => a.Action == "ReloadRules").OrderBy(a => a.Id).Select(a => a.Outcome).ToListAsync(Cancel);
        Assert.Equal(["failed_precondition", "ok", "ok"], rows);
    }

    [Theory]
    [InlineData("/etc", StatusCode.InvalidArgument, "is not the name of a folder of rules/")]
    [InlineData("../rules", StatusCode.InvalidArgument, "is not the name of a folder of rules/")]
    [InlineData("..", StatusCode.InvalidArgument, "is not the name of a folder of rules/")]
    [InlineData("nonexistent", StatusCode.NotFound, "no rule set 'nonexistent' in the rules folder")]
    public async Task A_rule_set_is_named_never_given_as_a_path(string name, StatusCode code, string message)
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => server.Admin(Keys.Admin).ReloadRulesAsync(new ReloadRequest { Name = name }, cancellationToken: Cancel).ResponseAsync);

        Assert.Equal(code, error.StatusCode);
        Assert.Contains(message, error.Status.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("riskflags.zip")]
    [InlineData("other.zip")]
    [InlineData("/dev/zero")]
    [InlineData("../models/riskflags.zip")]
    public async Task A_reload_never_loads_a_file_by_name_only_the_published_model(string name)
    {
        File.Copy(Path.Combine(models, "riskflags.zip"), Path.Combine(models, "other.zip"));
        var admin = server.Admin(Keys.Admin);

        var error = await Assert.ThrowsAsync<RpcException>(() => admin.ReloadModelAsync(new ReloadRequest { Name = name }, cancellationToken: Cancel).ResponseAsync);
        var reloaded = await admin.ReloadModelAsync(new ReloadRequest(), cancellationToken: Cancel);

        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        Assert.Contains("only the store's published model scores", error.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(reloaded.PreviousVersion, reloaded.Version);
    }

    [Fact]
    public async Task A_model_larger_than_the_cap_is_refused()
    {
        var huge = new byte[ModelPublisher.MaximumRequestBytes + 1];

        var error = await Assert.ThrowsAsync<RpcException>(() => server.Admin(Keys.Admin).PublishModelAsync(
            new PublishModelRequest { Model = Google.Protobuf.ByteString.CopyFrom(huge), Reason = "too big" }, cancellationToken: Cancel).ResponseAsync);

        Assert.True(error.StatusCode == StatusCode.ResourceExhausted, error.ToString());
    }
}
