using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using RiskFlags.Data;

namespace RiskFlags.Data.Tests;

/// <summary>The store's versions and change log, on SQLite and PostgreSQL alike.</summary>
public abstract class StoreInfoTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    protected abstract StoreConnection Store();

    [Fact]
    public async Task Each_change_moves_its_version_on_and_names_its_families()
    {
        var store = Store();
        await store.MigrateAsync(Cancel);
        await using var db = store.CreateContext();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));

        var data = await StoreInfo.MarkDataChangedAsync(db, time, ["F1", "F2", "F1"], cancellationToken: Cancel);
        var referrals = await StoreInfo.MarkReferralsChangedAsync(db, time, ["F3"], Cancel);
        var versions = await StoreInfo.VersionsAsync(db);
        var changes = await StoreInfo.ChangesSinceAsync(db, 0, 0, Cancel);

        Assert.Equal((1L, 1L), (data, referrals));
        Assert.Equal((1L, 1L), (versions.DataVersion, versions.ReferralsVersion));
        Assert.Equal([("data", "F1"), ("data", "F2"), ("referrals", "F3")], changes.Select(c => (c.Kind, c.FamilyId!)));
    }

    [Fact]
    public async Task Changes_older_than_the_retention_are_pruned_and_newer_ones_kept()
    {
        var store = Store();
        await store.MigrateAsync(Cancel);
        await using var db = store.CreateContext();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));

        await StoreInfo.MarkReferralsChangedAsync(db, time, ["OLD"], Cancel);
        time.Advance(StoreInfo.ChangeLogRetention + TimeSpan.FromHours(1));
        for (var i = 2; i < StoreInfo.PruneEveryVersions; i++)
        {
            await StoreInfo.MarkReferralsChangedAsync(db, time, [$"F{i}"], Cancel);
        }

        var beforePrune = await db.StoreChanges.CountAsync(Cancel);
        var pruning = await StoreInfo.MarkReferralsChangedAsync(db, time, ["LAST"], Cancel);
        var kept = await db.StoreChanges.AsNoTracking().OrderBy(c => c.Id).Select(c => c.FamilyId).ToListAsync(Cancel);

        Assert.Equal(StoreInfo.PruneEveryVersions, pruning);
        Assert.Equal(StoreInfo.PruneEveryVersions - 1, beforePrune);
        Assert.DoesNotContain("OLD", kept);
        Assert.Equal(StoreInfo.PruneEveryVersions - 1, kept.Count);
        Assert.Equal("LAST", kept[^1]);
    }
}

public sealed class SqliteStoreInfoTests : StoreInfoTests, IDisposable
{
    private readonly TempFolder folder = new();

    protected override StoreConnection Store() => StoreConnection.Parse($"Data Source={folder.File("store.db")}");

    public void Dispose() => folder.Dispose();
}

[Collection(nameof(PostgresTests))]
public sealed class PostgresStoreInfoTests : StoreInfoTests, IAsyncLifetime
{
    private readonly PostgresDatabase database = new();

    protected override StoreConnection Store() => StoreConnection.Parse(database.ConnectionString);

    public async ValueTask InitializeAsync()
    {
        Assert.SkipUnless(database.Available, PostgresDatabase.SkipReason);
        await database.InitializeAsync();
    }

    public ValueTask DisposeAsync() => database.DisposeAsync();
}
