namespace RiskFlags.Core.Contract;

/// <summary>A row of families.csv.</summary>
public sealed record FamilyRecord(string FamilyId, string? LocalArea, int? DeprivationDecile);

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
    bool? CareExperienced);

/// <summary>
/// A row of events.csv. Event ids are unique at their source, so rows are keyed by (source, event_id).
/// <see cref="Detail"/> keeps the normalised code text; <see cref="DetailCode"/> is its parsed form.
/// </summary>
public sealed record EventRecord(
    string EventId,
    string PersonId,
    DateOnly Date,
    EventType Type,
    DateOnly? EndDate,
    string? Detail,
    EventDetail DetailCode)
{
    public EventSource Source => Vocabulary.SourceOf(Type);
}
