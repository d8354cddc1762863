namespace RiskFlags.Training;

/// <summary>How well predictions rank and how honest their probabilities are, on one set of outcomes.</summary>
public sealed record Scores(int N, int Positives, double BaseRate, double Auc, double Auprc, double LogLoss, double Brier, double Ece);
