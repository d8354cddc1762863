using Microsoft.EntityFrameworkCore;

namespace RiskFlags.Data;

/// <summary>
/// The store's model registry: publications in order, the newest live. A publication moves the
/// store's models version on in the same transaction, which is how every replica learns of it on
/// its next request.
/// </summary>
public static class ModelRegistry
{
    /// <summary>The live publication; null while the registry is empty.</summary>
    public static Task<ModelRegistryRow?> LiveAsync(RiskFlagsDbContext db, CancellationToken cancellationToken = default) =>
        db.ModelRegistry.AsNoTracking().OrderByDescending(r => r.Id).FirstOrDefaultAsync(cancellationToken);

    /// <summary>Every publication, newest first, without the model files.</summary>
    public static Task<List<ModelRegistryRow>> ListAsync(RiskFlagsDbContext db, CancellationToken cancellationToken = default) =>
        db.ModelRegistry.AsNoTracking().OrderByDescending(r => r.Id)
            .Select(r => new ModelRegistryRow
            {
                Id = r.Id, Version = r.Version, Action = r.Action, PublishedAt = r.PublishedAt, PublishedBy = r.PublishedBy, Role = r.Role,
                Reason = r.Reason, PreviousVersion = r.PreviousVersion, Model = Array.Empty<byte>(), Comparison = r.Comparison, ComparisonDetail = r.ComparisonDetail,
            })
            .ToListAsync(cancellationToken);

    /// <summary>The newest publication of a version (its file and card); null when it was never published.</summary>
    public static Task<ModelRegistryRow?> FindAsync(RiskFlagsDbContext db, string version, CancellationToken cancellationToken = default) =>
        db.ModelRegistry.AsNoTracking().Where(r => r.Version == version).OrderByDescending(r => r.Id).FirstOrDefaultAsync(cancellationToken);

    /// <summary>
    /// Records a publication and moves the models version on, in one transaction. Refused (false) when
    /// the live version is no longer <paramref name="expectedLive"/>: another caller published first.
    /// </summary>
    /// <param name="audit">An audit row written in the same transaction, for a publication no call audits (the one made at start).</param>
    public static async Task<bool> PublishAsync(RiskFlagsDbContext db, ModelRegistryRow row, string? expectedLive, AuditRow? audit = null, CancellationToken cancellationToken = default)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // The version bump first: it locks the store_info row, so two publications cannot both see the same live model.
        var now = row.PublishedAt;
        await db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO store_info (id, demo, data_version, referrals_version, models_version, updated_at) VALUES ({StoreInfoRow.SingleId}, {false}, 0, 0, 1, {now})
            ON CONFLICT (id) DO UPDATE SET models_version = store_info.models_version + 1, updated_at = {now}
            """, cancellationToken);
        var live = await db.ModelRegistry.OrderByDescending(r => r.Id).Select(r => r.Version).FirstOrDefaultAsync(cancellationToken);
        if (live != expectedLive)
        {
            return false;
        }

        row.PreviousVersion = live;
        db.ModelRegistry.Add(row);
        if (audit is not null)
        {
            db.Audit.Add(audit);
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }
}
