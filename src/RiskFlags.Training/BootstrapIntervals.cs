namespace RiskFlags.Training;

/// <summary>How far the evaluation's figures could move with another draw of families: 95% bootstrap intervals.</summary>
public sealed record BootstrapIntervals(int Resamples, int Seed, Interval Auc, Interval Auprc, Interval Ece, IReadOnlyList<TopKIntervals> TopK);
