using Microsoft.Extensions.Options;
using RiskFlags.Core.Scoring;
using RiskFlags.Data;
using RiskFlags.Training;

namespace RiskFlags.Server.Hosting;

/// <summary>
/// Keeps this replica scoring with the store's published model and no other. At start it fills an
/// empty registry with the installation's model (as `system`) and loads the registry's live model;
/// afterwards every request's read of the store's versions tells it when another replica (or this
/// one) published, and it loads the new live model from the store's bytes.
/// </summary>
public sealed partial class PublishedModel(
    LiveModel live, StoreConnection store, IOptions<RiskFlagsOptions> options, TimeProvider time, ILogger<PublishedModel> logger) : IDisposable
{
    private readonly SemaphoreSlim following = new(1, 1);
    private long seen = -1;

    /// <summary>Where a model loaded from the registry says it came from.</summary>
    public static string Source(ModelRegistryRow row) => $"the model registry, publication {row.Id} ({row.Version})";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var db = store.CreateContext();
        var configured = live.Current;
        var registered = await ModelRegistry.LiveAsync(db, cancellationToken);
        var reason = registered is null
            ? "the installation's model, published when the store's model registry was empty"
            : options.Value.PublishConfiguredModel is { Length: > 0 } given && registered.Version != configured.Version ? given : null;
        if (reason is not null)
        {
            var row = SystemRow(configured, reason);
            if (await ModelRegistry.PublishAsync(db, row, registered?.Version, Audit(row), cancellationToken))
            {
                LogSystemPublished(configured.Version, reason);
            }
        }

        var versions = await StoreInfo.VersionsAsync(db, cancellationToken);
        var current = await ModelRegistry.LiveAsync(db, cancellationToken);
        try
        {
            Adopt(current!);
        }
        catch (ModelLoadException e)
        {
            throw new StartupException(
                $"the store's published model {current!.Version} cannot be used by this build ({e.Message}); publish one it can " +
                "(set RiskFlags:PublishConfiguredModel to the reason to publish the configured model at start)", e);
        }

        Volatile.Write(ref seen, versions.ModelsVersion);
    }

    /// <summary>Loads the registry's live model when the store's models version moved past what this replica last saw.</summary>
    public async Task FollowAsync(long modelsVersion, CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref seen) == modelsVersion)
        {
            return;
        }

        await following.WaitAsync(cancellationToken);
        try
        {
            if (seen == modelsVersion)
            {
                return;
            }

            await using var db = store.CreateContext();
            if (await ModelRegistry.LiveAsync(db, cancellationToken) is { } row)
            {
                try
                {
                    Adopt(row);
                }
                catch (ModelLoadException e)
                {
                    // The previous published model keeps scoring; the operator hears why the new one did not.
                    LogUnusable(row.Version, live.Current.Version, e.Message);
                }
            }

            Volatile.Write(ref seen, modelsVersion);
        }
        finally
        {
            following.Release();
        }
    }

    /// <summary>Reads the registry's live model again whatever this replica last saw (Admin.ReloadModel).</summary>
    public async Task ReloadAsync(CancellationToken cancellationToken)
    {
        await using var db = store.CreateContext();
        var versions = await StoreInfo.VersionsAsync(db, cancellationToken);
        Volatile.Write(ref seen, -1);
        await FollowAsync(versions.ModelsVersion, cancellationToken);
    }

    /// <summary>Puts a model this replica has just published live at once, without waiting for its next read.</summary>
    public void Published(RiskModel model) => live.Replace(model);

    public void Dispose() => following.Dispose();

    private void Adopt(ModelRegistryRow row)
    {
        if (row.Version == live.Current.Version)
        {
            return;
        }

        var previous = live.Current.Version;
        live.Replace(RiskModel.Load(row.Model, Source(row)));
        LogFollowed(previous, row.Version, row.Id);
    }

    private ModelRegistryRow SystemRow(RiskModel model, string reason) => new()
    {
        Version = model.Version,
        Action = ModelRegistryRow.Published,
        PublishedAt = time.GetUtcNow(),
        PublishedBy = ModelRegistryRow.System,
        Role = ModelRegistryRow.System,
        Reason = reason,
        Model = File.ReadAllBytes(model.Path),
        CardJson = File.Exists(ModelCard.JsonPath(model.Path)) ? File.ReadAllText(ModelCard.JsonPath(model.Path)) : null,
        CardMarkdown = File.Exists(ModelCard.MarkdownPath(model.Path)) ? File.ReadAllText(ModelCard.MarkdownPath(model.Path)) : null,
        ComparisonDetail = "published at start, not compared",
    };

    private static AuditRow Audit(ModelRegistryRow row) => new()
    {
        At = row.PublishedAt, Caller = ModelRegistryRow.System, Role = ModelRegistryRow.System, Action = "PublishModel", Outcome = "ok",
        Detail = $"{row.Version}: {row.Reason}",
    };

    [LoggerMessage(LogLevel.Information, "Model {Version} published as system: {Reason}")]
    private partial void LogSystemPublished(string version, string reason);

    [LoggerMessage(LogLevel.Information, "Live model {Previous} -> {Version} (registry publication {Id})")]
    private partial void LogFollowed(string previous, string version, long id);

    [LoggerMessage(LogLevel.Error, "The published model {Version} cannot be loaded by this build; {Live} goes on scoring: {Problem}")]
    private partial void LogUnusable(string version, string live, string problem);
}
