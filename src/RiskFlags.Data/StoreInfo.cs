using System.Data.Common;
using Microsoft.EntityFrameworkCore;

namespace RiskFlags.Data;

/// <summary>
/// Reads and moves on the store's one <see cref="StoreInfoRow"/>, and the change log beside it: every
/// change of the linked data or of a family's referrals moves a version on and says which families
/// it touched, in the writer's transaction, so any replica can tell exactly what its caches missed.
/// </summary>
public static class StoreInfo
{
    /// <summary>How long the change log keeps a change; a replica further behind than this drops every cached assessment.</summary>
    public static readonly TimeSpan ChangeLogRetention = TimeSpan.FromDays(1);

    /// <summary>Changes older than the retention are deleted at every this many versions of either kind.</summary>
    public const int PruneEveryVersions = 1000;

    private static readonly string VersionsSql = $"SELECT data_version, referrals_version, demo, demo_detail, models_version FROM store_info WHERE id = {StoreInfoRow.SingleId}";

    public static async Task<StoreInfoRow> ReadAsync(RiskFlagsDbContext db, CancellationToken cancellationToken = default) =>
        await db.StoreInfo.AsNoTracking().FirstOrDefaultAsync(i => i.Id == StoreInfoRow.SingleId, cancellationToken) ?? new StoreInfoRow();

    /// <summary>
    /// The versions, in one primary-key read. Every request makes it, so it is a plain command: EF's
    /// query pipeline, even compiled, cost more than SQLite's read.
    /// </summary>
    public static async Task<StoreVersions> VersionsAsync(RiskFlagsDbContext db, CancellationToken cancellationToken = default)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            return await VersionsAsync(db.Database.GetDbConnection(), cancellationToken);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <inheritdoc cref="VersionsAsync(RiskFlagsDbContext, CancellationToken)"/>
    /// <param name="connection">An open connection to the store.</param>
    public static async Task<StoreVersions> VersionsAsync(DbConnection connection, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = VersionsSql;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new StoreVersions(reader.GetInt64(0), reader.GetInt64(1), reader.GetBoolean(2), reader.IsDBNull(3) ? null : reader.GetString(3), reader.GetInt64(4))
            : new StoreVersions(0, 0, false, null, 0);
    }

    /// <summary>
    /// Records that the linked data changed (an import, an ingest): the data version moves on, with a
    /// change row for each family touched (one for every family when <paramref name="families"/> is
    /// null); a demo import marks the store as demo for good. Call after the data are committed, so no
    /// replica sees the new version before the data it stands for.
    /// </summary>
    public static Task<long> MarkDataChangedAsync(RiskFlagsDbContext db, TimeProvider time, IReadOnlyCollection<string>? families, string? demoDetail = null, CancellationToken cancellationToken = default)
    {
        var demo = demoDetail is not null;
        var now = time.GetUtcNow();
        return MarkAsync(db, StoreChangeRow.Data, families, now, db.Database.SqlQuery<long>(
            $"""
            INSERT INTO store_info (id, demo, demo_detail, data_version, referrals_version, updated_at) VALUES ({StoreInfoRow.SingleId}, {demo}, {demoDetail}, 1, 0, {now})
            ON CONFLICT (id) DO UPDATE SET data_version = store_info.data_version + 1, updated_at = {now},
                demo = store_info.demo OR {demo}, demo_detail = COALESCE(store_info.demo_detail, {demoDetail})
            RETURNING data_version AS "Value"
            """), cancellationToken);
    }

    /// <summary>Records that these families' referrals changed (a suggestion, a decision, a place). Call inside the change's own transaction.</summary>
    public static Task<long> MarkReferralsChangedAsync(RiskFlagsDbContext db, TimeProvider time, IReadOnlyCollection<string> families, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        return MarkAsync(db, StoreChangeRow.Referrals, families, now, db.Database.SqlQuery<long>(
            $"""
            INSERT INTO store_info (id, demo, data_version, referrals_version, updated_at) VALUES ({StoreInfoRow.SingleId}, {false}, 0, 1, {now})
            ON CONFLICT (id) DO UPDATE SET referrals_version = store_info.referrals_version + 1, updated_at = {now}
            RETURNING referrals_version AS "Value"
            """), cancellationToken);
    }

    /// <summary>The changes after the given versions, oldest first.</summary>
    public static Task<List<StoreChangeRow>> ChangesSinceAsync(RiskFlagsDbContext db, long dataVersion, long referralsVersion, CancellationToken cancellationToken = default) =>
        db.StoreChanges.AsNoTracking()
            .Where(c => (c.Kind == StoreChangeRow.Data && c.Version > dataVersion) || (c.Kind == StoreChangeRow.Referrals && c.Version > referralsVersion))
            .OrderBy(c => c.Id)
            .ToListAsync(cancellationToken);

    /// <summary>The version and its change rows in one transaction (the caller's, when it has one): a replica never sees a version without its changes.</summary>
    private static async Task<long> MarkAsync(RiskFlagsDbContext db, string kind, IReadOnlyCollection<string>? families, DateTimeOffset now, IQueryable<long> bump, CancellationToken cancellationToken)
    {
        var own = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        await using var _ = own;
        var version = (await bump.ToListAsync(cancellationToken)).Single();
        db.StoreChanges.AddRange(families is null
            ? [new StoreChangeRow { Kind = kind, Version = version, FamilyId = null, At = now }]
            : families.Distinct(StringComparer.Ordinal).Select(f => new StoreChangeRow { Kind = kind, Version = version, FamilyId = f, At = now }));
        if (version % PruneEveryVersions == 0)
        {
            // SQL, not LINQ: SQLite cannot compare DateTimeOffset in a translated query. Its column holds
            // ISO text with the offset, always +00:00 here (UTC), so comparing the text compares the times.
            var cutoff = (now - ChangeLogRetention).ToUniversalTime();
            await db.Database.ExecuteSqlAsync($"DELETE FROM store_changes WHERE at < {cutoff}", cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        if (own is not null)
        {
            await own.CommitAsync(cancellationToken);
        }

        return version;
    }
}
