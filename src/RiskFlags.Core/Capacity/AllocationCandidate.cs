namespace RiskFlags.Core.Capacity;

/// <summary>
/// A family a programme's pathway rules suggest, as allocation sees it: its calibrated risk, its
/// domestic-abuse incidents in the last 12 months, how long it has waited, and how many of its
/// suggestions still wait for a worker's decision; and its latest recorded suggestion for the programme
/// (empty when none was recorded yet), on which the allocation's rank is kept.
/// </summary>
public sealed record AllocationCandidate(string FamilyId, double Risk, int DomesticAbuseIncidents12m, DateTimeOffset WaitingSince, int OpenDecisions, string SuggestionId = "");
