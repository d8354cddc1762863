using RiskFlags.Data;
using Grpc.Core;
using Grpc.Health.V1;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using RiskFlags.Server.Tests.Support;
using RiskFlags.Server.V1;

namespace RiskFlags.Server.Tests.Faults;

/// <summary>
/// A store that cannot take writes (its disk full, or the database read-only) gives callers a clear
/// UNAVAILABLE naming the cause, loses nothing that was acknowledged, and serves again once the cause
/// is gone.
/// </summary>
public sealed class StoreWriteFaultTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static async Task<(string SuggestionId, string FamilyId)> SuggestionAsync(ServerFactory server)
    {
        var flagged = await server.Referrals(Keys.Manager).ListFlaggedCohortAsync(new ListFlaggedCohortRequest { Status = "not_referred", PageSize = 1 }, cancellationToken: Cancel);
        var family = flagged.Families[0].FamilyId;
        var assessment = await server.Assessments(Keys.Mash).AssessFamilyAsync(new AssessFamilyRequest { FamilyId = family }, cancellationToken: Cancel);
        return (assessment.Suggestions[0].SuggestionId, family);
    }

    private static Task<Decision> DeferAsync(ServerFactory server, string suggestion) =>
        server.Referrals(Keys.Mash).RecordDecisionAsync(new RecordDecisionRequest { SuggestionId = suggestion, Decision = DecisionKind.Defer, Reason = "next week", Worker = "W1" }, cancellationToken: Cancel).ResponseAsync;

    [Fact(Timeout = 120_000)]
    public async Task A_full_disk_fails_writes_with_unavailable_loses_nothing_acknowledged_and_the_server_recovers_when_space_returns()
    {
        using var disk = SmallDisk.Create(megabytes: 24);
        Assert.SkipUnless(disk.Available, SmallDisk.SkipReason);
        await using var server = new ServerFactory { DemoFamilies = 400, ConnectionString = $"Data Source={disk.File("store.db")}" };
        var (suggestion, family) = await SuggestionAsync(server);
        var before = await DeferAsync(server, suggestion);

        // The server checkpoints its log in the background and reuses the log file's space, so commits
        // could go on into space the file already holds: empty the log first, so the disk's end is the store's.
        await WalCheckpoint.RunAsync(StoreConnection.Parse($"Data Source={disk.File("store.db")}"), WalCheckpointMode.Truncate, Cancel);
        disk.Fill();
        var person = await FirstPersonAsync(server, family);
        using var ingest = server.Ingest(Keys.Admin).IngestEvents(cancellationToken: Cancel);
        try
        {
            for (var i = 0; i < 20_000; i++)
            {
                await ingest.RequestStream.WriteAsync(new Event { EventId = $"FULL-{i}", PersonId = person, Date = "2025-03-01", Source = "health", Type = "ae_attendance" }, Cancel);
            }

            await ingest.RequestStream.CompleteAsync();
        }
        catch (RpcException)
        {
            // The server may answer before the stream ends: the first batch it cannot store ends the call; its answer says why.
        }

        var full = await Assert.ThrowsAsync<RpcException>(() => ingest.ResponseAsync);
        var outcomes = new List<StatusCode>();
        var acknowledged = new List<string> { before.DecisionId };
        for (var i = 0; i < 5; i++)
        {
            try
            {
                acknowledged.Add((await DeferAsync(server, suggestion)).DecisionId);
                outcomes.Add(StatusCode.OK);
            }
            catch (RpcException e)
            {
                outcomes.Add(e.StatusCode);
            }
        }

        disk.Free();
        var after = await DeferAsync(server, suggestion);
        acknowledged.Add(after.DecisionId);

        Assert.Equal(StatusCode.Unavailable, full.StatusCode);
        Assert.Contains("the disk is full", full.Status.Detail, StringComparison.Ordinal);
        Assert.All(outcomes, code => Assert.Contains(code, new[] { StatusCode.OK, StatusCode.Unavailable }));
        await using var db = server.Db();
        Assert.Equal(acknowledged.Order(), (await db.Decisions.Where(d => d.SuggestionId == suggestion).Select(d => d.DecisionId).ToListAsync(Cancel)).Order());
        Assert.Equal(0, await db.Events.CountAsync(e => e.EventId.StartsWith("FULL-"), Cancel));
    }

    [Fact(Timeout = 120_000)]
    public async Task A_read_only_database_is_not_serving_fails_calls_with_unavailable_and_recovers_when_writable_again()
    {
        Assert.SkipUnless(PrivatePostgres.Available, PrivatePostgres.SkipReason);
        await using var postgres = await PrivatePostgres.CreateAsync();
        await using var server = new ServerFactory { ConnectionString = postgres.ConnectionString(), DemoFamilies = 400 };
        var health = new Health.HealthClient(server.Channel());
        var store = new HealthCheckRequest { Service = "riskflags.store" };
        var (suggestion, _) = await SuggestionAsync(server);
        var before = await DeferAsync(server, suggestion);

        await postgres.SqlAsync("ALTER SYSTEM SET default_transaction_read_only = on");
        await postgres.SqlAsync("SELECT pg_reload_conf()");
        var readOnly = await health.CheckAsync(store, cancellationToken: Cancel);
        var refused = await Assert.ThrowsAsync<RpcException>(() => DeferAsync(server, suggestion));
        var read = await Assert.ThrowsAsync<RpcException>(() => server.Assessments(Keys.Mash).AssessFamilyAsync(new AssessFamilyRequest { FamilyId = "F000003" }, cancellationToken: Cancel).ResponseAsync);

        await postgres.SqlAsync("ALTER SYSTEM SET default_transaction_read_only = off");
        await postgres.SqlAsync("SELECT pg_reload_conf()");
        var writable = await health.CheckAsync(store, cancellationToken: Cancel);
        var after = await DeferAsync(server, suggestion);

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.NotServing, readOnly.Status);
        Assert.Equal((StatusCode.Unavailable, StatusCode.Unavailable), (refused.StatusCode, read.StatusCode));
        Assert.Contains("cannot take writes: the database is read-only", refused.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, writable.Status);
        await using var db = server.Db();
        Assert.Equal(new[] { before.DecisionId, after.DecisionId }.Order(), (await db.Decisions.Where(d => d.SuggestionId == suggestion).Select(d => d.DecisionId).ToListAsync(Cancel)).Order());
    }

    private static async Task<string> FirstPersonAsync(ServerFactory server, string family)
    {
        await using var db = server.Db();
        return await db.People.Where(p => p.FamilyId == family).Select(p => p.PersonId).FirstAsync(Cancel);
    }
}
