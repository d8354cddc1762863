using System.Text.Json.Serialization;

namespace RiskFlags.Core.Forecast;

/// <summary>How a scenario's looked-after rate moves: see <see cref="RateTrend"/>.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RateKind>))]
public enum RateKind
{
    Constant,
    Logarithmic,
    Linear,
}
