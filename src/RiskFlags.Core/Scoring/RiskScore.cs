namespace RiskFlags.Core.Scoring;

/// <summary>A calibrated probability that a child of the family enters care within 365 days, with its largest factors.</summary>
public sealed record RiskScore(double Probability, RiskBand Band, IReadOnlyList<Factor> TopFactors)
{
    /// <summary>No predicted risk at all: what the rules see when they are measured alone, without the model.</summary>
    public static readonly RiskScore None = new(0, RiskBand.Low, []);
}
