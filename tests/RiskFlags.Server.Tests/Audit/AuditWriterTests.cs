using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using RiskFlags.Data;
using RiskFlags.Server.Audit;

namespace RiskFlags.Server.Tests.Audit;

/// <summary>Group commit: every row handed over at once is stored before its caller goes on, and a stopped writer refuses rows rather than dropping them.</summary>
public sealed class AuditWriterTests : IDisposable
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private readonly TempFolder folder = new();

    [Fact]
    public async Task Rows_written_together_are_each_stored_once_when_their_writes_complete()
    {
        var store = StoreConnection.Parse($"Data Source={folder.File("store.db")}");
        await store.MigrateAsync(Cancel);
        await using var writer = new AuditWriter(store, NullLogger<AuditWriter>.Instance);

        var rows = Enumerable.Range(0, 300).Select(i => Row($"F{i:D6}", i % 10 == 0 ? ["A", "B"] : [])).ToList();
        await Task.WhenAll(rows.Select(r => Task.Run(() => writer.WriteAsync(r), Cancel)));

        await using var db = store.CreateContext();
        var stored = await db.Audit.AsNoTracking().Select(a => new { a.Id, a.FamilyId }).ToListAsync(Cancel);
        Assert.Equal(rows.Select(r => r.FamilyId).Order(), stored.Select(s => s.FamilyId).Order());
        Assert.Equal(rows.Select(r => r.Id).Order(), stored.Select(s => s.Id).Order());
        Assert.Equal(60, await db.AuditFamilies.CountAsync(Cancel));
    }

    [Fact]
    public async Task A_stopped_writer_refuses_new_rows_after_storing_those_it_had()
    {
        var store = StoreConnection.Parse($"Data Source={folder.File("store.db")}");
        await store.MigrateAsync(Cancel);
        await using var writer = new AuditWriter(store, NullLogger<AuditWriter>.Instance);

        var before = writer.WriteAsync(Row("F000001", []));
        await writer.StopAsync(Cancel);
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => writer.WriteAsync(Row("F000002", [])));

        Assert.True(before.IsCompletedSuccessfully);
        Assert.Contains("closed", error.Message);
        await using var db = store.CreateContext();
        Assert.Equal(["F000001"], await db.Audit.Select(a => a.FamilyId).ToListAsync(Cancel));
    }

    [Fact]
    public async Task A_store_that_refuses_the_rows_fails_their_writes()
    {
        var store = StoreConnection.Parse($"Data Source={folder.File("empty.db")}");
        await using var writer = new AuditWriter(store, NullLogger<AuditWriter>.Instance);

        var error = await Assert.ThrowsAnyAsync<Exception>(() => writer.WriteAsync(Row("F000001", [])));

        Assert.Contains("audit", error.Message);
    }

    public void Dispose() => folder.Dispose();

    private static AuditRow Row(string family, string[] returned) => new()
    {
        At = new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero),
        Caller = "worker-1",
        Role = "mash-worker",
        Action = "AssessFamily",
        FamilyId = family,
        Outcome = "ok",
        Families = [.. returned.Select(f => new AuditFamilyRow { FamilyId = family + f })],
    };
}
