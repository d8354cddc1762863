namespace RiskFlags.Core.Rules;

/// <summary>A rule set that cannot be loaded; <see cref="Problems"/> lists every problem found.</summary>
public sealed class RuleSetException(IReadOnlyList<RuleProblem> problems)
    : Exception($"the rule set is invalid ({problems.Count} problem{(problems.Count == 1 ? "" : "s")}): {problems[0]}")
{
    public IReadOnlyList<RuleProblem> Problems { get; } = problems;
}
