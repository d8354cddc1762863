namespace RiskFlags.Core.Rules;

/// <summary>Evidence rules read the facts; pathway rules (the Pathways workflow) also read which evidence fired, and suggest a programme.</summary>
public enum RuleKind
{
    Evidence,
    Pathway,
}

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

/// <summary>A rule that threw while being evaluated for a family (a null it did not expect, say).</summary>
public sealed class RuleEvaluationException(string rule, string familyId, Exception? inner, string? message = null)
    : Exception($"rule {rule} failed for family {familyId}: {message ?? inner?.Message}", inner)
{
    public string Rule { get; } = rule;
}
