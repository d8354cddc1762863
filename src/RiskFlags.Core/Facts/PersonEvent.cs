using RiskFlags.Core.Contract;

namespace RiskFlags.Core.Facts;

/// <summary>An event reduced to what the facts read; kept small because a cohort holds millions.</summary>
public readonly record struct PersonEvent(DateOnly Date, DateOnly? EndDate, EventType Type, EventDetail Detail)
{
    /// <summary>An episode is open at a date when it began on or before it and had not ended by it.</summary>
    public bool IsOpenAt(DateOnly date) => Date <= date && (EndDate is null || EndDate > date);
}
