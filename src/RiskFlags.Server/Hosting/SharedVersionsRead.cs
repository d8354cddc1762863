using RiskFlags.Data;

namespace RiskFlags.Server.Hosting;

/// <summary>
/// The store's versions for many requests at once. A request may take the answer of a read that
/// starts after it arrived, never of one already under way: so it still sees every change committed
/// before it came (an ingest here or on another replica), while at 50 concurrent requests a handful
/// of reads answer them all, instead of fifty.
/// </summary>
public sealed class SharedVersionsRead(StoreConnection store)
{
    private readonly Lock gate = new();
    private bool reading;
    private TaskCompletionSource<StoreVersions>? next;

    public Task<StoreVersions> ReadAsync(CancellationToken cancellationToken)
    {
        TaskCompletionSource<StoreVersions>? startNow = null;
        Task<StoreVersions> read;
        lock (gate)
        {
            if (next is not null)
            {
                read = next.Task;
            }
            else if (!reading)
            {
                reading = true;
                startNow = NewRead();
                read = startNow.Task;
            }
            else
            {
                next = NewRead();
                read = next.Task;
            }
        }

        if (startNow is not null)
        {
            _ = ReadWhileAskedAsync(startNow);
        }

        // A caller that gives up stops waiting; the read goes on for the others.
        return read.WaitAsync(cancellationToken);
    }

    private static TaskCompletionSource<StoreVersions> NewRead() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>
    /// Runs the read, then each read queued while it ran, until none is. The first runs on the caller's
    /// own thread (alone, as at one stream, that costs no thread switch); the rest on the pool.
    /// </summary>
    private async Task ReadWhileAskedAsync(TaskCompletionSource<StoreVersions> read)
    {
        while (true)
        {
            try
            {
                await using var connection = store.CreateDbConnection();
                await connection.OpenAsync(CancellationToken.None);
                read.SetResult(await StoreInfo.VersionsAsync(connection, CancellationToken.None));
            }
            catch (Exception e)
            {
                // Every caller waiting on this read sees the store's failure as its own call's failure.
                read.SetException(e);
            }

            lock (gate)
            {
                if (next is null)
                {
                    reading = false;
                    return;
                }

                read = next;
                next = null;
            }

            await Task.Yield();
        }
    }
}
