namespace RiskFlags.Core.Contract;

/// <summary>
/// One problem with one row of a contract file. <see cref="Column"/> is the 1-based position of the
/// field in that file's header (0 when the problem is the row as a whole).
/// </summary>
public sealed record RowError(string File, long Line, int Column, string Field, string Reason)
{
    public override string ToString() => (Column, Field) switch
    {
        ( > 0, { Length: > 0 }) => $"{File}:{Line}:{Column}: {Field}: {Reason}",
        ( > 0, _) => $"{File}:{Line}:{Column}: {Reason}",
        _ => $"{File}:{Line}: {Reason}",
    };
}
