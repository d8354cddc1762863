using System.Globalization;

namespace RiskFlags.Core.Forecast;

/// <summary>
/// The non-UASC looked-after rate per 10,000 children in a year: constant; on a logarithmic trend
/// (intercept + slope x ln(year - origin), the report's Rising LAC); or moving in a straight line from
/// the base year's rate to a target over some years and staying there (the report's Falling LAC).
/// </summary>
public sealed record RateTrend
{
    public required RateKind Kind { get; init; }

    /// <summary>Constant: the rate. Linear: the base year's rate.</summary>
    public double? Value { get; init; }

    public double? Intercept { get; init; }

    public double? Slope { get; init; }

    /// <summary>Logarithmic: the year the trend's logarithm counts from (before the first year it fits).</summary>
    public int? Origin { get; init; }

    /// <summary>Linear: the rate reached, and how many years after the base year it is reached.</summary>
    public double? Target { get; init; }

    public int? Years { get; init; }

    public double At(int year, int baseYear) => Kind switch
    {
        RateKind.Constant => Value!.Value,
        RateKind.Logarithmic => Intercept!.Value + (Slope!.Value * Math.Log(year - Origin!.Value)),
        RateKind.Linear => year - baseYear >= Years!.Value
            ? Target!.Value
            : Value!.Value + ((Target!.Value - Value.Value) * (year - baseYear) / Years.Value),
        _ => throw new InvalidOperationException($"unknown rate kind {Kind}"),
    };

    /// <summary>The trend in words, as the forecast's inputs list it.</summary>
    public string Describe() => Kind switch
    {
        RateKind.Constant => string.Create(CultureInfo.InvariantCulture, $"constant {Value:0.##} per 10,000"),
        RateKind.Logarithmic => string.Create(CultureInfo.InvariantCulture, $"{Intercept:0.##} + {Slope:0.##} ln(year - {Origin}) per 10,000"),
        RateKind.Linear => string.Create(CultureInfo.InvariantCulture, $"{Value:0.##} moving to {Target:0.##} per 10,000 over {Years} years, then constant"),
        _ => Kind.ToString(),
    };

    /// <summary>What is wrong with the trend as given, for a message naming the scenario; empty when nothing is.</summary>
    public IEnumerable<string> Problems(int baseYear)
    {
        static bool Rate(double? v) => v is { } x && double.IsFinite(x) && x is >= 0 and <= 10_000;
        switch (Kind)
        {
            case RateKind.Constant when !Rate(Value):
                yield return "rate.value: a constant rate needs a value between 0 and 10,000 per 10,000";
                break;
            case RateKind.Logarithmic when Intercept is not { } i || !double.IsFinite(i) || Slope is not { } s || !double.IsFinite(s) || Origin is not { } o:
                yield return "rate: a logarithmic trend needs intercept, slope and origin";
                break;
            case RateKind.Logarithmic when Origin >= baseYear:
                yield return $"rate.origin: {Origin} must be before the base year {baseYear}";
                break;
            case RateKind.Linear when !Rate(Value) || !Rate(Target) || Years is not > 0:
                yield return "rate: a linear change needs value, target (0 to 10,000 per 10,000) and years (1 or more)";
                break;
        }
    }
}
