using RiskFlags.Core.Contract;

namespace RiskFlags.Core.DemoData;

/// <summary>An event the generator wrote, before event ids are assigned.</summary>
public readonly record struct GeneratedEvent(string PersonId, DateOnly Date, EventType Type, DateOnly? EndDate, string? Detail, EventDetail DetailCode);
