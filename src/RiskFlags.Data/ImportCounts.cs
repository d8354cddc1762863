namespace RiskFlags.Data;

/// <summary>Rows of one file: valid and stored, rejected, of the stored ones how many were new or changed, and how long the file took.</summary>
public sealed record ImportCounts(long Loaded, long Rejected, long Written, TimeSpan Elapsed)
{
    public double RowsPerSecond => Elapsed > TimeSpan.Zero ? (Loaded + Rejected) / Elapsed.TotalSeconds : 0;
}
