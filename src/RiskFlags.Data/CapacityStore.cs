using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using RiskFlags.Core.Capacity;

namespace RiskFlags.Data;

/// <summary>
/// The live programme catalogue, and enrolments and waiting lists. Places are counted per programme
/// year (April to March) in one row per programme and year; a place is taken by one conditional
/// UPDATE (enrolled + 1 where enrolled &lt; places), so concurrent accepts can never over-fill a
/// programme, in SQLite or PostgreSQL.
/// </summary>
public static class CapacityStore
{
    public static int ProgrammeYear(DateTimeOffset when) => when.Month >= 4 ? when.Year : when.Year - 1;

    /// <summary>The live catalogue; on first use, the shipped defaults from <paramref name="seedPath"/>.</summary>
    /// <exception cref="CatalogueException">The seed file is invalid.</exception>
    public static async Task<(ProgrammeCatalogue Catalogue, int Version)> CatalogueAsync(RiskFlagsDbContext db, string seedPath, TimeProvider time, CancellationToken cancellationToken = default)
    {
        var row = await db.Catalogue.AsNoTracking().FirstOrDefaultAsync(cancellationToken);
        if (row is null)
        {
            var seed = ProgrammeCatalogue.Load(seedPath);
            db.Catalogue.Add(new CatalogueRow { Json = Serialize(seed), Version = 1, UpdatedAt = time.GetUtcNow(), UpdatedBy = ProgrammeCatalogue.FileName });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // Another replica seeded it first: read theirs.
            }

            db.ChangeTracker.Clear();
            row = await db.Catalogue.AsNoTracking().FirstAsync(cancellationToken);
        }

        return (JsonSerializer.Deserialize<ProgrammeCatalogue>(row.Json, ProgrammeCatalogue.JsonOptions)!, row.Version);
    }

    /// <summary>Saves an edited catalogue if nobody else has since <paramref name="expectedVersion"/>; returns the new version.</summary>
    /// <exception cref="DbUpdateConcurrencyException">Someone else changed it first.</exception>
    public static async Task<int> SaveCatalogueAsync(RiskFlagsDbContext db, ProgrammeCatalogue catalogue, int expectedVersion, string by, TimeProvider time, CancellationToken cancellationToken = default)
    {
        var row = await db.Catalogue.FirstAsync(cancellationToken);
        if (row.Version != expectedVersion)
        {
            throw new DbUpdateConcurrencyException($"the catalogue is at version {row.Version}, not {expectedVersion}");
        }

        row.Json = Serialize(catalogue);
        row.Version = expectedVersion + 1;
        row.UpdatedAt = time.GetUtcNow();
        row.UpdatedBy = by;
        return row.Version;
    }

    public static string Serialize(ProgrammeCatalogue catalogue) => JsonSerializer.Serialize(catalogue, ProgrammeCatalogue.JsonOptions);

    /// <summary>Families with a place and families waiting, per programme, in a programme year.</summary>
    public static async Task<Dictionary<string, ProgrammeUptake>> UptakeAsync(RiskFlagsDbContext db, int year, CancellationToken cancellationToken = default)
    {
        var enrolled = await db.ProgrammeYears.AsNoTracking().Where(y => y.Year == year).ToDictionaryAsync(y => y.ProgrammeId, y => y.Enrolled, cancellationToken);
        var waiting = await db.Enrolments.AsNoTracking().Where(e => e.Status == EnrolmentRow.Waiting)
            .GroupBy(e => e.ProgrammeId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        return enrolled.Keys.Union(waiting.Keys)
            .ToDictionary(id => id, id => new ProgrammeUptake(enrolled.GetValueOrDefault(id), waiting.GetValueOrDefault(id)));
    }

    /// <summary>(family, programme) already enrolled, waiting or declined: demand that is no longer "not yet referred".</summary>
    public static async Task<HashSet<(string FamilyId, string ProgrammeId)>> ReferredAsync(RiskFlagsDbContext db, CancellationToken cancellationToken = default)
    {
        var enrolments = await db.Enrolments.AsNoTracking().Where(e => e.Status != EnrolmentRow.Ended)
            .Select(e => new { e.FamilyId, e.ProgrammeId }).ToListAsync(cancellationToken);
        var declined = await db.Suggestions.AsNoTracking().Where(s => s.Status == SuggestionRow.Declined)
            .Select(s => new { s.FamilyId, ProgrammeId = s.Programme }).ToListAsync(cancellationToken);
        return [.. enrolments.Concat(declined).Select(x => (x.FamilyId, x.ProgrammeId))];
    }

    /// <summary>
    /// An accepted suggestion takes a place when one is free in the programme's current year, or joins
    /// the waiting list. Call inside the decision's transaction; the caller's SaveChanges stores the row.
    /// </summary>
    public static async Task<EnrolmentRow> EnrolAsync(RiskFlagsDbContext db, SuggestionRow suggestion, double places, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var year = ProgrammeYear(now);
        var taken = await TakePlaceAsync(db, suggestion.Programme, year, places, cancellationToken);
        var row = new EnrolmentRow
        {
            EnrolmentId = $"e_{Guid.CreateVersion7(now):N}",
            ProgrammeId = suggestion.Programme,
            Year = year,
            FamilyId = suggestion.FamilyId,
            SuggestionId = suggestion.SuggestionId,
            Status = taken ? EnrolmentRow.Enrolled : EnrolmentRow.Waiting,
            QueuedAt = now.UtcTicks,
            EnrolledAt = taken ? now : null,
        };
        db.Enrolments.Add(row);
        return row;
    }

    /// <summary>1-based place in the programme's waiting list.</summary>
    public static async Task<int> PositionAsync(RiskFlagsDbContext db, EnrolmentRow waiting, CancellationToken cancellationToken = default) =>
        1 + await db.Enrolments.CountAsync(e => e.ProgrammeId == waiting.ProgrammeId && e.Status == EnrolmentRow.Waiting
            && (e.QueuedAt < waiting.QueuedAt || (e.QueuedAt == waiting.QueuedAt && string.Compare(e.EnrolmentId, waiting.EnrolmentId) < 0)), cancellationToken);

    public static Task<List<EnrolmentRow>> WaitingListAsync(RiskFlagsDbContext db, string programmeId, CancellationToken cancellationToken = default) =>
        db.Enrolments.AsNoTracking().Where(e => e.ProgrammeId == programmeId && e.Status == EnrolmentRow.Waiting)
            .OrderBy(e => e.QueuedAt).ThenBy(e => e.EnrolmentId).ToListAsync(cancellationToken);

    /// <summary>
    /// Ends an enrolment and offers the freed place to the head of the waiting list. Call inside a
    /// transaction. Returns null when there is no such enrolment.
    /// </summary>
    /// <exception cref="InvalidOperationException">The enrolment is not current (waiting or already ended).</exception>
    public static async Task<(EnrolmentRow Ended, EnrolmentRow? Promoted)?> EndAsync(
        RiskFlagsDbContext db, string enrolmentId, string reason, double places, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var ended = await db.Enrolments.Where(e => e.EnrolmentId == enrolmentId && e.Status == EnrolmentRow.Enrolled)
            .ExecuteUpdateAsync(u => u.SetProperty(e => e.Status, EnrolmentRow.Ended).SetProperty(e => e.EndedAt, now).SetProperty(e => e.EndReason, reason), cancellationToken);
        var row = await db.Enrolments.AsNoTracking().FirstOrDefaultAsync(e => e.EnrolmentId == enrolmentId, cancellationToken);
        if (row is null)
        {
            return null;
        }

        if (ended == 0)
        {
            throw new InvalidOperationException($"enrolment '{enrolmentId}' is {row.Status}, not enrolled");
        }

        await db.ProgrammeYears.Where(y => y.ProgrammeId == row.ProgrammeId && y.Year == row.Year && y.Enrolled > 0)
            .ExecuteUpdateAsync(u => u.SetProperty(y => y.Enrolled, y => y.Enrolled - 1), cancellationToken);
        var head = (await WaitingListAsync(db, row.ProgrammeId, cancellationToken)).FirstOrDefault();
        if (head is null || !await TakePlaceAsync(db, head.ProgrammeId, head.Year, places, cancellationToken))
        {
            return (row, null);
        }

        await db.Enrolments.Where(e => e.EnrolmentId == head.EnrolmentId && e.Status == EnrolmentRow.Waiting)
            .ExecuteUpdateAsync(u => u.SetProperty(e => e.Status, EnrolmentRow.Enrolled).SetProperty(e => e.EnrolledAt, now), cancellationToken);
        head.Status = EnrolmentRow.Enrolled;
        head.EnrolledAt = now;
        return (row, head);
    }

    private static async Task<bool> TakePlaceAsync(RiskFlagsDbContext db, string programmeId, int year, double places, CancellationToken cancellationToken)
    {
        await db.Database.ExecuteSqlInterpolatedAsync(
            $"INSERT INTO programme_years (programme_id, year, enrolled) VALUES ({programmeId}, {year}, 0) ON CONFLICT DO NOTHING", cancellationToken);
        return await db.ProgrammeYears.Where(y => y.ProgrammeId == programmeId && y.Year == year && y.Enrolled < places)
            .ExecuteUpdateAsync(u => u.SetProperty(y => y.Enrolled, y => y.Enrolled + 1), cancellationToken) == 1;
    }
}
