namespace RiskFlags.Core.Footprint;

/// <summary>How many of the year's care entrants had something, and the share; the share is null when the group is too small to show.</summary>
public sealed record FootprintShare(string Name, int Children, double? Share);
