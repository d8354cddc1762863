using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;
using RiskFlags.Core.Capacity;
using RiskFlags.Core.Rules;
using RiskFlags.Core.Scoring;
using RiskFlags.Data;
using RiskFlags.Server.Hosting;
using RiskFlags.Server.Security;
using RiskFlags.Training;

namespace RiskFlags.Server.Services;

/// <summary>
/// Publishing and rolling back through the model registry: a model is checked, compared with the
/// live one on the store's own families, recorded with its caller and reason, and put live here at
/// once (other replicas follow on their next request).
/// </summary>
public sealed class ModelPublisher(
    RiskFlagsDbContext db, LiveModel live, LiveRuleSet rules, PublishedModel published, IOptions<RiskFlagsOptions> options, TimeProvider time)
{
    public const int MaximumReasonLength = 2000;

    /// <summary>A publication's largest request: a trained model is well under a megabyte, its card a few hundred kilobytes.</summary>
    public const int MaximumRequestBytes = 16 << 20;

    public async Task<ModelRegistryRow> PublishAsync(byte[] bytes, string reason, string? cardJson, string? cardMarkdown, Caller caller, CancellationToken cancellationToken)
    {
        CheckReason(reason);
        if (cardJson is { Length: > 0 })
        {
            try
            {
                using var _ = JsonDocument.Parse(cardJson);
            }
            catch (JsonException e)
            {
                throw RpcErrors.Invalid("card_json", $"not JSON: {e.Message}");
            }
        }

        RiskModel model;
        try
        {
            model = RiskModel.Load(bytes, "the model sent");
        }
        catch (ModelLoadException e)
        {
            throw RpcErrors.Precondition($"model: refused, {live.Current.Version} stays live: {e.Message}");
        }

        var current = live.Current;
        if (model.Version == current.Version)
        {
            throw RpcErrors.Precondition($"model: {model.Version} is already the live model");
        }

        var (comparison, detail) = await CompareAsync(current, model, cancellationToken);
        var row = Row(model.Version, ModelRegistryRow.Published, reason, bytes, cardJson, cardMarkdown, caller, comparison, detail);
        return await RecordAsync(row, current.Version, model, cancellationToken);
    }

    public async Task<ModelRegistryRow> RollbackAsync(string version, string reason, Caller caller, CancellationToken cancellationToken)
    {
        CheckReason(reason);
        var current = live.Current.Version;
        var target = version.Length > 0 ? version : (await ModelRegistry.LiveAsync(db, cancellationToken))?.PreviousVersion
            ?? throw RpcErrors.Precondition("version: the live model is the registry's first; there is nothing to roll back to");
        if (target == current)
        {
            throw RpcErrors.Precondition($"version: {target} is already the live model");
        }

        var earlier = await ModelRegistry.FindAsync(db, target, cancellationToken)
            ?? throw RpcErrors.NotFound("version", $"{RpcErrors.Quote(target)} was never published (riskflags model list shows what was)");
        RiskModel model;
        try
        {
            model = RiskModel.Load(earlier.Model, PublishedModel.Source(earlier));
        }
        catch (ModelLoadException e)
        {
            throw RpcErrors.Precondition($"version: {target} cannot be used by this build: {e.Message}");
        }

        var row = Row(target, ModelRegistryRow.RolledBack, reason, earlier.Model, earlier.CardJson, earlier.CardMarkdown, caller, null, $"rolled back to publication {earlier.Id}");
        return await RecordAsync(row, current, model, cancellationToken);
    }

    private async Task<ModelRegistryRow> RecordAsync(ModelRegistryRow row, string expectedLive, RiskModel model, CancellationToken cancellationToken)
    {
        if (!await ModelRegistry.PublishAsync(db, row, expectedLive, cancellationToken: cancellationToken))
        {
            throw RpcErrors.Precondition($"model: another publication went live while this one was checked ({expectedLive} is no longer live); list the registry and try again");
        }

        published.Published(model);
        return row;
    }

    /// <summary>The live model and the new one on the store's latest 31 March with a year of outcomes.</summary>
    private async Task<(string? Json, string Detail)> CompareAsync(RiskModel current, RiskModel proposed, CancellationToken cancellationToken)
    {
        var data = await LinkedDataStore.LoadIndexAsync(db, cancellationToken);
        if (ModelComparison.LatestWithOutcomes(data) is not { } asOf)
        {
            return (null, "not compared: the store holds no 31 March with a year of outcomes after it");
        }

        ProgrammeCatalogue catalogue;
        try
        {
            catalogue = (await CapacityStore.CatalogueAsync(db, options.Value.ProgrammesPath, time, cancellationToken)).Catalogue;
        }
        catch (CatalogueException e)
        {
            throw RpcErrors.Precondition($"the programme catalogue {options.Value.ProgrammesPath} is invalid: {e.Problems[0]}");
        }

        try
        {
            var record = ModelComparison.Compare(current, proposed, data, asOf, "the store's families", rules.Current, catalogue, truth: null);
            return (record.ToJson(), string.Create(CultureInfo.InvariantCulture, $"compared on the store's cohort at {asOf:yyyy-MM-dd}"));
        }
        catch (InvalidOperationException e)
        {
            return (null, $"not compared: {e.Message}");
        }
    }

    private ModelRegistryRow Row(string version, string action, string reason, byte[] bytes, string? cardJson, string? cardMarkdown, Caller caller, string? comparison, string detail) => new()
    {
        Version = version, Action = action, PublishedAt = time.GetUtcNow(), PublishedBy = caller.Name, Role = caller.Role, Reason = reason.Trim(),
        Model = bytes, CardJson = cardJson is { Length: > 0 } ? cardJson : null, CardMarkdown = cardMarkdown is { Length: > 0 } ? cardMarkdown : null,
        Comparison = comparison, ComparisonDetail = detail,
    };

    private static void CheckReason(string reason)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw RpcErrors.Invalid("reason", "say why: every publication keeps its reason");
        }

        if (reason.Length > MaximumReasonLength)
        {
            throw RpcErrors.Invalid("reason", $"{reason.Length:N0} characters long; at most {MaximumReasonLength:N0} are kept");
        }
    }
}
