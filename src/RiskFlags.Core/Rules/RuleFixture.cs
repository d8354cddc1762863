using RiskFlags.Core.Facts;

namespace RiskFlags.Core.Rules;

/// <summary>One case of a fixture file: facts, and which rules must and must not fire (and, optionally, their reasons).</summary>
public sealed record RuleFixture(string File, string Name, FamilyFacts Facts, IReadOnlyList<string> Fired, IReadOnlyList<string> NotFired, IReadOnlyDictionary<string, string> Reasons);
