namespace RiskFlags.Core.Rules;

/// <summary>A rule that fired for a family, with the reason an officer reads.</summary>
public sealed record FiredRule(
    string Rule,
    RuleKind Kind,
    string Pathway,
    string? Programme,
    string Severity,
    string Reason,
    string Evidence,
    string Source)
{
    /// <summary>Why the reason could not be written for this family (then <see cref="Reason"/> says so); null when it was.</summary>
    public string? ReasonError { get; init; }
}
