using RiskFlags.Data;

namespace RiskFlags.Cli;

/// <summary>The audit row of a command that reads or removes families' data: the operating-system user who ran it is the caller.</summary>
internal static class CliAudit
{
    public static AuditRow Row(CliContext context, string action, IReadOnlyCollection<string> families, string detail) => new()
    {
        At = context.Time.GetUtcNow(),
        Caller = $"cli:{Environment.UserName}",
        Role = "cli",
        Action = action,
        FamilyId = families.Count == 1 ? families.First() : null,
        Outcome = "ok",
        Detail = detail,
        Families = [.. families.Select(f => new AuditFamilyRow { FamilyId = f })],
    };
}
