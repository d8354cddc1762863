namespace RiskFlags.Core.Contract;

/// <summary>A column a contract file may have: found by header name, case-insensitively, in any position.</summary>
internal sealed record ColumnSpec(string Name, bool Required);
