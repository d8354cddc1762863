using RiskFlags.Core.Facts;

namespace RiskFlags.Core.Footprint;

/// <summary>A child who started to be looked after, the day care began, and the family it came from.</summary>
public sealed record CareEntrant(string PersonId, DateOnly EnteredOn, FamilyHistory Family);
