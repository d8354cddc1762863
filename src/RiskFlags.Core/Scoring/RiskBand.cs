namespace RiskFlags.Core.Scoring;

/// <summary>Bands of the calibrated probability, aligned with the pathway rules' thresholds (parentingRisk 0.05, edgeOfCareRisk 0.20).</summary>
public enum RiskBand
{
    Low,
    Medium,
    High,
}
