namespace RiskFlags.Training;

/// <summary>Precision and recall of flagging the families at or above a threshold, or the k riskiest.</summary>
public sealed record PrecisionRecall(string At, int Flagged, double Precision, double Recall);
