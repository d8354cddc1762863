using RiskFlags.Core.Facts;

namespace RiskFlags.Core.Scoring;

/// <summary>One feature: its stable name, the words an officer reads, and how it comes from the facts.</summary>
public sealed record Feature(string Name, string Description, FeatureKind Kind, Func<FamilyFacts, float> Value);
