namespace RiskFlags.Core.DemoData;

public sealed record DemoDataOptions
{
    /// <summary>Roughly the households of a Thurrock-sized authority known to at least one agency.</summary>
    public const int DefaultFamilies = 20_000;

    public const int DefaultSeed = 42;

    public int Families { get; init; } = DefaultFamilies;

    public int Seed { get; init; } = DefaultSeed;

    /// <summary>The first day of the synthetic history.</summary>
    public static readonly DateOnly HistoryStart = new(2018, 4, 1);

    /// <summary>The last day of the synthetic history: the extract date.</summary>
    public static readonly DateOnly HistoryEnd = new(2025, 3, 31);

    /// <summary>The 31 March dates for which truth.csv gives every cohort family's known probability and outcome.</summary>
    public static readonly IReadOnlyList<DateOnly> TruthDates =
        [.. Enumerable.Range(2019, 6).Select(year => new DateOnly(year, 3, 31))];
}
