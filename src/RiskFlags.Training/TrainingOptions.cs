namespace RiskFlags.Training;

public sealed record TrainingOptions
{
    public required IReadOnlyList<DateOnly> AsOf { get; init; }

    public int Seed { get; init; } = 42;

    // Small, regularised trees: on 20,000 demo families (about 1,100 positive training rows) larger
    // ensembles overfit; see the comparison in bench/README.md.
    public int Trees { get; init; } = 300;

    public int Leaves { get; init; } = 8;

    public int MinimumExamplesPerLeaf { get; init; } = 100;

    public double LearningRate { get; init; } = 0.05;

    /// <summary>Share of families held out for validation.</summary>
    public double ValidationShare { get; init; } = 0.2;
}
