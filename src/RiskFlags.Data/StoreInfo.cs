using Microsoft.EntityFrameworkCore;

namespace RiskFlags.Data;

/// <summary>Reads and moves on the store's one <see cref="StoreInfoRow"/>.</summary>
public static class StoreInfo
{
    public static async Task<StoreInfoRow> ReadAsync(RiskFlagsDbContext db, CancellationToken cancellationToken = default) =>
        await db.StoreInfo.AsNoTracking().FirstOrDefaultAsync(i => i.Id == StoreInfoRow.SingleId, cancellationToken) ?? new StoreInfoRow();

    /// <summary>
    /// Records that the linked data changed (an import or ingest): the data version moves on, and a
    /// demo import marks the store as demo for good (a store never stops being one).
    /// </summary>
    public static Task MarkChangedAsync(RiskFlagsDbContext db, TimeProvider time, string? demoDetail = null, CancellationToken cancellationToken = default)
    {
        var demo = demoDetail is not null;
        var now = time.GetUtcNow();
        return db.Database.ExecuteSqlInterpolatedAsync(
            $"""
            INSERT INTO store_info (id, demo, demo_detail, data_version, updated_at) VALUES ({StoreInfoRow.SingleId}, {demo}, {demoDetail}, 1, {now})
            ON CONFLICT (id) DO UPDATE SET data_version = store_info.data_version + 1, updated_at = {now},
                demo = store_info.demo OR {demo}, demo_detail = COALESCE(store_info.demo_detail, {demoDetail})
            """,
            cancellationToken);
    }
}
