namespace RiskFlags.Core.Scoring;

public static class RiskBands
{
    public const double Medium = 0.05;
    public const double High = 0.20;

    public static RiskBand Of(double probability) => probability >= High ? RiskBand.High : probability >= Medium ? RiskBand.Medium : RiskBand.Low;

    public static string Code(this RiskBand band) => band.ToString().ToLowerInvariant();
}
