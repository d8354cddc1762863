namespace RiskFlags.Training;

public sealed record TrainedModel(string Path, string Version, ModelCard Card);
