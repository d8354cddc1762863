namespace RiskFlags.Data;

/// <summary>Who read or changed what, when, about which family, and how it went.</summary>
public sealed class AuditRow
{
    public long Id { get; set; }

    public DateTimeOffset At { get; set; }

    public required string Caller { get; set; }

    public required string Role { get; set; }

    public required string Action { get; set; }

    public string? FamilyId { get; set; }

    public required string Outcome { get; set; }

    public string? Detail { get; set; }

    /// <summary>The families whose data the call returned, when there were several (a page, a list, a stream).</summary>
    public List<AuditFamilyRow> Families { get; set; } = [];
}
