using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using RiskFlags.Core.Footprint;
using RiskFlags.Core.Referrals;

namespace RiskFlags.Data;

/// <summary>The store's side of referrals: the one query of where families stand, and the one predicate of a pending suggestion.</summary>
public static class ReferralStore
{
    /// <summary>A suggestion still awaiting a decision (open or deferred); the unique index on pending suggestions has the same filter.</summary>
    public static readonly Expression<Func<SuggestionRow, bool>> IsPending =
        s => s.Status == SuggestionStatuses.Open || s.Status == SuggestionStatuses.Deferred;

    /// <summary>Every family's standing with every programme suggested for it (<see cref="ReferralStatuses.Of"/>).</summary>
    public static async Task<ReferralBook> BookAsync(RiskFlagsDbContext db, CancellationToken cancellationToken = default)
    {
        // Ordered here: SQLite cannot order by a DateTimeOffset.
        var suggestions = (await db.Suggestions.AsNoTracking()
            .Select(s => new { s.FamilyId, s.Programme, s.Status, s.SuggestionId, s.CreatedAt })
            .ToListAsync(cancellationToken))
            .OrderBy(s => s.CreatedAt).ThenBy(s => s.SuggestionId, StringComparer.Ordinal);
        var enrolments = await db.Enrolments.AsNoTracking()
            .Where(e => e.Status != EnrolmentStatuses.Ended)
            .Select(e => new { e.FamilyId, e.ProgrammeId, e.Status })
            .ToListAsync(cancellationToken);
        return ReferralBook.From(
            suggestions.Select(s => (s.FamilyId, s.Programme, s.Status, s.SuggestionId)),
            enrolments.Select(e => (e.FamilyId, e.ProgrammeId, e.Status)));
    }

    /// <summary>Each family's first offer (the data date of its first recorded suggestion) and first place taken.</summary>
    public static async Task<ProgrammeContacts> ContactsAsync(RiskFlagsDbContext db, CancellationToken cancellationToken = default)
    {
        var offered = (await db.Suggestions.AsNoTracking().GroupBy(s => s.FamilyId).Select(g => new { g.Key, First = g.Min(s => s.AsOf) }).ToListAsync(cancellationToken))
            .ToDictionary(x => x.Key, x => x.First, StringComparer.Ordinal);
        // Ordered here: SQLite cannot take the minimum of a DateTimeOffset.
        var enrolled = (await db.Enrolments.AsNoTracking().Where(e => e.EnrolledAt != null).Select(e => new { e.FamilyId, e.EnrolledAt }).ToListAsync(cancellationToken))
            .GroupBy(e => e.FamilyId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => DateOnly.FromDateTime(g.Min(e => e.EnrolledAt!.Value).UtcDateTime), StringComparer.Ordinal);
        return new ProgrammeContacts(offered, enrolled);
    }
}
