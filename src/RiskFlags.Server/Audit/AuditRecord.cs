namespace RiskFlags.Server.Audit;

/// <summary>
/// What an audited call adds to its audit row, in the call's scope: the family it concerns (when
/// the request does not name it: a decision names a suggestion), the families it returned, and a
/// short detail. The interceptor writes the row; services only fill this in.
/// </summary>
public sealed class AuditRecord
{
    public const int MaximumDetail = 500;

    private readonly List<string> families = [];

    public string? FamilyId { get; set; }

    public string? Detail { get; set; }

    public IReadOnlyList<string> Families => families;

    public void Returned(IEnumerable<string> familyIds) => families.AddRange(familyIds);

    public void Returned(string familyId) => families.Add(familyId);
}
