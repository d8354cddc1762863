using System.Collections.Concurrent;
using RiskFlags.Data;

namespace RiskFlags.Server.Audit;

/// <summary>
/// Group commit for the audit rows of reads. A caller hands over its row and waits until the row is
/// stored, so no read is answered without its audit row. The first caller to find no write under way
/// writes its own row at once, on its own thread (a lone read waits for one commit, not for a hand-off
/// to a writer thread and back); rows that arrive while a commit runs go together in the next one,
/// written on the thread pool, because SQLite has a single writer and a commit per read would queue
/// every reader behind it.
/// </summary>
public sealed class AuditWriter(StoreConnection store, ILogger<AuditWriter> logger) : IHostedService, IAsyncDisposable
{
    private const int MaximumBatch = 500;
    private readonly ConcurrentQueue<(AuditRow Row, TaskCompletionSource Stored)> queue = new();
    private readonly Lock gate = new();
    private readonly AuditLog log = new(store);
    private bool writing;
    private bool closed;
    private TaskCompletionSource idle = Idle();

    /// <summary>Completes when the row is stored; fails when it could not be.</summary>
    public Task WriteAsync(AuditRow row)
    {
        var stored = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (gate)
        {
            if (closed)
            {
                stored.SetException(new InvalidOperationException("the audit log is closed: the server is stopping"));
                return stored.Task;
            }

            queue.Enqueue((row, stored));
            if (writing)
            {
                return stored.Task;
            }

            writing = true;
            idle = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        return LeadAsync(stored.Task);
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Refuses new rows and waits until every row handed over is stored (or has failed).</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        Task stored;
        lock (gate)
        {
            closed = true;
            stored = idle.Task;
        }

        await stored.WaitAsync(cancellationToken);
    }

    public ValueTask DisposeAsync() => log.DisposeAsync();

    private static TaskCompletionSource Idle()
    {
        var idle = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        idle.SetResult();
        return idle;
    }

    /// <summary>Writes the queue's rows, its caller's among them; then leaves what arrived meanwhile to the pool.</summary>
    private async Task LeadAsync(Task own)
    {
        await WriteBatchAsync();
        if (MoreToWrite())
        {
            _ = Task.Run(WriteUntilEmptyAsync);
        }

        // Stored by now, unless more than a batch was queued ahead of it: then the pool's writer stores it.
        await own;
    }

    private async Task WriteUntilEmptyAsync()
    {
        do
        {
            await WriteBatchAsync();
        }
        while (MoreToWrite());
    }

    /// <summary>Whether rows are waiting; when none is, the next caller writes its own.</summary>
    private bool MoreToWrite()
    {
        lock (gate)
        {
            writing = !queue.IsEmpty;
            if (!writing)
            {
                idle.TrySetResult();
            }

            return writing;
        }
    }

    private async Task WriteBatchAsync()
    {
        var batch = new List<(AuditRow Row, TaskCompletionSource Stored)>(Math.Min(queue.Count, MaximumBatch));
        while (batch.Count < MaximumBatch && queue.TryDequeue(out var item))
        {
            batch.Add(item);
        }

        try
        {
            await log.AppendAsync([.. batch.Select(b => b.Row)], CancellationToken.None);
            batch.ForEach(b => b.Stored.SetResult());
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            logger.LogError(e, "{Count} audit rows could not be stored; their calls fail", batch.Count);
            batch.ForEach(b => b.Stored.SetException(e));
        }
    }
}
