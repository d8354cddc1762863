using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using RiskFlags.Data;

namespace RiskFlags.Server.Hosting;

/// <summary>
/// Healthy when the store answers and can take writes: every read of a family writes an audit row,
/// so a store that can be read but not written (locked by another process, read-only, a standby)
/// cannot serve a single assessment, and says so here instead of hanging calls behind a green probe.
/// </summary>
internal sealed class StoreHealthCheck(StoreConnection store, RiskFlagsDbContext db) : IHealthCheck
{
    public const string Service = "riskflags.store";

    /// <summary>How long the probe waits for SQLite's write lock: a lock held longer than this is what fails calls.</summary>
    private const int SqliteLockWaitSeconds = 1;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            if (store.Provider is StoreProvider.Sqlite)
            {
                await using var connection = new SqliteConnection(store.ConnectionString);
                await connection.OpenAsync(cancellationToken);
                // Takes the write lock and gives it back at once: it changes nothing. One statement a command:
                // Microsoft.Data.Sqlite waits for a lock for the command's timeout, per statement.
                await using (var begin = connection.CreateCommand())
                {
                    begin.CommandText = "BEGIN IMMEDIATE";
                    begin.CommandTimeout = SqliteLockWaitSeconds;
                    await begin.ExecuteNonQueryAsync(cancellationToken);
                }

                await using (var rollback = connection.CreateCommand())
                {
                    rollback.CommandText = "ROLLBACK";
                    await rollback.ExecuteNonQueryAsync(cancellationToken);
                }

                return HealthCheckResult.Healthy();
            }

            // PostgreSQL applies a configuration reload (the database made read-only, or writable again)
            // only between commands, so the first command on a connection idle since the reload still
            // sees the old setting: one round trip first, on the same connection, makes the answer current.
            await db.Database.OpenConnectionAsync(cancellationToken);
            List<string> readOnly;
            try
            {
                await db.Database.ExecuteSqlRawAsync("SELECT 1", cancellationToken);
                readOnly = await db.Database.SqlQueryRaw<string>("SELECT current_setting('transaction_read_only') AS \"Value\"").ToListAsync(cancellationToken);
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }

            return readOnly is ["off"]
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy("the store is read-only: it cannot record audit rows or decisions");
        }
        catch (Exception e) when (StoreUnavailableException.Explain(e) is { } reason)
        {
            return HealthCheckResult.Unhealthy($"the store {reason}");
        }
    }
}
