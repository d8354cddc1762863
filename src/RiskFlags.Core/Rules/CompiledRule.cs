using RiskFlags.Core.Facts;

namespace RiskFlags.Core.Rules;

/// <summary>A rule's test and reason as typed delegates over (facts, evidence).</summary>
internal sealed record CompiledRule(RuleDefinition Definition, Func<FamilyFacts, RuleHits, bool> Test, Func<FamilyFacts, RuleHits, string> Reason);
