namespace RiskFlags.Training;

public sealed record TrainingOptions
{
    public required IReadOnlyList<DateOnly> AsOf { get; init; }

    public int Seed { get; init; } = 42;

    // Small, regularised trees: the demo authority has about 200 care entries a year, so four years
    // give about 650 positive training rows, and larger ensembles overfit; see bench/README.md.
    public int Trees { get; init; } = 150;

    public int Leaves { get; init; } = 6;

    public int MinimumExamplesPerLeaf { get; init; } = 100;

    public double LearningRate { get; init; } = 0.05;

    /// <summary>Share of families held out for validation.</summary>
    public double ValidationShare { get; init; } = 0.2;
}
