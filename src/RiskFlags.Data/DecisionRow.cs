namespace RiskFlags.Data;

/// <summary>A worker's decision on a suggestion.</summary>
public sealed class DecisionRow
{
    public required string DecisionId { get; set; }

    public required string SuggestionId { get; set; }

    public required string Decision { get; set; }

    public string? Reason { get; set; }

    public required string Worker { get; set; }

    public required string RecordedBy { get; set; }

    public DateTimeOffset DecidedAt { get; set; }
}
