namespace RiskFlags.Training;

/// <summary>One group's figures in the fairness audit.</summary>
public sealed record GroupFigures(int N, int Positives, double FlagRate, double TruePositiveRate, double FalsePositiveRate, double MeanPredicted, double ObservedRate);
