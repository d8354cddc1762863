using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace RiskFlags.Data;

/// <summary>
/// Every SQLite connection runs in WAL mode with synchronous=NORMAL: a commit appends to the log
/// without waiting for the disk (the database cannot be corrupted, though a power cut may lose the
/// last commits), and a writer waits up to five seconds for another instead of failing at once.
/// The settings belong to the native connection, which the pool keeps open between uses, so they are
/// applied once per native connection rather than on every open (EF Core opens one per query).
/// Without <paramref name="checkpointOnCommit"/>, commits never checkpoint the log: by default the
/// commit that takes the log past 1,000 pages copies it into the database and waits for the disk,
/// which made one read in a few hundred wait milliseconds for its audit row.
/// </summary>
internal sealed class SqliteConnectionSettings(bool checkpointOnCommit) : DbConnectionInterceptor
{
    /// <summary>How long a write waits for another writer (this process's or another's) before it fails.</summary>
    public const int LockWaitSeconds = 5;

    private readonly string pragmas = "PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;" + (checkpointOnCommit ? "" : " PRAGMA wal_autocheckpoint=0;");
    private static readonly object Applied = new();
    private readonly ConditionalWeakTable<object, object> configured = [];

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (connection is SqliteConnection { Handle: { } handle } && !configured.TryGetValue(handle, out _))
        {
            using var command = connection.CreateCommand();
            command.CommandText = pragmas;
            command.ExecuteNonQuery();
            configured.AddOrUpdate(handle, Applied);
        }
    }

    /// <summary>Applies the settings to a connection opened outside EF.</summary>
    public async Task ApplyAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (connection is SqliteConnection { Handle: { } handle } && !configured.TryGetValue(handle, out _))
        {
            await using var command = connection.CreateCommand();
            command.CommandText = pragmas;
            await command.ExecuteNonQueryAsync(cancellationToken);
            configured.AddOrUpdate(handle, Applied);
        }
    }
}
