namespace RiskFlags.Core.Rules;

/// <summary>A rule that threw while being evaluated for a family (a null it did not expect, say).</summary>
public sealed class RuleEvaluationException(string rule, string familyId, Exception? inner, string? message = null)
    : Exception($"rule {rule} failed for family {familyId}: {message ?? inner?.Message}", inner)
{
    public string Rule { get; } = rule;
}
