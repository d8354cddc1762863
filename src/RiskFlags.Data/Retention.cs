using Microsoft.EntityFrameworkCore;
using RiskFlags.Core.Contract;

namespace RiskFlags.Data;

/// <summary>
/// Removes the records past the council's retention period: every event whose end (or date, for a
/// single event) is before the cut-off. An open episode is never removed however old its start, and
/// audit rows are never touched (they are kept under their own, longer policy). The whole store is
/// marked changed (a child's removed episode also changes its mother's prior removals in any family she
/// heads), so every replica assesses again.
/// </summary>
public static class Retention
{
    public static async Task<RetentionResult> RunAsync(RiskFlagsDbContext db, DateOnly cutoff, TimeProvider time, CancellationToken cancellationToken = default)
    {
        var episodes = Vocabulary.Types.Where(t => Vocabulary.IsEpisode(t.Value)).Select(t => t.Key).ToList();
        var expired = db.Events.Where(e => (e.EndDate != null && e.EndDate < cutoff) || (e.EndDate == null && e.Date < cutoff && !episodes.Contains(e.Type)));
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var counts = (await expired.GroupBy(e => e.Type).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken))
            .OrderBy(c => c.Key, StringComparer.Ordinal).ToDictionary(c => c.Key, c => c.Count, StringComparer.Ordinal);
        var families = await expired.Join(db.People, e => e.PersonId, p => p.PersonId, (_, p) => p.FamilyId).Distinct().ToListAsync(cancellationToken);
        var openKept = await db.Events.CountAsync(e => e.EndDate == null && e.Date < cutoff && episodes.Contains(e.Type), cancellationToken);
        var removed = await expired.ExecuteDeleteAsync(cancellationToken);
        if (removed > 0)
        {
            await StoreInfo.MarkDataChangedAsync(db, time, null, cancellationToken: cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return new RetentionResult(cutoff, removed, counts, families.Count, openKept);
    }
}
