using RiskFlags.Core.Contract;

namespace RiskFlags.Data;

/// <summary>Stores validated events through the bulk path, in one transaction.</summary>
public static class EventStore
{
    public static async Task<long> UpsertAsync(RiskFlagsDbContext db, StoreConnection store, IReadOnlyList<EventRecord> events, CancellationToken cancellationToken = default)
    {
        await using var upsert = await BulkUpsert.OpenAsync(db, store, cancellationToken);
        return await upsert.UpsertAsync(upsert.Events, events, cancellationToken);
    }
}
