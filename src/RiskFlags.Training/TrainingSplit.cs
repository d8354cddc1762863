namespace RiskFlags.Training;

/// <summary>Which rows did what in training.</summary>
public sealed record TrainingSplit(IReadOnlyList<Snapshot> Trees, IReadOnlyList<Snapshot> Calibration, IReadOnlyList<Snapshot> Validation, string Description);
