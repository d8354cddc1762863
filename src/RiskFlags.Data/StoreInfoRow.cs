namespace RiskFlags.Data;

/// <summary>
/// What the store is, in one row: whether it holds synthetic demo data (a Production server refuses
/// such a store), and a counter every import and ingest moves on, so that any replica can tell its
/// cached view of the data is stale.
/// </summary>
public sealed class StoreInfoRow
{
    public const int SingleId = 1;

    public int Id { get; set; } = SingleId;

    public bool Demo { get; set; }

    /// <summary>How the demo data were made ("riskflags demo-data, seed 42, 20,000 families"); null for real data.</summary>
    public string? DemoDetail { get; set; }

    public long DataVersion { get; set; }

    /// <summary>Moves on with every suggestion recorded, decision, enrolment and place given: what a cached referral status is checked against.</summary>
    public long ReferralsVersion { get; set; }

    /// <summary>Moves on with every publication in the model registry: what each replica checks its live model against.</summary>
    public long ModelsVersion { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
