using RiskFlags.Core.Contract;

namespace RiskFlags.Core.Returns;

/// <summary>An event read from a return, as the contract's events.csv takes it (source social_care).</summary>
public sealed record ConvertedEvent(string EventId, string PersonId, DateOnly Date, EventType Type, DateOnly? End, string Detail);
