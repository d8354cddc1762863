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

    public static async Task<IReadOnlyList<SuggestionRow>> RecordAsync(
        RiskFlagsDbContext db, FamilyFacts facts, IReadOnlyList<FiredRule> fired, string modelVersion, string rulesVersion, TimeProvider time, CancellationToken cancellationToken)
    {
        var wanted = fired.Where(f => f.Kind is RuleKind.Pathway && f.Programme is not null)
            .GroupBy(f => (f.Pathway, Programme: f.Programme!))
            .ToList();
        if (wanted.Count == 0)
        {
            return [];
        }

        var pending = await db.Suggestions.AsNoTracking()
            .Where(s => s.FamilyId == facts.FamilyId && (s.Status == SuggestionRow.Open || s.Status == SuggestionRow.Deferred))
            .ToListAsync(cancellationToken);
        var now = time.GetUtcNow();
        var result = new List<SuggestionRow>();
        foreach (var group in wanted)
        {
            var existing = pending.FirstOrDefault(s => s.Pathway == group.Key.Pathway && s.Programme == group.Key.Programme);
            if (existing is not null)
            {
                result.Add(existing);
                continue;
            }

            var row = new SuggestionRow
            {
                SuggestionId = $"s_{Guid.CreateVersion7(now):N}",
                FamilyId = facts.FamilyId,
                Pathway = group.Key.Pathway,
                Programme = group.Key.Programme,
                Rule = string.Join(";", group.Select(f => f.Rule)),
                Reason = string.Join("; ", group.Select(f => f.Reason)),
                RiskScore = facts.RiskScore,
                AsOf = facts.AsOf,
                ModelVersion = modelVersion,
                RulesVersion = rulesVersion,
                LocalArea = facts.LocalArea,
                Status = SuggestionRow.Open,
                CreatedAt = now,
                UpdatedAt = now,
            };
            db.Suggestions.Add(row);
            result.Add(row);
        }

        return result;
    }
}
