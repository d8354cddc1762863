namespace RiskFlags.Training;

/// <summary>One group's disparities against the reference group; a group too small to read has no ratios.</summary>
public sealed record GroupFairness(
    string Group, int N, int Positives, bool TooSmall,
    FairnessRatio? SelectionRate, FairnessRatio? TruePositiveRate, FairnessRatio? FalsePositiveRate, FairnessRatio? Calibration);
