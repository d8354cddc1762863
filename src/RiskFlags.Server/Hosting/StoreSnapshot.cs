namespace RiskFlags.Server.Hosting;

/// <summary>What every request needs to know about the store, read in one go.</summary>
/// <param name="DataEnd">The date the store's data run to (the default as_of); null when it holds no events.</param>
/// <param name="Demo">The store holds synthetic demo data: every answer says so.</param>
public sealed record StoreSnapshot(DateOnly? DataEnd, bool Demo, string? DemoDetail, long DataVersion, long ReferralsVersion);
