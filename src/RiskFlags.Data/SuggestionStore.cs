using Microsoft.EntityFrameworkCore;
using RiskFlags.Core.Assessment;
using RiskFlags.Core.Capacity;
using RiskFlags.Core.Referrals;

namespace RiskFlags.Data;

/// <summary>
/// Records an assessment's suggestions, one per family, pathway and programme while one is pending,
/// and returns the family's pending suggestion for each. A programme the family holds or waits for a
/// place on is not suggested again; nor is one a worker declined, until the family's data move on.
/// </summary>
public static class SuggestionStore
{
    /// <summary>
    /// Each new suggestion is one INSERT ... ON CONFLICT DO NOTHING on the unique index of pending
    /// suggestions, so assessments of one family at the same moment, here or on another replica,
    /// record it once and all return the same row.
    /// </summary>
    /// <returns>Each suggested programme with where the family now stands with it: open (or deferred) with the pending suggestion's id, or enrolled, waiting, declined.</returns>
    public static async Task<IReadOnlyList<(SuggestedProgramme Suggested, Referral Referral)>> RecordAsync(
        RiskFlagsDbContext db, FamilyAssessment assessment, string modelVersion, string rulesVersion, TimeProvider time, CancellationToken cancellationToken)
    {
        if (assessment.Suggested.Count == 0)
        {
            return [];
        }

        var family = assessment.FamilyId;
        var known = await db.Suggestions.AsNoTracking().Where(s => s.FamilyId == family).ToListAsync(cancellationToken);
        var enrolments = await db.Enrolments.AsNoTracking()
            .Where(e => e.FamilyId == family && e.Status != EnrolmentStatuses.Ended).Select(e => new { e.ProgrammeId, e.Status }).ToListAsync(cancellationToken);
        var now = time.GetUtcNow();
        var inserted = false;
        foreach (var s in assessment.Suggested)
        {
            var pending = known.Any(k => k.Pathway == s.Pathway && k.Programme == s.Programme && SuggestionStatuses.Pending.Contains(k.Status));
            var declinedOnTheseData = known.Any(k => k.Programme == s.Programme && k.Status == SuggestionStatuses.Declined && k.AsOf == assessment.AsOf);
            if (pending || declinedOnTheseData || enrolments.Any(e => e.ProgrammeId == s.Programme))
            {
                continue;
            }

            var id = SuggestionId.New(now);
            await db.Database.ExecuteSqlInterpolatedAsync(
                $"""
                INSERT INTO suggestions (suggestion_id, family_id, pathway, programme, rule, reason, risk_score, as_of, model_version, rules_version, local_area, status, created_at, updated_at)
                VALUES ({id}, {family}, {s.Pathway}, {s.Programme}, {s.Rules}, {s.Reason}, {assessment.Score.Probability}, {assessment.AsOf}, {modelVersion}, {rulesVersion},
                        {assessment.Facts.LocalArea}, {SuggestionStatuses.Open}, {now}, {now})
                ON CONFLICT DO NOTHING
                """,
                cancellationToken);
            inserted = true;
        }

        if (inserted)
        {
            await StoreInfo.MarkReferralsChangedAsync(db, time, [family], cancellationToken);
            known = await db.Suggestions.AsNoTracking().Where(s => s.FamilyId == family).ToListAsync(cancellationToken);
        }

        var book = ReferralBook.From(
            known.OrderBy(k => k.CreatedAt).ThenBy(k => k.SuggestionId).Select(k => (k.FamilyId, k.Programme, k.Status, k.SuggestionId)),
            enrolments.Select(e => (family, e.ProgrammeId, e.Status)));
        return [.. assessment.Suggested.Select(s => (s, book.Of(family, s.Programme)))];
    }

    /// <summary>
    /// Records the allocation as shown: each ranked family's latest suggestion for the programme gets its
    /// rank and whether it was within the free places, and any suggestion ranked before but not now is
    /// cleared, in one transaction, so a decision can be traced to the ranking it followed.
    /// </summary>
    /// <returns>How many suggestions now carry a rank.</returns>
    public static async Task<int> RecordRanksAsync(RiskFlagsDbContext db, IReadOnlyList<CapacityGap> gaps, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var ranked = 0;
        foreach (var gap in gaps)
        {
            var programme = gap.Programme.Id;
            await db.Suggestions.Where(x => x.Programme == programme && x.AllocationRank != null)
                .ExecuteUpdateAsync(u => u.SetProperty(x => x.AllocationRank, (int?)null).SetProperty(x => x.WithinPlaces, (bool?)null).SetProperty(x => x.RankedAt, at), cancellationToken);
            foreach (var r in gap.Ranked.Where(r => r.Candidate.SuggestionId.Length > 0))
            {
                ranked += await db.Database.ExecuteSqlInterpolatedAsync(
                    $"UPDATE suggestions SET allocation_rank = {r.Rank}, within_places = {r.WithinPlaces}, ranked_at = {at} WHERE suggestion_id = {r.Candidate.SuggestionId}",
                    cancellationToken);
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return ranked;
    }
}
