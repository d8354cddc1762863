namespace RiskFlags.Training;

public sealed record CardFeature(string Name, string Description);
