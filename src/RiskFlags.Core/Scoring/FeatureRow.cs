using Microsoft.ML.Data;

namespace RiskFlags.Core.Scoring;

/// <summary>A row for ML.NET: the feature vector, the outcome and a weight.</summary>
public sealed class FeatureRow
{
    [VectorType(FeatureVector.Count)]
    public float[] Features { get; set; } = new float[FeatureVector.Count];

    public bool Label { get; set; }
}
