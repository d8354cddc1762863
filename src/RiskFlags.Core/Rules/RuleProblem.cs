namespace RiskFlags.Core.Rules;

/// <summary>One problem in a rule set: the file, the rule (when one is to blame) and what is wrong.</summary>
public sealed record RuleProblem(string File, string? Rule, string Message)
{
    public override string ToString() => $"{File}: {Rule ?? "-"}: {Message}";
}
