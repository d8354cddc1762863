namespace RiskFlags.Core.Referrals;

/// <summary>The statuses a recorded suggestion can have, as stored.</summary>
public static class SuggestionStatuses
{
    public const string Open = "open";
    public const string Deferred = "deferred";
    public const string Accepted = "accepted";
    public const string Declined = "declined";

    public static readonly IReadOnlyList<string> All = [Open, Deferred, Accepted, Declined];

    /// <summary>Still awaiting a decision: only one such per family, pathway and programme.</summary>
    public static readonly IReadOnlyList<string> Pending = [Open, Deferred];
}
