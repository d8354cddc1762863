namespace RiskFlags.Training;

/// <summary>A 95% interval from the bootstrap's 2.5th and 97.5th percentiles; NaN ends when the figure is undefined in too many resamples.</summary>
public sealed record Interval(double Low, double High)
{
    public double Width => High - Low;
}
