namespace RiskFlags.Training;

/// <summary>Everything riskflags evaluate reports, and what a model card's validation section holds.</summary>
public sealed record EvaluationReport(
    string AsOf,
    Scores Scores,
    IReadOnlyList<PrecisionRecall> AtThresholds,
    IReadOnlyList<PrecisionRecall> TopK,
    Baselines Baselines,
    double? OracleAuc,
    double FlagThreshold,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, GroupFigures>> Groups,
    BootstrapIntervals? Intervals,
    IReadOnlyList<FairnessAudit>? Fairness);
