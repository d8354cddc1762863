namespace RiskFlags.Data;

/// <summary>How many places of a programme are taken in a programme year (April to March).</summary>
public sealed class ProgrammeYearRow
{
    public required string ProgrammeId { get; set; }

    public int Year { get; set; }

    public int Enrolled { get; set; }
}
