using Microsoft.Extensions.Options;
using RiskFlags.Core.Contract;
using RiskFlags.Core.DemoData;
using RiskFlags.Data;

namespace RiskFlags.Server.Hosting;

/// <summary>
/// Before the server listens: creates or migrates the store, then makes sure synthetic data and
/// real councils never meet. Demo data are loaded into an empty store only in Development; a
/// Production server refuses a store that holds demo data, and starts on an empty store empty,
/// saying how to import. Last, the live model becomes the store's published one.
/// </summary>
internal sealed partial class StoreInitializer(
    StoreConnection store,
    IOptions<RiskFlagsOptions> options,
    IHostEnvironment environment,
    TimeProvider time,
    PublishedModel published,
    ILogger<StoreInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await PrepareDataAsync(cancellationToken);
        await published.StartAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task PrepareDataAsync(CancellationToken cancellationToken)
    {
        var demoFamilies = options.Value.DemoFamilies;
        if (demoFamilies > 0 && !environment.IsDevelopment())
        {
            throw new StartupException(
                $"RiskFlags:DemoFamilies is {demoFamilies}, but demo data are loaded only when the environment is Development (it is {environment.EnvironmentName}); " +
                "remove the setting, and import the council's data with riskflags import");
        }

        await store.MigrateAsync(cancellationToken);
        await using var db = store.CreateContext();
        var counts = await LinkedDataStore.CountAsync(db, cancellationToken);
        var info = await StoreInfo.ReadAsync(db, cancellationToken);
        if (info.Demo && environment.IsProduction())
        {
            throw new StartupException(
                $"{store.Describe()} holds synthetic demo data ({info.DemoDetail}); a Production server never serves demo families: point ConnectionStrings:RiskFlags at the council's store");
        }

        if (counts.Families > 0)
        {
            LogStore(store.Describe(), counts.Families, counts.Events, info.Demo ? $"demo data: {info.DemoDetail}" : "real data");
            return;
        }

        if (demoFamilies <= 0)
        {
            LogEmpty(store.Describe());
            return;
        }

        await LoadDemoAsync(new DemoDataOptions { Families = demoFamilies, Seed = options.Value.DemoSeed }, cancellationToken);
    }

    private async Task LoadDemoAsync(DemoDataOptions demo, CancellationToken cancellationToken)
    {
        var folder = Directory.CreateTempSubdirectory("riskflags-demo-");
        try
        {
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

    [LoggerMessage(LogLevel.Information, "Store {Store}: {Families} families, {Events} events ({Kind})")]
    private partial void LogStore(string store, long families, long events, string kind);

    [LoggerMessage(LogLevel.Warning, "Store {Store} is empty: import the council's extract with `riskflags import DIR --db ...` (README: Importing data); until then there are no families to assess")]
    private partial void LogEmpty(string store);

    [LoggerMessage(LogLevel.Information, "Store {Store} was empty: loaded {Families} demo families ({Events} events, seed {Seed}); the store is marked as a demo store")]
    private partial void LogDemoLoaded(string store, long families, long events, int seed);
}
