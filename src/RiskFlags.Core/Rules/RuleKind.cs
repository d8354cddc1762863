namespace RiskFlags.Core.Rules;

/// <summary>Evidence rules read the facts; pathway rules (the Pathways workflow) also read which evidence fired, and suggest a programme.</summary>
public enum RuleKind
{
    Evidence,
    Pathway,
}
