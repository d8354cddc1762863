namespace RiskFlags.Data;

/// <summary>
/// A programme's ticket counter. Every accept and every end of an enrolment first moves it on, which
/// locks the row (PostgreSQL) or the database (SQLite) until the transaction commits: places and
/// waiting-list positions of one programme are therefore given out one transaction at a time, and a
/// waiting family's ticket is the order in which places were refused.
/// </summary>
public sealed class ProgrammeQueueRow
{
    public required string ProgrammeId { get; set; }

    public long NextTicket { get; set; }
}
