using RiskFlags.Core.Facts;

namespace RiskFlags.Training;

/// <summary>
/// One cohort family as of one 31 March: its facts and outcome, and, for the fairness audit only,
/// the family's ethnicity and deprivation decile (never features).
/// </summary>
public sealed record Snapshot(FamilyFacts Facts, bool Outcome, string Ethnicity, string Decile);
