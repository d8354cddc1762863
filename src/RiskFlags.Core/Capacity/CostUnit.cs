using System.Text.Json.Serialization;

namespace RiskFlags.Core.Capacity;

/// <summary>What a programme's unit cost is for.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CostUnit>))]
public enum CostUnit
{
    [JsonStringEnumMemberName("family")]
    Family,

    [JsonStringEnumMemberName("woman")]
    Woman,

    [JsonStringEnumMemberName("added_place")]
    AddedPlace,
}
