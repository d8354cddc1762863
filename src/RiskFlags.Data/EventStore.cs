using Microsoft.EntityFrameworkCore;
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

        // Every family the people belong to, and every other family their families' mothers head:
        // a child's removal is a prior removal of its mother's in each family she heads.
        var people = events.Select(e => e.PersonId).Distinct().ToList();
        var families = await db.People.AsNoTracking().Where(p => people.Contains(p.PersonId)).Select(p => p.FamilyId).Distinct().ToListAsync(cancellationToken);
        var mothers = db.People.AsNoTracking().Where(m => families.Contains(m.FamilyId) && m.Role == "mother").Select(m => m.PersonId);
        var alsoHeaded = await db.People.AsNoTracking().Where(o => o.Role == "mother" && mothers.Contains(o.PersonId)).Select(o => o.FamilyId).Distinct().ToListAsync(cancellationToken);
        await StoreInfo.MarkDataChangedAsync(db, time, [.. families.Union(alsoHeaded)], cancellationToken: cancellationToken);
        return written;
    }
}
