namespace RiskFlags.Data;

/// <summary>The store's versions, as every request reads them first.</summary>
public sealed record StoreVersions(long DataVersion, long ReferralsVersion, bool Demo, string? DemoDetail, long ModelsVersion);
