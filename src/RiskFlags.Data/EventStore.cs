using RiskFlags.Core.Contract;

namespace RiskFlags.Data;

/// <summary>Stores validated events through the bulk path, in one transaction, and moves the store's data version on.</summary>
public static class EventStore
{
    public static async Task<long> UpsertAsync(RiskFlagsDbContext db, StoreConnection store, IReadOnlyList<EventRecord> events, TimeProvider time, CancellationToken cancellationToken = default)
    {
        long written;
        await using (var upsert = await BulkUpsert.OpenAsync(db, store, cancellationToken))
        {
            written = await upsert.UpsertAsync(upsert.Events, events, cancellationToken);
        }

        await StoreInfo.MarkChangedAsync(db, time, cancellationToken: cancellationToken);
        return written;
    }
}
