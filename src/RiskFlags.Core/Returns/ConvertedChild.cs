namespace RiskFlags.Core.Returns;

/// <summary>A child read from a return, as the contract's people.csv takes it: in a family of its own unless links say otherwise.</summary>
public sealed record ConvertedChild(string PersonId, string FamilyId, DateOnly Birth, string Sex, string? Ethnicity, bool Uasc = false);
