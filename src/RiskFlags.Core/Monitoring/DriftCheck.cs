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
        var columns = FeatureVector.Features.Select((f, i) => (f, i)).ToDictionary(c => c.f.Name, StringComparer.Ordinal);
        var features = reference.Features.Select(d =>
        {
            // A feature this build no longer has cannot have moved: the model would not load with it anyway.
            if (!columns.TryGetValue(d.Name, out var column) || vectors.Count == 0)
            {
                return new FeatureDrift(d.Name, column.f?.Description ?? d.Name, 0);
            }

            double[] values = [.. vectors.Select(v => (double)v[column.i])];
            return new FeatureDrift(d.Name, column.f.Description, d.StabilityIndex(values), PrevalenceRatio(column.f, d, values));
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

    /// <summary>For a count or flag whose first bin is zero: the share above zero now over the share in training.</summary>
    private static double? PrevalenceRatio(Feature feature, BinnedDistribution reference, double[] values)
    {
        if (feature.Kind is not (FeatureKind.Count or FeatureKind.Flag) || reference.UpperEdges is not [0, ..] || values.Length == 0)
        {
            return null;
        }

        var then = 1 - reference.Shares[0];
        return then < FeatureDrift.SmallestComparedPrevalence || then * values.Length < FeatureDrift.SmallestExpectedFamilies
            ? null
            : values.Count(v => v > 0) / (double)values.Length / then;
    }
}
