namespace RiskFlags.Core.Referrals;

/// <summary>One family's record with one programme: its status, and its latest suggestion's id (empty when it has none).</summary>
public readonly record struct Referral(ReferralStatus Status, string SuggestionId);
