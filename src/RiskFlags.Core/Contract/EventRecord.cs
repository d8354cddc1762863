namespace RiskFlags.Core.Contract;

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
