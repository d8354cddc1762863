using Grpc.Core;
using Grpc.Health.V1;
using Microsoft.Data.Sqlite;
using RiskFlags.Server.Tests.Support;
using RiskFlags.Server.V1;

namespace RiskFlags.Server.Tests.Faults;

/// <summary>
/// D13: the SQLite store locked by another process is NOT_SERVING for the store's health, and calls
/// that must write fail with UNAVAILABLE within the lock wait instead of hanging; when the lock goes,
/// the server serves again by itself.
/// </summary>
[Trait("Finding", "D13")]
public sealed class SqliteLockTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact(Timeout = 120_000)]
    public async Task A_store_locked_by_another_process_is_not_serving_calls_fail_unavailable_and_it_recovers_by_itself()
    {
        await using var server = new ServerFactory { DemoFamilies = 60 };
        var health = new Health.HealthClient(server.Channel());
        var store = new HealthCheckRequest { Service = "riskflags.store" };
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, (await health.CheckAsync(store, cancellationToken: Cancel)).Status);

        await using (var other = new SqliteConnection($"Data Source={server.DatabasePath};Pooling=False"))
        {
            await other.OpenAsync(Cancel);
            await using var lockIt = other.CreateCommand();
            lockIt.CommandText = "BEGIN EXCLUSIVE; INSERT INTO store_info (id, demo, data_version, updated_at) VALUES (99, 0, 0, '2026-01-01') ;";
            await lockIt.ExecuteNonQueryAsync(Cancel);

            var locked = await health.CheckAsync(store, cancellationToken: Cancel);
            var overall = await health.CheckAsync(new HealthCheckRequest(), cancellationToken: Cancel);
            var failed = await Assert.ThrowsAsync<RpcException>(() =>
                server.Assessments(Keys.Mash).AssessFamilyAsync(new AssessFamilyRequest { FamilyId = "F000002" }, cancellationToken: Cancel).ResponseAsync);

            Assert.Equal(HealthCheckResponse.Types.ServingStatus.NotServing, locked.Status);
            Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, overall.Status);
            Assert.Equal(StatusCode.Unavailable, failed.StatusCode);
            Assert.Contains("is locked by another process", failed.Status.Detail, StringComparison.Ordinal);
        }

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, (await health.CheckAsync(store, cancellationToken: Cancel)).Status);
        var served = await server.Assessments(Keys.Mash).AssessFamilyAsync(new AssessFamilyRequest { FamilyId = "F000002" }, cancellationToken: Cancel);
        Assert.Equal("F000002", served.FamilyId);
    }
}
