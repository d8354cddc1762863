using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using RiskFlags.Core.Hosting;

namespace RiskFlags.Data;

/// <summary>
/// Where the store lives. A Npgsql connection string ("Host=...") means PostgreSQL; anything else
/// is SQLite: a connection string ("Data Source=...") or simply a file path.
/// </summary>
public sealed record StoreConnection(StoreProvider Provider, string ConnectionString)
{
    /// <summary>The configured connection (a setting or --db), or the installation's embedded SQLite file when none is given.</summary>
    public static StoreConnection FromSetting(string? connection, InstallLayout layout) =>
        Parse(string.IsNullOrWhiteSpace(connection) ? layout.DefaultStore : connection);

    public static StoreConnection Parse(string connection)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connection);
        if (connection.Contains("Host=", StringComparison.OrdinalIgnoreCase))
        {
            // Validates the keys now, so a typo is reported before any work starts.
            _ = new NpgsqlConnectionStringBuilder(connection);
            return new StoreConnection(StoreProvider.Postgres, connection);
        }

        var sqlite = connection.Contains('=', StringComparison.Ordinal)
            ? new SqliteConnectionStringBuilder(connection)
            : new SqliteConnectionStringBuilder { DataSource = connection };
        if (string.IsNullOrWhiteSpace(sqlite.DataSource))
        {
            throw new ArgumentException($"'{connection}' names no SQLite file (Data Source=...)", nameof(connection));
        }

        return new StoreConnection(StoreProvider.Sqlite, sqlite.ConnectionString);
    }

    /// <summary>Where the SQLite file is; null for PostgreSQL or an in-memory SQLite database.</summary>
    public string? SqliteFile => Provider is StoreProvider.Sqlite
        && new SqliteConnectionStringBuilder(ConnectionString).DataSource is { } file
        && file != ":memory:" && !file.StartsWith("file:", StringComparison.Ordinal) ? Path.GetFullPath(file) : null;

    /// <summary>What to show in logs and messages: the server and database, never a password.</summary>
    public string Describe() => Provider is StoreProvider.Sqlite
        ? $"SQLite {SqliteFile ?? "(memory)"}"
        : new NpgsqlConnectionStringBuilder(ConnectionString) is var b ? $"PostgreSQL {b.Host}:{b.Port}/{b.Database}" : "";

    /// <summary>A plain ADO.NET connection, not yet open, for the few reads that skip EF (the provider's pool serves it).</summary>
    public DbConnection CreateDbConnection() => Provider is StoreProvider.Postgres ? new NpgsqlConnection(ConnectionString) : new SqliteConnection(ConnectionString);

    /// <summary>A plain connection, open, with the settings every context's connection gets (SQLite's journal, lock wait and checkpoints).</summary>
    public async Task<DbConnection> OpenDbConnectionAsync(CancellationToken cancellationToken = default)
    {
        var connection = CreateDbConnection();
        try
        {
            await connection.OpenAsync(cancellationToken);
            if (Provider is StoreProvider.Sqlite)
            {
                await (CheckpointsInBackground ? SqliteSettingsWithoutCheckpoints : SqliteSettings).ApplyAsync(connection, cancellationToken);
            }

            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public RiskFlagsDbContext CreateContext()
    {
        if (Provider is StoreProvider.Postgres)
        {
            var options = new DbContextOptionsBuilder<PostgresRiskFlagsDbContext>();
            Configure(options);
            return new PostgresRiskFlagsDbContext(options.Options);
        }

        var sqlite = new DbContextOptionsBuilder<SqliteRiskFlagsDbContext>();
        Configure(sqlite);
        return new SqliteRiskFlagsDbContext(sqlite.Options);
    }

    /// <summary>
    /// SQLite only: no connection checkpoints the write-ahead log when it commits; the owner (the
    /// server's <c>WalCheckpointer</c>) does it off the request path instead. Left false by a process
    /// that does not, or the log would grow without end.
    /// </summary>
    public bool CheckpointsInBackground { get; init; }

    private static readonly SqliteConnectionSettings SqliteSettings = new(checkpointOnCommit: true);
    private static readonly SqliteConnectionSettings SqliteSettingsWithoutCheckpoints = new(checkpointOnCommit: false);

    internal void Configure(DbContextOptionsBuilder options)
    {
        if (Provider is StoreProvider.Postgres)
        {
            options.UseNpgsql(ConnectionString);
        }
        else
        {
            // Microsoft.Data.Sqlite waits for a lock for the command timeout: a store locked by another
            // process fails a call after this wait instead of holding it for the default 30 seconds.
            options.UseSqlite(ConnectionString, sqlite => sqlite.CommandTimeout(SqliteConnectionSettings.LockWaitSeconds)).AddInterceptors(CheckpointsInBackground ? SqliteSettingsWithoutCheckpoints : SqliteSettings);
        }
    }

    /// <summary>Creates the SQLite folder if needed and applies every pending migration.</summary>
    /// <exception cref="StoreUnavailableException">The store cannot be reached, opened or written, or is not a database.</exception>
    public async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        if (SqliteFile is { } file)
        {
            if (Directory.Exists(file))
            {
                throw new StoreUnavailableException(Describe(), "is a folder, not a SQLite database file");
            }

            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        }

        try
        {
            await using var db = CreateContext();
            await db.Database.MigrateAsync(cancellationToken);
            if (Provider is StoreProvider.Sqlite)
            {
                // WAL lets readers (the server) carry on while an import writes; it persists in the file.
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
            }
        }
        catch (Exception e) when (StoreUnavailableException.Explain(e) is { } reason)
        {
            throw new StoreUnavailableException(Describe(), reason, e);
        }
    }
}
