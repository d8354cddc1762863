using Microsoft.EntityFrameworkCore;
using RiskFlags.Core.Contract;
using RiskFlags.Core.Facts;

namespace RiskFlags.Data;

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
        // One connection for both queries: EF Core would otherwise open and close one for each.
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            return await LoadOpenFamilyAsync(db, familyId, cancellationToken);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static async Task<FamilyHistory?> LoadOpenFamilyAsync(RiskFlagsDbContext db, string familyId, CancellationToken cancellationToken)
    {
        var queries = QueriesFor(db);
        if (await queries.FamilyById(db, familyId, cancellationToken) is not { } family)
        {
            return null;
        }

        var builder = new LinkedDataIndexBuilder();
        builder.Add(family.ToRecord());

        // The join repeats a person for each of their events, and a mother's events for each family she is in.
        var families = new HashSet<string> { familyId };
        var memberships = new HashSet<(string PersonId, string FamilyId)>();
        var events = new HashSet<(string Source, string EventId)>();
        await foreach (var (person, e) in queries.PeopleWithEvents(db, familyId).WithCancellation(cancellationToken))
        {
            if (families.Add(person.FamilyId))
            {
                builder.Add(new FamilyRecord(person.FamilyId, null, null));
            }

            if (memberships.Add((person.PersonId, person.FamilyId)))
            {
                builder.Add(person.ToRecord());
            }

            if (e is not null && events.Add((e.Source, e.EventId)))
            {
                builder.Add(e.PersonId, RowMapping.ToPersonEvent(RowMapping.ParseType(e.Type), e.Date, e.EndDate, e.Detail));
            }
        }

        return builder.Build().Find(familyId);
    }

    /// <summary>The events a family's facts rest on, dated on or before <paramref name="asOf"/>, newest first.</summary>
    public static async Task<IReadOnlyList<(EventRow Event, string Role, bool OtherFamily)>> TimelineAsync(
        RiskFlagsDbContext db, string familyId, DateOnly asOf, CancellationToken cancellationToken = default)
    {
        var rows = await QueriesFor(db).PeopleWithEvents(db, familyId).ToListAsync(cancellationToken);

        // A mother's events come once for each family she is in; the membership to show is this family's.
        // Another family's children matter only through their removals.
        return [.. rows
            .Where(r => r.Event is { } e && e.Date <= asOf)
            .Select(r => (Event: r.Event!, r.Person))
            .GroupBy(x => (x.Event.Source, x.Event.EventId))
            .Select(g => g.OrderBy(x => x.Person.FamilyId != familyId).First())
            .Where(x => x.Person.FamilyId == familyId || x.Event.Type == "care_episode")
            .OrderByDescending(x => x.Event.Date).ThenBy(x => x.Event.Source, StringComparer.Ordinal).ThenBy(x => x.Event.EventId, StringComparer.Ordinal)
            .Select(x => (x.Event, x.Person.Role, x.Person.FamilyId != familyId))];
    }

    /// <summary>The latest event date in the store: the date an extract runs to. Null when the store is empty.</summary>
    public static Task<DateOnly?> DataEndAsync(RiskFlagsDbContext db, CancellationToken cancellationToken = default) =>
        db.Events.MaxAsync(e => (DateOnly?)e.Date, cancellationToken);

    private static readonly PerModel<FamilyQueries> Queries = new(() => new FamilyQueries());

    private static FamilyQueries QueriesFor(RiskFlagsDbContext db) => Queries.For(db);

    /// <summary>
    /// Compiled once per model: an assessment runs these on every call, and translating the LINQ
    /// each time costs more than the store takes to answer them.
    /// </summary>
    private sealed class FamilyQueries
    {
        public readonly Func<RiskFlagsDbContext, string, CancellationToken, Task<FamilyRow?>> FamilyById =
            EF.CompileAsyncQuery((RiskFlagsDbContext db, string familyId, CancellationToken _) =>
                db.Families.AsNoTracking().FirstOrDefault(f => f.FamilyId == familyId));

        /// <summary>
        /// In one round trip: the family's members, the members of other families its mothers head (for
        /// their children's removals), and each of these people's events (null for a person with none).
        /// </summary>
        public readonly Func<RiskFlagsDbContext, string, IAsyncEnumerable<(PersonRow Person, EventRow? Event)>> PeopleWithEvents =
            EF.CompileAsyncQuery((RiskFlagsDbContext db, string familyId) =>
                db.People.AsNoTracking()
                    .Where(p => p.FamilyId == familyId
                        || db.People.Where(o => o.Role == "mother" && o.FamilyId != familyId
                                && db.People.Where(m => m.FamilyId == familyId && m.Role == "mother").Select(m => m.PersonId).Contains(o.PersonId))
                            .Select(o => o.FamilyId).Contains(p.FamilyId))
                    .LeftJoin(db.Events.AsNoTracking(), p => p.PersonId, e => e.PersonId, (p, e) => new ValueTuple<PersonRow, EventRow?>(p, e)));
    }

    public static async Task<StoreCounts> CountAsync(RiskFlagsDbContext db, CancellationToken cancellationToken = default) => new(
        await db.Families.LongCountAsync(cancellationToken),
        await db.People.LongCountAsync(cancellationToken),
        await db.Events.LongCountAsync(cancellationToken));
}
