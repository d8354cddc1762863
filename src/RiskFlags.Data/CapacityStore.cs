using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using RiskFlags.Core.Capacity;
using RiskFlags.Core.Referrals;

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
        var row = await db.Catalogue.AsNoTracking().FirstOrDefaultAsync(c => c.Id == CatalogueRow.SingleId, cancellationToken);
        if (row is null)
        {
            var seed = Serialize(ProgrammeCatalogue.Load(seedPath));
            // Another replica may seed it at the same moment: the first insert wins, and both read it.
            await db.Database.ExecuteSqlInterpolatedAsync(
                $"INSERT INTO catalogue (id, json, version, updated_at, updated_by) VALUES ({CatalogueRow.SingleId}, {seed}, 1, {time.GetUtcNow()}, {ProgrammeCatalogue.FileName}) ON CONFLICT DO NOTHING",
                cancellationToken);
            row = await db.Catalogue.AsNoTracking().FirstAsync(c => c.Id == CatalogueRow.SingleId, cancellationToken);
        }

        return (JsonSerializer.Deserialize<ProgrammeCatalogue>(row.Json, ProgrammeCatalogue.JsonOptions)!, row.Version);
    }

    /// <summary>Saves an edited catalogue if nobody else has since <paramref name="expectedVersion"/>; returns the new version.</summary>
    /// <exception cref="DbUpdateConcurrencyException">Someone else changed it first.</exception>
    public static async Task<int> SaveCatalogueAsync(RiskFlagsDbContext db, ProgrammeCatalogue catalogue, int expectedVersion, string by, TimeProvider time, CancellationToken cancellationToken = default)
    {
        var row = await db.Catalogue.FirstAsync(c => c.Id == CatalogueRow.SingleId, cancellationToken);
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
        var waiting = await db.Enrolments.AsNoTracking().Where(e => e.Status == EnrolmentStatuses.Waiting)
            .GroupBy(e => e.ProgrammeId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        return enrolled.Keys.Union(waiting.Keys)
            .ToDictionary(id => id, id => new ProgrammeUptake(enrolled.GetValueOrDefault(id), waiting.GetValueOrDefault(id)));
    }

    /// <summary>
    /// Takes the programme's next ticket. Call it first in the transaction of an accept or an end:
    /// moving the counter on locks the programme's queue (its row on PostgreSQL, the database on
    /// SQLite) until the transaction commits, so places and positions of one programme are given out
    /// one transaction at a time and tickets are in the order places were given or refused.
    /// </summary>
    public static async Task<long> TakeTicketAsync(RiskFlagsDbContext db, string programmeId, CancellationToken cancellationToken = default)
    {
        await db.Database.ExecuteSqlInterpolatedAsync(
            $"INSERT INTO programme_queues (programme_id, next_ticket) VALUES ({programmeId}, 0) ON CONFLICT DO NOTHING", cancellationToken);
        var tickets = await db.Database
            .SqlQuery<long>($"UPDATE programme_queues SET next_ticket = next_ticket + 1 WHERE programme_id = {programmeId} RETURNING next_ticket AS \"Value\"")
            .ToListAsync(cancellationToken);
        return tickets.Single();
    }

    /// <summary>
    /// An accepted suggestion takes a place when one is free in the programme's current year and
    /// nobody is waiting for it, or joins the end of the waiting list. Call inside the decision's
    /// transaction, after <see cref="TakeTicketAsync"/>; the caller's SaveChanges stores the row.
    /// </summary>
    public static async Task<EnrolmentRow> EnrolAsync(RiskFlagsDbContext db, SuggestionRow suggestion, double places, long ticket, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var year = ProgrammeYear(now);
        // Places freed since (more commissioned, say) go to those already waiting, in order, before anyone new.
        await FillFreePlacesAsync(db, suggestion.Programme, places, now, cancellationToken);
        var queue = await db.Enrolments.AnyAsync(e => e.ProgrammeId == suggestion.Programme && e.Status == EnrolmentStatuses.Waiting, cancellationToken);
        var taken = !queue && await TakePlaceAsync(db, suggestion.Programme, year, places, cancellationToken);
        var row = new EnrolmentRow
        {
            EnrolmentId = $"e_{Guid.CreateVersion7(now):N}",
            ProgrammeId = suggestion.Programme,
            Year = year,
            FamilyId = suggestion.FamilyId,
            SuggestionId = suggestion.SuggestionId,
            Status = taken ? EnrolmentStatuses.Enrolled : EnrolmentStatuses.Waiting,
            QueuedAt = now.UtcTicks,
            Ticket = ticket,
            EnrolledAt = taken ? now : null,
        };
        db.Enrolments.Add(row);
        return row;
    }

    /// <summary>1-based place in the programme's waiting list; exact inside the transaction that holds the programme's ticket.</summary>
    public static async Task<int> PositionAsync(RiskFlagsDbContext db, EnrolmentRow waiting, CancellationToken cancellationToken = default) =>
        1 + await db.Enrolments.CountAsync(e => e.ProgrammeId == waiting.ProgrammeId && e.Status == EnrolmentStatuses.Waiting && e.EnrolmentId != waiting.EnrolmentId
            && (e.Ticket < waiting.Ticket || (e.Ticket == waiting.Ticket && e.QueuedAt < waiting.QueuedAt)), cancellationToken);

    /// <summary>A programme's waiting list in order: by ticket (the order places were refused), then, for rows from before tickets, by when they queued.</summary>
    public static Task<List<EnrolmentRow>> WaitingListAsync(RiskFlagsDbContext db, string programmeId, CancellationToken cancellationToken = default) =>
        db.Enrolments.AsNoTracking().Where(e => e.ProgrammeId == programmeId && e.Status == EnrolmentStatuses.Waiting)
            .OrderBy(e => e.Ticket).ThenBy(e => e.QueuedAt).ThenBy(e => e.EnrolmentId).ToListAsync(cancellationToken);

    /// <summary>
    /// Ends an enrolment and offers the freed place to the head of the waiting list. Call inside a
    /// transaction, after <see cref="TakeTicketAsync"/>. Returns null when there is no such enrolment.
    /// </summary>
    /// <exception cref="EnrolmentNotCurrentException">The enrolment is waiting or already ended.</exception>
    public static async Task<(EnrolmentRow Ended, IReadOnlyList<EnrolmentRow> Promoted)?> EndAsync(
        RiskFlagsDbContext db, string enrolmentId, string reason, double places, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var ended = await db.Enrolments.Where(e => e.EnrolmentId == enrolmentId && e.Status == EnrolmentStatuses.Enrolled)
            .ExecuteUpdateAsync(u => u.SetProperty(e => e.Status, EnrolmentStatuses.Ended).SetProperty(e => e.EndedAt, now).SetProperty(e => e.EndReason, reason), cancellationToken);
        var row = await db.Enrolments.AsNoTracking().FirstOrDefaultAsync(e => e.EnrolmentId == enrolmentId, cancellationToken);
        if (row is null)
        {
            return null;
        }

        if (ended == 0)
        {
            throw new EnrolmentNotCurrentException(enrolmentId, row.Status);
        }

        await db.ProgrammeYears.Where(y => y.ProgrammeId == row.ProgrammeId && y.Year == row.Year && y.Enrolled > 0)
            .ExecuteUpdateAsync(u => u.SetProperty(y => y.Enrolled, y => y.Enrolled - 1), cancellationToken);
        return (row, await FillFreePlacesAsync(db, row.ProgrammeId, places, now, cancellationToken));
    }

    /// <summary>Gives free places of the programme's current year to the head of its waiting list, in order, while there are both.</summary>
    public static async Task<IReadOnlyList<EnrolmentRow>> FillFreePlacesAsync(RiskFlagsDbContext db, string programmeId, double places, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var promoted = new List<EnrolmentRow>();
        var year = ProgrammeYear(now);
        foreach (var head in await WaitingListAsync(db, programmeId, cancellationToken))
        {
            if (!await TakePlaceAsync(db, programmeId, year, places, cancellationToken))
            {
                break;
            }

            await db.Enrolments.Where(e => e.EnrolmentId == head.EnrolmentId && e.Status == EnrolmentStatuses.Waiting)
                .ExecuteUpdateAsync(u => u.SetProperty(e => e.Status, EnrolmentStatuses.Enrolled).SetProperty(e => e.EnrolledAt, now).SetProperty(e => e.Year, year), cancellationToken);
            head.Status = EnrolmentStatuses.Enrolled;
            head.EnrolledAt = now;
            head.Year = year;
            promoted.Add(head);
        }

        return promoted;
    }

    private static async Task<bool> TakePlaceAsync(RiskFlagsDbContext db, string programmeId, int year, double places, CancellationToken cancellationToken)
    {
        await db.Database.ExecuteSqlInterpolatedAsync(
            $"INSERT INTO programme_years (programme_id, year, enrolled) VALUES ({programmeId}, {year}, 0) ON CONFLICT DO NOTHING", cancellationToken);
        return await db.ProgrammeYears.Where(y => y.ProgrammeId == programmeId && y.Year == year && y.Enrolled < places)
            .ExecuteUpdateAsync(u => u.SetProperty(y => y.Enrolled, y => y.Enrolled + 1), cancellationToken) == 1;
    }
}
