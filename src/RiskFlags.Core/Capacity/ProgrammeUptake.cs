namespace RiskFlags.Core.Capacity;

/// <summary>A programme's enrolments now: families with a place, and families waiting for one.</summary>
public sealed record ProgrammeUptake(int Enrolled, int Waiting);
