namespace RiskFlags.Data;

/// <summary>A stored row of events.csv, keyed by (source, event_id).</summary>
public sealed class EventRow
{
    public required string Source { get; set; }

    public required string EventId { get; set; }

    public required string PersonId { get; set; }

    public DateOnly Date { get; set; }

    public required string Type { get; set; }

    public DateOnly? EndDate { get; set; }

    public string? Detail { get; set; }
}
