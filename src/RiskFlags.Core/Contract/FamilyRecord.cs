namespace RiskFlags.Core.Contract;

/// <summary>A row of families.csv.</summary>
public sealed record FamilyRecord(string FamilyId, string? LocalArea, int? DeprivationDecile);
