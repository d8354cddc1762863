namespace RiskFlags.Core.Monitoring;

/// <summary>What the model learnt from, kept in its file for drift checks: each feature's distribution, the score's, and the base rate.</summary>
public sealed record ReferenceDistributions(IReadOnlyList<BinnedDistribution> Features, BinnedDistribution Score, double BaseRate, int Rows);
