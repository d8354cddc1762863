namespace RiskFlags.Core.Monitoring;

/// <summary>The population stability index read in the usual bands: under 0.1 stable, 0.1-0.25 moderate, above 0.25 drifted.</summary>
public enum DriftBand
{
    Stable,
    Moderate,
    Drifted,
}
