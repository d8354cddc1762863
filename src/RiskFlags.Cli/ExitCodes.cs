namespace RiskFlags.Cli;

/// <summary>The exit codes every verb uses.</summary>
public static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>The work ran and found problems (an invalid rule set, a failing fixture), or failed.</summary>
    public const int Failed = 1;

    /// <summary>A usage error, or an input file that is missing or unreadable.</summary>
    public const int Usage = 2;

    /// <summary>Some rows were rejected; the valid ones were loaded.</summary>
    public const int RowsRejected = 3;

    /// <summary>A drift check found the score or a feature shifted past 0.25 since training.</summary>
    public const int Drifted = 4;
}
