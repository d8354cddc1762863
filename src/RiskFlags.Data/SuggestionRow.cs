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

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
