namespace RiskFlags.Core.Contract;

/// <summary>The cells of one events.csv row (or one ingested event), as text.</summary>
public sealed record RawEvent(string EventId, string PersonId, string Date, string Source, string Type, string EndDate, string Detail);
