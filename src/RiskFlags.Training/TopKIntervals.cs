namespace RiskFlags.Training;

/// <summary>Precision and recall of flagging the k riskiest families, each with its interval.</summary>
public sealed record TopKIntervals(string At, int K, Interval Precision, Interval Recall);
