namespace RiskFlags.Core.Monitoring;

/// <summary>One feature's (or the score's) shift since training, named as the model card names it.</summary>
/// <param name="PrevalenceRatio">
/// For a count or flag that most families have at zero: the share of families with it now over the
/// share in training; null when it does not apply or the training share was too small to compare.
/// </param>
public sealed record FeatureDrift(string Name, string Description, double StabilityIndex, double? PrevalenceRatio = null)
{
    public const double ModerateFrom = 0.1;
    public const double DriftedFrom = 0.25;

    /// <summary>
    /// A prevalence that doubled or halved is drift whatever the index says: for a minority feature the
    /// common zero bin dominates the index, so even a doubling (11% of families to 27%) stays under 0.25.
    /// </summary>
    public const double PrevalenceRatioFrom = 2;

    /// <summary>The training share below which a prevalence is too small to compare.</summary>
    public const double SmallestComparedPrevalence = 0.01;

    /// <summary>The families the training share leads one to expect in the cohort checked, below which a ratio is noise.</summary>
    public const int SmallestExpectedFamilies = 30;

    public bool PrevalenceMoved => PrevalenceRatio is { } r && (r >= PrevalenceRatioFrom || r <= 1 / PrevalenceRatioFrom);

    public DriftBand Band => StabilityIndex > DriftedFrom || PrevalenceMoved ? DriftBand.Drifted : StabilityIndex >= ModerateFrom ? DriftBand.Moderate : DriftBand.Stable;
}
