namespace RiskFlags.Data;

/// <summary>
/// One family whose data (or whose referrals) changed at a version of the store, or every family
/// when <see cref="FamilyId"/> is null (an import). Replicas read these to drop exactly the cached
/// assessments that a change made elsewhere made stale.
/// </summary>
public sealed class StoreChangeRow
{
    public const string Data = "data";
    public const string Referrals = "referrals";

    public long Id { get; set; }

    /// <summary><see cref="Data"/> or <see cref="Referrals"/>.</summary>
    public required string Kind { get; set; }

    public long Version { get; set; }

    public string? FamilyId { get; set; }

    public DateTimeOffset At { get; set; }
}
