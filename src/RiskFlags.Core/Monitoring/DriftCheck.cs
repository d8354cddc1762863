using RiskFlags.Core.Assessment;
using RiskFlags.Core.Scoring;

namespace RiskFlags.Core.Monitoring;

/// <summary>The one drift check: the model's reference distributions against a cohort's features and scores, used by riskflags monitor and the service.</summary>
public static class DriftCheck
{
    /// <param name="cohort">The cohort assessed as of the date, with the model being checked.</param>
    /// <param name="outcomes">Each family's outcome when the data run a year past the date; null otherwise.</param>
    /// <exception cref="InvalidOperationException">The model file holds no reference distributions (trained before they were kept).</exception>
    public static DriftReport Run(RiskModel model, DateOnly asOf, IReadOnlyList<FamilyAssessment> cohort, IReadOnlyList<bool>? outcomes = null)
    {
        var reference = model.Manifest.Reference
            ?? throw new InvalidOperationException("the model file holds no reference distributions: retrain it with this version of riskflags train to check drift");
        var vectors = cohort.Select(a => FeatureVector.Of(a.Facts)).ToList();
        var features = reference.Features.Select((d, i) =>
        {
            var feature = FeatureVector.Features.FirstOrDefault(f => f.Name == d.Name);
            var column = FeatureVector.Features.ToList().FindIndex(f => f.Name == d.Name);
            var values = column < 0 ? [] : vectors.Select(v => (double)v[column]).ToArray();
            return new FeatureDrift(d.Name, feature?.Description ?? d.Name, values.Length == 0 ? 0 : d.StabilityIndex(values));
        }).ToList();
        var scores = cohort.Select(a => a.Score.Probability).ToArray();
        return new DriftReport(
            asOf, cohort.Count, model.Version,
            new FeatureDrift("score", "predicted risk of care entry", scores.Length == 0 ? 0 : reference.Score.StabilityIndex(scores)),
            features,
            reference.BaseRate,
            outcomes is { Count: > 0 } ? outcomes.Count(o => o) / (double)outcomes.Count : null,
            scores.Length == 0 ? 0 : scores.Average());
    }
}
