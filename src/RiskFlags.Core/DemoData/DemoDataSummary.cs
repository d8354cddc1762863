namespace RiskFlags.Core.DemoData;

/// <summary>What a demo data run wrote.</summary>
public sealed record DemoDataSummary(
    int Families,
    long People,
    long Events,
    IReadOnlyDictionary<DateOnly, (int Cohort, int Positives)> OutcomesByYear,
    int UnrealisableOutcomes,
    IReadOnlyList<CalibrationFigure> Calibration)
{
    public double BaseRate(DateOnly asOf) => OutcomesByYear[asOf] is var (cohort, positives) && cohort > 0 ? (double)positives / cohort : 0;
}
