namespace RiskFlags.Data;

public sealed record StoreCounts(long Families, long People, long Events);
