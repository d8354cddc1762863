namespace RiskFlags.Core.Contract;

/// <summary>Rows loaded and rejected from one contract file.</summary>
public sealed record FileCounts(long Loaded, long Rejected);
