namespace RiskFlags.Training;

/// <summary>The ranking figures of one draw of families, each counted its weight times: AUC, average precision, calibration error, and precision and recall at each k.</summary>
public sealed record WeightedFigures(double Auc, double Auprc, double Ece, (double Precision, double Recall)[] TopK);
