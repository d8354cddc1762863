using Microsoft.Extensions.Options;
using RiskFlags.Core.Contract;
using RiskFlags.Core.DemoData;
using RiskFlags.Data;

namespace RiskFlags.Server.Hosting;

/// <summary>
/// Before the server listens: creates or migrates the store and, when it is empty, loads demo data
/// so that a first start from a clean clone has families to assess.
/// </summary>
internal sealed partial class StoreInitializer(
    StoreConnection store,
    IOptions<RiskFlagsOptions> options,
    TimeProvider time,
    ILogger<StoreInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await store.MigrateAsync(cancellationToken);
        await using var db = store.CreateContext();
        var counts = await LinkedDataStore.CountAsync(db, cancellationToken);
        if (counts.Families > 0 || options.Value.DemoFamilies <= 0)
        {
            LogStore(store.Describe(), counts.Families, counts.Events);
            return;
        }

        var folder = Directory.CreateTempSubdirectory("riskflags-demo-");
        try
        {
            var demo = new DemoDataOptions { Families = options.Value.DemoFamilies, Seed = options.Value.DemoSeed };
            DemoDataGenerator.Write(demo, folder.FullName);
            var rejected = new List<RowError>();
            var result = await new LinkedDataImporter(store, time).ImportAsync(folder.FullName, rejected.Add, cancellationToken);
            if (rejected.Count > 0)
            {
                throw new InvalidOperationException($"demo data broke its own contract: {rejected[0]}");
            }

            LogDemoLoaded(store.Describe(), result.Families.Loaded, result.Events.Loaded, demo.Seed);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(LogLevel.Information, "Store {Store}: {Families} families, {Events} events")]
    private partial void LogStore(string store, long families, long events);

    [LoggerMessage(LogLevel.Information, "Store {Store} was empty: loaded {Families} demo families ({Events} events, seed {Seed})")]
    private partial void LogDemoLoaded(string store, long families, long events, int seed);
}
