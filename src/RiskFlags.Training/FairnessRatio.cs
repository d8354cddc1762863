namespace RiskFlags.Training;

/// <summary>
/// A group's figure over the reference group's, with its 95% bootstrap interval, and whether it lies in
/// the band read as parity (0.8-1.25, as aequitas reads disparities). Null when either figure is undefined.
/// </summary>
public sealed record FairnessRatio(double? Value, Interval? Interval)
{
    public const double BandLow = 0.8;
    public const double BandHigh = 1.25;

    public bool? WithinBand => Value is { } v ? v is >= BandLow and <= BandHigh : null;
}
