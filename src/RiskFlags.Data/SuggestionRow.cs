namespace RiskFlags.Data;

/// <summary>A programme suggested for a family by a pathway rule, with the versions it came from.</summary>
public sealed class SuggestionRow
{
    public required string SuggestionId { get; set; }

    public required string FamilyId { get; set; }

    public required string Pathway { get; set; }

    public required string Programme { get; set; }

    public required string Rule { get; set; }

    public required string Reason { get; set; }

    public double RiskScore { get; set; }

    public DateOnly AsOf { get; set; }

    public required string ModelVersion { get; set; }

    public required string RulesVersion { get; set; }

    public string? LocalArea { get; set; }

    /// <summary>One of <see cref="Core.Referrals.SuggestionStatuses"/>.</summary>
    public required string Status { get; set; }

    /// <summary>The family's place in the programme's ranking when the allocation was last shown (1 = first offer); null when not ranked then.</summary>
    public int? AllocationRank { get; set; }

    /// <summary>Whether that rank was within the programme's free places: on the offer list rather than unmet need.</summary>
    public bool? WithinPlaces { get; set; }

    /// <summary>When the allocation was last shown and recorded for this programme.</summary>
    public DateTimeOffset? RankedAt { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
