namespace RiskFlags.Data;

/// <param name="Demo">How the demo data were made, when the folder held them (the store is then marked a demo store); null for real data.</param>
public sealed record ImportResult(ImportCounts Families, ImportCounts People, ImportCounts Events, string? Demo = null)
{
    public bool AnyRejected => Families.Rejected + People.Rejected + Events.Rejected > 0;
}
