namespace RiskFlags.Core.DemoData;

/// <summary>
/// One row of calibration.csv: a figure of the demo authority beside the report's, and the band the
/// demo is held to (the tests check every figure is inside it for more than one seed).
/// </summary>
public sealed record CalibrationFigure(string Figure, double Demo, double Report, double Low, double High, string Source)
{
    public bool WithinBand => Demo >= Low && Demo <= High;
}
