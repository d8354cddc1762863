namespace RiskFlags.Core.Rules;

/// <summary>A loaded rule: where it is, and the Properties every rule carries.</summary>
public sealed record RuleDefinition(
    int Index,
    string File,
    string Workflow,
    string Name,
    RuleKind Kind,
    string Pathway,
    string? Programme,
    string Severity,
    string Evidence,
    string Source,
    string ReasonTemplate);
