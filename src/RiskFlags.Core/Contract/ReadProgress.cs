namespace RiskFlags.Core.Contract;

/// <summary>How far through a contract file a read has got, for progress displays.</summary>
public readonly record struct ReadProgress(string File, long BytesRead, long TotalBytes, long Rows);
