namespace RiskFlags.Data;

/// <summary>A stored row of families.csv.</summary>
public sealed class FamilyRow
{
    public required string FamilyId { get; set; }

    public string? LocalArea { get; set; }

    public int? DeprivationDecile { get; set; }
}
