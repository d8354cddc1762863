using System.Text.Json;
using Microsoft.EntityFrameworkCore;

namespace RiskFlags.Data;

/// <summary>
/// Everything held about one person, or one family, as a subject access request asks: their records,
/// the family's suggestions, decisions and places, and every audit row about the family, each record
/// tagged with its subject so that what is about third parties can be redacted.
/// </summary>
public static class SubjectExport
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, WriteIndented = true };

    /// <summary>The export as the CLI writes it and Admin.ExportPerson returns it.</summary>
    public static string ToJson(string subject, IReadOnlyList<ExportedRecord> records, DateTimeOffset exportedAt) =>
        JsonSerializer.Serialize(new { subject, exported_at = exportedAt, records = records.Select(r => new { kind = r.Kind, subject = r.Subject, record = r.Record }) }, Json);

    /// <summary>The families the export names: those its audit row lists.</summary>
    public static IReadOnlyList<string> Families(IReadOnlyList<ExportedRecord> records) =>
        [.. records.Where(r => r.Subject.StartsWith("family:", StringComparison.Ordinal)).Select(r => r.Subject["family:".Length..]).Distinct()];

    /// <returns>The person's records, or null when the store holds no such person.</returns>
    public static async Task<IReadOnlyList<ExportedRecord>?> PersonAsync(RiskFlagsDbContext db, string personId, CancellationToken cancellationToken = default)
    {
        var memberships = await db.People.AsNoTracking().Where(p => p.PersonId == personId).ToListAsync(cancellationToken);
        if (memberships.Count == 0)
        {
            return null;
        }

        var records = new List<ExportedRecord>();
        var person = $"person:{personId}";
        records.AddRange(memberships.Select(m => new ExportedRecord("person", person, m)));
        records.AddRange((await db.Events.AsNoTracking().Where(e => e.PersonId == personId).ToListAsync(cancellationToken))
            .OrderBy(e => e.Date).ThenBy(e => e.EventId, StringComparer.Ordinal).Select(e => new ExportedRecord("event", person, e)));
        foreach (var family in memberships.Select(m => m.FamilyId).Distinct().Order(StringComparer.Ordinal))
        {
            records.AddRange(await AboutFamilyAsync(db, family, cancellationToken));
        }

        return records;
    }

    /// <returns>The family's records and its members', or null when the store holds no such family.</returns>
    public static async Task<IReadOnlyList<ExportedRecord>?> FamilyAsync(RiskFlagsDbContext db, string familyId, CancellationToken cancellationToken = default)
    {
        if (!await db.Families.AnyAsync(f => f.FamilyId == familyId, cancellationToken))
        {
            return null;
        }

        var records = new List<ExportedRecord>();
        var members = await db.People.AsNoTracking().Where(p => p.FamilyId == familyId).OrderBy(p => p.PersonId).ToListAsync(cancellationToken);
        var ids = members.Select(m => m.PersonId).ToList();
        var events = (await db.Events.AsNoTracking().Where(e => ids.Contains(e.PersonId)).ToListAsync(cancellationToken)).ToLookup(e => e.PersonId);
        foreach (var member in members)
        {
            records.Add(new ExportedRecord("person", $"person:{member.PersonId}", member));
            records.AddRange(events[member.PersonId].OrderBy(e => e.Date).ThenBy(e => e.EventId, StringComparer.Ordinal).Select(e => new ExportedRecord("event", $"person:{member.PersonId}", e)));
        }

        records.AddRange(await AboutFamilyAsync(db, familyId, cancellationToken));
        return records;
    }

    /// <summary>The family's own row, its suggestions, decisions and places, and the audit rows that name it.</summary>
    private static async Task<IEnumerable<ExportedRecord>> AboutFamilyAsync(RiskFlagsDbContext db, string familyId, CancellationToken cancellationToken)
    {
        var subject = $"family:{familyId}";
        var family = await db.Families.AsNoTracking().Where(f => f.FamilyId == familyId).ToListAsync(cancellationToken);
        var suggestions = (await db.Suggestions.AsNoTracking().Where(s => s.FamilyId == familyId).ToListAsync(cancellationToken)).OrderBy(s => s.SuggestionId, StringComparer.Ordinal).ToList();
        var ids = suggestions.Select(s => s.SuggestionId).ToList();
        var decisions = (await db.Decisions.AsNoTracking().Where(d => ids.Contains(d.SuggestionId)).ToListAsync(cancellationToken)).OrderBy(d => d.DecisionId, StringComparer.Ordinal);
        var places = (await db.Enrolments.AsNoTracking().Where(e => e.FamilyId == familyId).ToListAsync(cancellationToken)).OrderBy(e => e.EnrolmentId, StringComparer.Ordinal);
        var audit = (await db.Audit.AsNoTracking().Where(a => a.FamilyId == familyId || a.Families.Any(f => f.FamilyId == familyId))
            .Select(a => new { a.Id, a.At, a.Caller, a.Role, a.Action, a.FamilyId, a.Outcome, a.Detail }).ToListAsync(cancellationToken)).OrderBy(a => a.Id);
        return family.Select(f => new ExportedRecord("family", subject, f))
            .Concat(suggestions.Select(s => new ExportedRecord("suggestion", subject, s)))
            .Concat(decisions.Select(d => new ExportedRecord("decision", subject, d)))
            .Concat(places.Select(p => new ExportedRecord("place", subject, p)))
            .Concat(audit.Select(a => new ExportedRecord("audit", subject, a)));
    }
}
