namespace RiskFlags.Core.Facts;

/// <summary>A cohort family's facts as of a date and, when the data reaches far enough, its outcome.</summary>
public sealed record CohortMember(FamilyFacts Facts, bool? Outcome);
