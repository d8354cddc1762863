namespace RiskFlags.Core.Scoring;

/// <summary>
/// What RiskFlags writes into a model file beside ML.NET's own entries: the features it reads, and
/// the recipe (dates, seed, held-out share) from which its training rows can be rebuilt, so that a
/// baseline can be trained on exactly the same rows; and the distributions of what it learnt from,
/// for drift checks (absent from files written before they were kept).
/// </summary>
public sealed record ModelManifest(
    IReadOnlyList<string> Features, int Seed, string Trainer, IReadOnlyList<DateOnly> TrainingAsOf, double ValidationShare, Monitoring.ReferenceDistributions? Reference = null)
{
    public const string Entry = "RiskFlags/manifest.json";
}
