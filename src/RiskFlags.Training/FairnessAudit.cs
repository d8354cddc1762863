namespace RiskFlags.Training;

/// <summary>The disparities of one attribute's groups (ethnicity, deprivation decile) against its reference group, the one with most families.</summary>
public sealed record FairnessAudit(string Attribute, string Reference, IReadOnlyList<GroupFairness> Groups);
