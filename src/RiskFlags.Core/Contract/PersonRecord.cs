namespace RiskFlags.Core.Contract;

/// <summary>
/// A row of people.csv: one person's membership of one family. A person may belong to more
/// than one family (a mother who has moved on from a household where children were removed),
/// so rows are keyed by (person_id, family_id).
/// </summary>
public sealed record PersonRecord(
    string PersonId,
    string FamilyId,
    PersonRole Role,
    DateOnly? BirthDate,
    Sex? Sex,
    string? Ethnicity,
    bool? CareExperienced,
    bool Uasc = false)
{
    /// <summary>An unaccompanied asylum-seeking child (the 903's UASC table, CIN factor 9A): looked after with no family in the records.</summary>
    public bool Uasc { get; init; } = Uasc;
}
