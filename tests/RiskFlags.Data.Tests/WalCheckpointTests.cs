using Microsoft.Extensions.Time.Testing;
using RiskFlags.Data;

namespace RiskFlags.Data.Tests;

/// <summary>A process that checkpoints in the background (the server) leaves its commits in the log until it checkpoints; others checkpoint as SQLite does.</summary>
public sealed class WalCheckpointTests : IDisposable
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private readonly TempFolder folder = new();

    [Fact]
    public async Task Commits_without_checkpoints_stay_in_the_log_until_a_checkpoint_copies_them_and_truncating_empties_it()
    {
        var store = StoreConnection.Parse($"Data Source={folder.File("store.db")}") with { CheckpointsInBackground = true };
        await store.MigrateAsync(Cancel);
        await WalCheckpoint.RunAsync(store, WalCheckpointMode.Truncate, Cancel);

        await CommitManyAsync(store);
        var passive = await WalCheckpoint.RunAsync(store, WalCheckpointMode.Passive, Cancel);
        var truncated = await WalCheckpoint.RunAsync(store, WalCheckpointMode.Truncate, Cancel);

        // SQLite's own checkpoint would have run at 1,000 pages and started the log again.
        Assert.True(passive.LogPages > 1_000, $"{passive.LogPages} pages in the log");
        Assert.Equal(passive.LogPages, passive.CheckpointedPages);
        Assert.Equal((0, 0), truncated);
        Assert.Equal(0, new FileInfo(folder.File("store.db") + "-wal").Length);
        await using var db = store.CreateContext();
        Assert.Equal(Commits, (await StoreInfo.VersionsAsync(db, Cancel)).ReferralsVersion);
    }

    [Fact]
    public async Task A_store_opened_as_usual_checkpoints_on_commit()
    {
        var store = StoreConnection.Parse($"Data Source={folder.File("store.db")}");
        await store.MigrateAsync(Cancel);

        await CommitManyAsync(store);
        var passive = await WalCheckpoint.RunAsync(store, WalCheckpointMode.Passive, Cancel);

        Assert.True(passive.LogPages < 1_100, $"{passive.LogPages} pages in the log");
    }

    [Fact]
    public async Task A_store_that_is_not_a_sqlite_file_has_nothing_to_checkpoint()
    {
        var memory = StoreConnection.Parse("Data Source=:memory:");

        Assert.Equal((0, 0), await WalCheckpoint.RunAsync(memory, WalCheckpointMode.Passive, Cancel));
    }

    public void Dispose() => folder.Dispose();

    private const int Commits = 600;

    /// <summary>Each commit writes a few pages: 600 of them pass 1,000 pages.</summary>
    private static async Task CommitManyAsync(StoreConnection store)
    {
        await using var db = store.CreateContext();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
        for (var i = 0; i < Commits; i++)
        {
            await StoreInfo.MarkReferralsChangedAsync(db, time, [$"F{i:D6}"], Cancel);
        }
    }
}
