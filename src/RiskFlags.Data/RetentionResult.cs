namespace RiskFlags.Data;

/// <summary>What a retention run removed: events whose end (or date) was before the cut-off, and the families they belonged to.</summary>
public sealed record RetentionResult(DateOnly Cutoff, int EventsRemoved, IReadOnlyDictionary<string, int> ByType, int FamiliesTouched, int OpenEpisodesKept);
