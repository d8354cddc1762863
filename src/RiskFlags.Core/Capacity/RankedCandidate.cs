namespace RiskFlags.Core.Capacity;

/// <summary>
/// A candidate's place in its programme's order: rank 1 is offered first. <see cref="WithinPlaces"/>
/// when the programme's free places reach it (the offer list); beyond them it is unmet need, in order.
/// <see cref="ExpectedBenefit"/> is in care entries prevented or incidents averted; null when the
/// programme has no effect to rank by, and the order is then by risk.
/// </summary>
public sealed record RankedCandidate(AllocationCandidate Candidate, int Rank, double? ExpectedBenefit, bool WithinPlaces);
