namespace RiskFlags.Data;

/// <summary>The live programme catalogue and cost model (rules/programmes.json until an admin edits it), one row.</summary>
public sealed class CatalogueRow
{
    public const int SingleId = 1;

    public int Id { get; set; } = SingleId;

    public required string Json { get; set; }

    public int Version { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public required string UpdatedBy { get; set; }
}
