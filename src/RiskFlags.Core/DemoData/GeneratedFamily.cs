using RiskFlags.Core.Contract;

namespace RiskFlags.Core.DemoData;

/// <summary>One synthetic family: its rows in the three contract files and its truth rows.</summary>
public sealed record GeneratedFamily(
    FamilyRecord Family,
    IReadOnlyList<PersonRecord> People,
    IReadOnlyList<GeneratedEvent> Events,
    IReadOnlyList<TruthRow> Truth,
    int UnrealisableOutcomes);
