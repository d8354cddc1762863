using System.Text.Json;

namespace RiskFlags.Core.Capacity;

/// <summary>One problem in the programme catalogue: the programme (null for the cost model or the file as a whole), the field, and what is wrong.</summary>
public sealed record CatalogueProblem(string? Programme, string? Field, string Message)
{
    /// <summary>The field as programmes.json spells it (placesPerYear).</summary>
    public string? JsonField => Field is null ? null : JsonNamingPolicy.CamelCase.ConvertName(Field);

    /// <summary>The field as the API spells it (places_per_year).</summary>
    public string? ApiField => Field is null ? null : JsonNamingPolicy.SnakeCaseLower.ConvertName(Field);

    public override string ToString() =>
        $"{ProgrammeCatalogue.FileName}: {Programme ?? (Field is null ? "-" : "costModel")}: {(JsonField is null ? "" : $"{JsonField}: ")}{Message}";
}
