namespace RiskFlags.Core.Monitoring;

/// <summary>One feature's (or the score's) shift since training, named as the model card names it.</summary>
public sealed record FeatureDrift(string Name, string Description, double StabilityIndex)
{
    public const double ModerateFrom = 0.1;
    public const double DriftedFrom = 0.25;

    public DriftBand Band => StabilityIndex > DriftedFrom ? DriftBand.Drifted : StabilityIndex >= ModerateFrom ? DriftBand.Moderate : DriftBand.Stable;
}
