namespace RiskFlags.Data;

/// <summary>A family's place on a programme, or its place in the queue for one.</summary>
public sealed class EnrolmentRow
{
    public required string EnrolmentId { get; set; }

    public required string ProgrammeId { get; set; }

    public int Year { get; set; }

    public required string FamilyId { get; set; }

    public required string SuggestionId { get; set; }

    public required string Status { get; set; }

    /// <summary>When the family joined the queue or the programme (UTC ticks).</summary>
    public long QueuedAt { get; set; }

    /// <summary>The programme's ticket taken when the family was accepted: the order of its waiting list (<see cref="ProgrammeQueueRow"/>).</summary>
    public long Ticket { get; set; }

    public DateTimeOffset? EnrolledAt { get; set; }

    public DateTimeOffset? EndedAt { get; set; }

    public string? EndReason { get; set; }
}
