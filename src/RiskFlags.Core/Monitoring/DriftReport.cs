namespace RiskFlags.Core.Monitoring;

/// <summary>
/// A drift check of a model on one date's cohort: the stability index of every feature and of the
/// score against the model's training data, the base rate then and now, and, when outcomes are
/// known, how far the mean predicted risk is from the observed rate.
/// </summary>
public sealed record DriftReport(
    DateOnly AsOf, int Families, string ModelVersion, FeatureDrift Score, IReadOnlyList<FeatureDrift> Features,
    double TrainingBaseRate, double? ObservedRate, double MeanPredicted)
{
    /// <summary>The score or any feature shifted past <see cref="FeatureDrift.DriftedFrom"/>.</summary>
    public bool Drifted => Score.Band is DriftBand.Drifted || Features.Any(f => f.Band is DriftBand.Drifted);

    public IEnumerable<FeatureDrift> DriftedFeatures => Features.Where(f => f.Band is DriftBand.Drifted);
}
