using System.Threading.Channels;
using RiskFlags.Data;

namespace RiskFlags.Server.Audit;

/// <summary>
/// Group commit for the audit rows of reads. A caller hands over its row and waits until the row is
/// stored, so no read is answered without its audit row; rows that arrive together share one
/// transaction, because SQLite has a single writer and a commit per read would queue every reader behind it.
/// </summary>
public sealed class AuditWriter(IServiceScopeFactory scopes, ILogger<AuditWriter> logger) : BackgroundService
{
    private const int MaximumBatch = 500;
    private readonly Channel<(AuditRow Row, TaskCompletionSource Stored)> queue =
        Channel.CreateUnbounded<(AuditRow, TaskCompletionSource)>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>Completes when the row is stored; fails when it could not be.</summary>
    public Task WriteAsync(AuditRow row)
    {
        var stored = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!queue.Writer.TryWrite((row, stored)))
        {
            stored.SetException(new InvalidOperationException("the audit log is closed: the server is stopping"));
        }

        return stored.Task;
    }

    public override Task StopAsync(CancellationToken cancellationToken)
    {
        queue.Writer.TryComplete();
        return base.StopAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<(AuditRow Row, TaskCompletionSource Stored)>(MaximumBatch);
        // Not stoppingToken: the queue is completed on stop, and what is in it is still written.
        while (await queue.Reader.WaitToReadAsync(CancellationToken.None))
        {
            while (batch.Count < MaximumBatch && queue.Reader.TryRead(out var item))
            {
                batch.Add(item);
            }

            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<RiskFlagsDbContext>();
                await AuditLog.AppendAsync(db, [.. batch.Select(b => b.Row)], CancellationToken.None);
                batch.ForEach(b => b.Stored.SetResult());
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                logger.LogError(e, "{Count} audit rows could not be stored; their calls fail", batch.Count);
                batch.ForEach(b => b.Stored.SetException(e));
            }

            batch.Clear();
        }
    }
}
