using Microsoft.Data.Sqlite;

namespace RiskFlags.Data;

/// <summary>
/// Copies a SQLite store's write-ahead log into the database, for a process whose connections do not
/// (<see cref="StoreConnection.CheckpointsInBackground"/>). Passive checkpoints never block a reader
/// or a writer, but under steady writes they never catch the log's end, so it would never start
/// again from its beginning: a restarting one, once the log is long, waits a moment for the writer
/// and for readers of old snapshots so that the next commit writes from the start of the file again.
/// </summary>
public static class WalCheckpoint
{
    /// <returns>The pages in the log and how many of them are now in the database; (0, 0) for a store that is not a SQLite file.</returns>
    public static async Task<(int LogPages, int CheckpointedPages)> RunAsync(StoreConnection store, WalCheckpointMode mode, CancellationToken cancellationToken = default)
    {
        if (store.SqliteFile is null)
        {
            return (0, 0);
        }

        await using var connection = new SqliteConnection(store.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        // A restarting or truncating checkpoint waits for the writer as a writer would.
        command.CommandText = $"PRAGMA busy_timeout={SqliteConnectionSettings.LockWaitSeconds * 1000}";
        await command.ExecuteNonQueryAsync(cancellationToken);
        command.CommandText = $"PRAGMA wal_checkpoint({mode.ToString().ToUpperInvariant()})";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        // One row: busy (1 when a restarting or truncating checkpoint could not finish), pages in the log, pages checkpointed.
        return await reader.ReadAsync(cancellationToken) ? (reader.GetInt32(1), reader.GetInt32(2)) : (0, 0);
    }
}
