namespace RiskFlags.Core.DemoData;

public sealed record DemoDataOptions
{
    /// <summary>The households with children of a Thurrock-sized authority: about 42,000 children aged 0-17 (001 1.1.1).</summary>
    public const int DefaultFamilies = 26_000;

    /// <summary>Children aged 0-17 in the default authority (calibration.csv counts them at 31 March 2024).</summary>
    public const int DefaultChildren = 42_000;

    public const int DefaultSeed = 42;

    /// <summary>The families that give about <paramref name="children"/> children aged 0-17, at the default authority's children per family.</summary>
    public static int FamiliesFor(int children) => Math.Max(1, (int)Math.Round((double)children * DefaultFamilies / DefaultChildren));

    public int Families { get; init; } = DefaultFamilies;

    public int Seed { get; init; } = DefaultSeed;

    /// <summary>
    /// How much more domestic abuse there is than in the calibrated authority (1 as the reports give it):
    /// the chance that abuse is going on in a family and its repeat incidents each multiplied by it. A
    /// what-if for drift checks, such as an authority whose police record twice as much.
    /// </summary>
    public double DomesticAbuseFactor { get; init; } = 1;

    /// <summary>The first day of the synthetic history.</summary>
    public static readonly DateOnly HistoryStart = new(2018, 4, 1);

    /// <summary>The last day of the synthetic history: the extract date.</summary>
    public static readonly DateOnly HistoryEnd = new(2025, 3, 31);

    /// <summary>The 31 March dates for which truth.csv gives every cohort family's known probability and outcome.</summary>
    public static readonly IReadOnlyList<DateOnly> TruthDates =
        [.. Enumerable.Range(2019, 6).Select(year => new DateOnly(year, 3, 31))];
}
