using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace RiskFlags.Training;

/// <summary>
/// Two models compared on one date's families, as `model compare` prints it and the model registry
/// keeps it beside a publication.
/// </summary>
public sealed record ComparisonRecord(DateOnly AsOf, string First, string Second, string Families, IReadOnlyList<ComparedFigure> Figures)
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public string ToJson() => JsonSerializer.Serialize(new Shape(
        AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), First, Second, Families,
        [.. Figures.Select(f => new FigureShape(f.Figure, f.First, Pair(f.FirstInterval), f.Second, Pair(f.SecondInterval)))]), Json);

    /// <exception cref="JsonException">The text is not a comparison this build wrote.</exception>
    public static ComparisonRecord FromJson(string json)
    {
        var shape = JsonSerializer.Deserialize<Shape>(json, Json) ?? throw new JsonException("empty comparison");
        return new ComparisonRecord(DateOnly.ParseExact(shape.AsOf, "yyyy-MM-dd", CultureInfo.InvariantCulture), shape.A, shape.B, shape.Families,
            [.. shape.Figures.Select(f => new ComparedFigure(f.Figure, f.A, Unpair(f.AInterval), f.B, Unpair(f.BInterval)))]);
    }

    /// <summary>The comparison as a table: a heading, then one line per figure, A beside B, intervals in brackets.</summary>
    public IEnumerable<string> Lines()
    {
        yield return string.Create(CultureInfo.InvariantCulture, $"A = {First}, B = {Second}, on the cohort at {AsOf:yyyy-MM-dd} ({Families}); 95% intervals in brackets");
        yield return $"{"figure",-48} {"A",-24} {"B",-24}";
        foreach (var f in Figures)
        {
            yield return $"{f.Figure,-48} {Cell(f.First, f.FirstInterval),-24} {Cell(f.Second, f.SecondInterval),-24}";
        }
    }

    private static string Cell(double value, Interval? interval) => double.IsNaN(value)
        ? "n/a"
        : string.Create(CultureInfo.InvariantCulture, $"{value:0.000}{(interval is null || double.IsNaN(interval.Low) ? "" : $" ({interval.Low:0.000}-{interval.High:0.000})")}");

    private static double[]? Pair(Interval? interval) => interval is null ? null : [interval.Low, interval.High];

    private static Interval? Unpair(double[]? pair) => pair is [var low, var high] ? new Interval(low, high) : null;

    private sealed record Shape(string AsOf, string A, string B, string Families, FigureShape[] Figures);

    private sealed record FigureShape(string Figure, double A, double[]? AInterval, double B, double[]? BInterval);
}
