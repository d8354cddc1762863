using Microsoft.EntityFrameworkCore;
using RiskFlags.Core.Facts;

namespace RiskFlags.Data;

public sealed record StoreCounts(long Families, long People, long Events);

/// <summary>Reads the stored linked data back as the index the fact builder works on.</summary>
public static class LinkedDataStore
{
    public static async Task<LinkedDataIndex> LoadIndexAsync(RiskFlagsDbContext db, CancellationToken cancellationToken = default)
    {
        var builder = new LinkedDataIndexBuilder();
        await foreach (var family in db.Families.AsNoTracking().AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            builder.Add(family.ToRecord());
        }

        await foreach (var person in db.People.AsNoTracking().AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            builder.Add(person.ToRecord());
        }

        var events = db.Events.AsNoTracking().Select(e => new { e.PersonId, e.Type, e.Date, e.EndDate, e.Detail });
        await foreach (var e in events.AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            builder.Add(e.PersonId, RowMapping.ToPersonEvent(RowMapping.ParseType(e.Type), e.Date, e.EndDate, e.Detail));
        }

        return builder.Build();
    }

    public static async Task<StoreCounts> CountAsync(RiskFlagsDbContext db, CancellationToken cancellationToken = default) => new(
        await db.Families.LongCountAsync(cancellationToken),
        await db.People.LongCountAsync(cancellationToken),
        await db.Events.LongCountAsync(cancellationToken));
}
