using Microsoft.EntityFrameworkCore;
using RiskFlags.Core.Contract;
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

    /// <summary>
    /// One family's history: its members and their events, and the children of its mother in other
    /// families (whose removals count as her prior removals). Null when the family is not stored.
    /// </summary>
    public static async Task<FamilyHistory?> LoadFamilyAsync(RiskFlagsDbContext db, string familyId, CancellationToken cancellationToken = default)
    {
        var family = await db.Families.AsNoTracking().FirstOrDefaultAsync(f => f.FamilyId == familyId, cancellationToken);
        if (family is null)
        {
            return null;
        }

        var people = await RelatedPeopleAsync(db, familyId, cancellationToken);
        var personIds = people.Select(p => p.PersonId).Distinct().ToList();
        var events = await db.Events.AsNoTracking()
            .Where(e => personIds.Contains(e.PersonId))
            .Select(e => new { e.PersonId, e.Type, e.Date, e.EndDate, e.Detail })
            .ToListAsync(cancellationToken);

        var builder = new LinkedDataIndexBuilder();
        builder.Add(family.ToRecord());
        foreach (var other in people.Select(p => p.FamilyId).Distinct().Where(id => id != familyId))
        {
            builder.Add(new FamilyRecord(other, null, null));
        }

        foreach (var person in people)
        {
            builder.Add(person.ToRecord());
        }

        foreach (var e in events)
        {
            builder.Add(e.PersonId, RowMapping.ToPersonEvent(RowMapping.ParseType(e.Type), e.Date, e.EndDate, e.Detail));
        }

        return builder.Build().Find(familyId);
    }

    /// <summary>The events a family's facts rest on, dated on or before <paramref name="asOf"/>, newest first.</summary>
    public static async Task<IReadOnlyList<(EventRow Event, string Role, bool OtherFamily)>> TimelineAsync(
        RiskFlagsDbContext db, string familyId, DateOnly asOf, CancellationToken cancellationToken = default)
    {
        var people = await RelatedPeopleAsync(db, familyId, cancellationToken);
        var roles = people.GroupBy(p => p.PersonId).ToDictionary(g => g.Key, g => g.OrderBy(p => p.FamilyId != familyId).First());
        var personIds = roles.Keys.ToList();
        var events = await db.Events.AsNoTracking()
            .Where(e => personIds.Contains(e.PersonId) && e.Date <= asOf)
            .OrderByDescending(e => e.Date).ThenBy(e => e.Source).ThenBy(e => e.EventId)
            .ToListAsync(cancellationToken);

        // Another family's children matter only through their removals.
        return [.. events
            .Select(e => (Event: e, Person: roles[e.PersonId]))
            .Where(x => x.Person.FamilyId == familyId || x.Event.Type == "care_episode")
            .Select(x => (x.Event, x.Person.Role, x.Person.FamilyId != familyId))];
    }

    /// <summary>The latest event date in the store: the date an extract runs to. Null when the store is empty.</summary>
    public static Task<DateOnly?> DataEndAsync(RiskFlagsDbContext db, CancellationToken cancellationToken = default) =>
        db.Events.MaxAsync(e => (DateOnly?)e.Date, cancellationToken);

    /// <summary>The family's members, and the members of other families its mothers head (for their children's removals).</summary>
    private static async Task<List<PersonRow>> RelatedPeopleAsync(RiskFlagsDbContext db, string familyId, CancellationToken cancellationToken)
    {
        var members = await db.People.AsNoTracking().Where(p => p.FamilyId == familyId).ToListAsync(cancellationToken);
        var mothers = members.Where(m => m.Role == "mother").Select(m => m.PersonId).ToList();
        if (mothers.Count == 0)
        {
            return members;
        }

        var otherFamilies = await db.People.AsNoTracking()
            .Where(p => mothers.Contains(p.PersonId) && p.Role == "mother" && p.FamilyId != familyId)
            .Select(p => p.FamilyId).Distinct().ToListAsync(cancellationToken);
        if (otherFamilies.Count == 0)
        {
            return members;
        }

        var others = await db.People.AsNoTracking().Where(p => otherFamilies.Contains(p.FamilyId)).ToListAsync(cancellationToken);
        return [.. members, .. others];
    }

    public static async Task<StoreCounts> CountAsync(RiskFlagsDbContext db, CancellationToken cancellationToken = default) => new(
        await db.Families.LongCountAsync(cancellationToken),
        await db.People.LongCountAsync(cancellationToken),
        await db.Events.LongCountAsync(cancellationToken));
}
