namespace RiskFlags.Data;

/// <summary>
/// A family whose data one audited call returned, when the call returned more than one (a page of
/// the flagged cohort, a waiting list, a cohort stream): "every audit row about this family" finds these too.
/// </summary>
public sealed class AuditFamilyRow
{
    public long AuditId { get; set; }

    public required string FamilyId { get; set; }
}
