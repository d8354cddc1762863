using Microsoft.Data.Sqlite;
using RiskFlags.Data;

namespace RiskFlags.Server.Hosting;

/// <summary>
/// The server's SQLite connections never checkpoint on commit (a commit that did waited for the disk,
/// and the read whose audit row it carried waited with it), so this copies the log into the database
/// every second, off the request path; starts it again from its beginning once it is long; and
/// empties it when the server stops.
/// </summary>
public sealed class WalCheckpointer(StoreConnection store, ILogger<WalCheckpointer> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    /// <summary>Pages (4 KB) in the log past which it is started again: about as often as SQLite's own 1,000 pages, spread over many more commits.</summary>
    public const int RestartAfterPages = 16_384;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (store.SqliteFile is null || !store.CheckpointsInBackground)
        {
            return;
        }

        using var timer = new PeriodicTimer(Interval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                if (await CheckpointAsync(WalCheckpointMode.Passive, stoppingToken) > RestartAfterPages)
                {
                    await CheckpointAsync(WalCheckpointMode.Restart, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: the truncating checkpoint below runs whatever the timer was doing.
        }

        await CheckpointAsync(WalCheckpointMode.Truncate, CancellationToken.None);
    }

    /// <returns>The pages in the log; 0 when the checkpoint failed.</returns>
    private async Task<int> CheckpointAsync(WalCheckpointMode mode, CancellationToken cancellationToken)
    {
        try
        {
            return (await WalCheckpoint.RunAsync(store, mode, cancellationToken)).LogPages;
        }
        catch (SqliteException e)
        {
            // The next tick tries again; commits are unaffected, only the log grows meanwhile.
            logger.LogWarning("Checkpointing the store's write-ahead log ({Mode}) failed (SQLite error {Code}): {Message}", mode, e.SqliteErrorCode, e.Message);
            return 0;
        }
    }
}
