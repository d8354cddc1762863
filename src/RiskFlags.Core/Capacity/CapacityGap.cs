namespace RiskFlags.Core.Capacity;

/// <summary>
/// A programme's capacity gap: places against demand (enrolled + waiting + flagged and eligible but not
/// yet referred), how long a family would wait, and what closing the gap would cost and save.
/// </summary>
public sealed record CapacityGap(
    Programme Programme,
    double Places,
    int Enrolled,
    int Waiting,
    int FlaggedNotReferred,
    int Demand,
    double Gap,
    double? ExpectedWaitWeeks,
    Impact? ClosingTheGap,
    string? NotPriced);
