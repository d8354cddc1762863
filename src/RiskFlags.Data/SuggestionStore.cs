using Microsoft.EntityFrameworkCore;
using RiskFlags.Core.Facts;
using RiskFlags.Core.Rules;

namespace RiskFlags.Data;

/// <summary>
/// Records a family's suggestions: one per pathway and programme, and none while an earlier one for
/// the same family, pathway and programme is still open or deferred (then that one is returned).
/// </summary>
public static class SuggestionStore
{
    /// <summary>The suggestions the fired rules make, as they would be recorded, without recording them (no ids, no status).</summary>
    public static IReadOnlyList<SuggestionRow> Unrecorded(FamilyFacts facts, IReadOnlyList<FiredRule> fired) =>
        [.. fired.Where(f => f.Kind is RuleKind.Pathway && f.Programme is not null)
            .GroupBy(f => (f.Pathway, Programme: f.Programme!))
            .Select(group => new SuggestionRow
            {
                SuggestionId = "",
                FamilyId = facts.FamilyId,
                Pathway = group.Key.Pathway,
                Programme = group.Key.Programme,
                Rule = string.Join(";", group.Select(f => f.Rule)),
                Reason = string.Join("; ", group.Select(f => f.Reason)),
                RiskScore = facts.RiskScore,
                AsOf = facts.AsOf,
                ModelVersion = "",
                RulesVersion = "",
                Status = "",
            })];

    /// <summary>
    /// Records what the fired rules suggest and returns the family's pending suggestions for them. Each
    /// new one is one INSERT ... ON CONFLICT DO NOTHING on the unique index of pending suggestions, so
    /// assessments of one family at the same moment, here or on another replica, record it once and all
    /// return the same row.
    /// </summary>
    public static async Task<IReadOnlyList<SuggestionRow>> RecordAsync(
        RiskFlagsDbContext db, FamilyFacts facts, IReadOnlyList<FiredRule> fired, string modelVersion, string rulesVersion, TimeProvider time, CancellationToken cancellationToken)
    {
        var wanted = Unrecorded(facts, fired);
        if (wanted.Count == 0)
        {
            return [];
        }

        var pending = await PendingAsync(db, facts.FamilyId, cancellationToken);
        var now = time.GetUtcNow();
        foreach (var s in wanted.Where(w => !pending.Any(p => p.Pathway == w.Pathway && p.Programme == w.Programme)))
        {
            var id = $"s_{Guid.CreateVersion7(now):N}";
            await db.Database.ExecuteSqlInterpolatedAsync(
                $"""
                INSERT INTO suggestions (suggestion_id, family_id, pathway, programme, rule, reason, risk_score, as_of, model_version, rules_version, local_area, status, created_at, updated_at)
                VALUES ({id}, {s.FamilyId}, {s.Pathway}, {s.Programme}, {s.Rule}, {s.Reason}, {s.RiskScore}, {s.AsOf}, {modelVersion}, {rulesVersion}, {facts.LocalArea}, {SuggestionRow.Open}, {now}, {now})
                ON CONFLICT DO NOTHING
                """,
                cancellationToken);
        }

        pending = await PendingAsync(db, facts.FamilyId, cancellationToken);
        // A suggestion decided in the instant since it was recorded is no longer pending, and not returned.
        return [.. wanted.Select(w => pending.FirstOrDefault(p => p.Pathway == w.Pathway && p.Programme == w.Programme)).OfType<SuggestionRow>()];
    }

    private static Task<List<SuggestionRow>> PendingAsync(RiskFlagsDbContext db, string familyId, CancellationToken cancellationToken) =>
        db.Suggestions.AsNoTracking()
            .Where(s => s.FamilyId == familyId && (s.Status == SuggestionRow.Open || s.Status == SuggestionRow.Deferred))
            .ToListAsync(cancellationToken);
}
