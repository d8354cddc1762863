using System.Reflection;
using RiskFlags.Core.Facts;

namespace RiskFlags.Core.Rules;

/// <summary>
/// Families at the edges of what the facts can hold: unknown (null) values, zeros, extremes, and
/// seeded mixes of them. Every rule set is run on these before it is used, reasons included, so a
/// rule or reason that fails on some family fails at load, naming the rule, instead of in front of a
/// worker. Built by reflection over <see cref="FamilyFacts"/>, so a new fact is covered the day it is added.
/// </summary>
public static class EdgeCaseFacts
{
    /// <summary>Mixed families per load: enough for every rule to fire on families with unknown facts.</summary>
    public const int MixedFamilies = 1500;

    private const int Seed = 20_261_201;

    private static readonly int[] Counts = [0, 1, 2, 3, 4, 5, 6, 10, 12, 17, 18, 30, 365, 100_000];
    private static readonly int[] Ages = [0, 1, 2, 5, 10, 14, 15, 16, 17, 18, 19, 20, 21, 25, 40, 60, 100];
    private static readonly double[] Probabilities = [0, 0.001, 0.05, 0.1, 0.2, 0.35, 0.5, 0.9, 1];
    private static readonly string?[] Categories = [null, "neglect", "physical", "emotional", "sexual", "multiple"];

    private static readonly PropertyInfo[] Settable = [.. typeof(FamilyFacts).GetProperties()
        .Where(p => p.CanWrite && p.Name is not nameof(FamilyFacts.FamilyId) and not nameof(FamilyFacts.AsOf))];

    /// <summary>An empty family, one with every fact unknown or zero, one with every fact at its largest, then seeded mixes.</summary>
    public static IEnumerable<FamilyFacts> All()
    {
        yield return New("edge-empty");
        yield return Fill(New("edge-unknown"), p => Default(p.PropertyType));
        yield return Fill(New("edge-largest"), p => Largest(p.PropertyType));
        var random = new Random(Seed);
        for (var i = 0; i < MixedFamilies; i++)
        {
            var mixed = Fill(New($"edge-{i}"), p => Pick(random, p));
            yield return mixed;
            // The same family with every nullable fact unknown: what a reason that assumes a value meets first.
            yield return Fill(mixed with { FamilyId = $"edge-{i}-unknowns" }, p => Nullable.GetUnderlyingType(p.PropertyType) is not null || p.PropertyType == typeof(string) ? null : p.GetValue(mixed));
        }
    }

    private static FamilyFacts New(string id) => new() { FamilyId = id, AsOf = new DateOnly(2025, 3, 31) };

    private static FamilyFacts Fill(FamilyFacts facts, Func<PropertyInfo, object?> value)
    {
        foreach (var property in Settable)
        {
            property.SetValue(facts, value(property));
        }

        return facts;
    }

    private static object? Default(Type type) => type.IsValueType && Nullable.GetUnderlyingType(type) is null ? Activator.CreateInstance(type) : null;

    private static object? Largest(Type type) => (Nullable.GetUnderlyingType(type) ?? type) switch
    {
        var t when t == typeof(int) => 100_000,
        var t when t == typeof(double) => 1.0,
        var t when t == typeof(bool) => true,
        var t when t == typeof(string) => "multiple",
        _ => Default(type),
    };

    private static object? Pick(Random random, PropertyInfo property)
    {
        var type = property.PropertyType;
        var nullable = Nullable.GetUnderlyingType(type) is not null || type == typeof(string);
        if (nullable && random.NextDouble() < 0.3)
        {
            return null;
        }

        var ageLike = property.Name.Contains("Age", StringComparison.Ordinal) || property.Name.Contains("Decile", StringComparison.Ordinal);
        return (Nullable.GetUnderlyingType(type) ?? type) switch
        {
            var t when t == typeof(int) => ageLike ? Ages[random.Next(Ages.Length)] : Counts[random.Next(Counts.Length)],
            var t when t == typeof(double) => Probabilities[random.Next(Probabilities.Length)],
            var t when t == typeof(bool) => random.Next(2) == 1,
            var t when t == typeof(string) => Categories[random.Next(Categories.Length)],
            _ => Default(type),
        };
    }
}
