namespace RiskFlags.Core.Returns;

/// <summary>A mother read from a source or its links, as people.csv takes her (role mother, female).</summary>
/// <param name="CareExperienced">Known to have been looked after herself (the 903's mothers are); null when the source does not say.</param>
public sealed record ConvertedMother(string PersonId, string FamilyId, DateOnly Birth, bool? CareExperienced);
