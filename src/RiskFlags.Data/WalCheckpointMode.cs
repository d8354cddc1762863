namespace RiskFlags.Data;

/// <summary>SQLite's checkpoint modes, as <see cref="WalCheckpoint"/> uses them.</summary>
public enum WalCheckpointMode
{
    /// <summary>Copies what it can without waiting for anyone.</summary>
    Passive,

    /// <summary>Copies everything, then waits until the next commit can write from the start of the log.</summary>
    Restart,

    /// <summary>As <see cref="Restart"/>, and empties the log file.</summary>
    Truncate,
}
