using Microsoft.Extensions.Caching.Memory;
using RiskFlags.Data;

namespace RiskFlags.Server.Hosting;

/// <summary>What every request needs to know about the store, read in one go.</summary>
/// <param name="DataEnd">The date the store's data run to (the default as_of); null when it holds no events.</param>
/// <param name="Demo">The store holds synthetic demo data: every answer says so.</param>
public sealed record StoreSnapshot(DateOnly? DataEnd, bool Demo, string? DemoDetail, long DataVersion);

/// <summary>
/// The store's snapshot, read at most every ten seconds (and again after an ingest here): an
/// extract's end moves only when new data arrive, and reading it on every request would cost
/// queries each time.
/// </summary>
public sealed class StoreView(IMemoryCache cache)
{
    private static readonly object Key = new();

    public void Forget() => cache.Remove(Key);

    public async Task<StoreSnapshot> GetAsync(RiskFlagsDbContext db, CancellationToken cancellationToken) =>
        (await cache.GetOrCreateAsync(Key, async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = TimeSpan.FromSeconds(10);
            var info = await StoreInfo.ReadAsync(db, cancellationToken);
            return new StoreSnapshot(await LinkedDataStore.DataEndAsync(db, cancellationToken), info.Demo, info.DemoDetail, info.DataVersion);
        }))!;
}
