using RiskFlags.Data;
using RiskFlags.Server.Hosting;

namespace RiskFlags.Server.Tests.Hosting;

/// <summary>Requests share reads of the store's versions, and none is answered from a read that began before it arrived.</summary>
public sealed class SharedVersionsReadTests : IDisposable
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private readonly TempFolder folder = new();

    [Fact]
    public async Task A_read_sees_every_change_committed_before_it_was_asked_while_changes_and_reads_race()
    {
        var store = StoreConnection.Parse($"Data Source={folder.File("store.db")}");
        await store.MigrateAsync(Cancel);
        var shared = new SharedVersionsRead(store);
        long committed = 0;
        var violations = 0;

        var writer = Task.Run(async () =>
        {
            await using var db = store.CreateContext();
            var time = TimeProvider.System;
            for (var i = 0; i < 200; i++)
            {
                Volatile.Write(ref committed, await StoreInfo.MarkReferralsChangedAsync(db, time, [$"F{i}"], Cancel));
            }
        }, Cancel);
        var readers = Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            var reads = 0;
            while (!writer.IsCompleted || reads < 50)
            {
                var floor = Volatile.Read(ref committed);
                var seen = await shared.ReadAsync(Cancel);
                if (seen.ReferralsVersion < floor)
                {
                    Interlocked.Increment(ref violations);
                }

                reads++;
            }
        }, Cancel)).ToList();
        await writer;
        await Task.WhenAll(readers);

        Assert.Equal(0, violations);
        Assert.Equal(200, (await shared.ReadAsync(Cancel)).ReferralsVersion);
    }

    [Fact]
    public async Task A_store_that_cannot_be_read_fails_each_caller()
    {
        var shared = new SharedVersionsRead(StoreConnection.Parse($"Data Source={folder.File("empty.db")}"));

        var error = await Assert.ThrowsAnyAsync<Exception>(() => shared.ReadAsync(Cancel));
        var again = await Assert.ThrowsAnyAsync<Exception>(() => shared.ReadAsync(Cancel));

        Assert.Contains("store_info", error.Message);
        Assert.Contains("store_info", again.Message);
    }

    public void Dispose() => folder.Dispose();
}
