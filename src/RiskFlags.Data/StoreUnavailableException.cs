using System.Net.Sockets;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace RiskFlags.Data;

/// <summary>
/// The store cannot be used: it cannot be reached or opened, is not a database, or cannot take
/// writes. The message names the store (never its password) and says what is wrong, in words an
/// operator can act on; callers show it instead of the provider's stack trace.
/// </summary>
public sealed class StoreUnavailableException(string store, string reason, Exception? inner = null)
    : Exception($"{store}: {reason}", inner)
{
    public string Reason { get; } = reason;

    /// <summary>What a provider exception means for the store, or null when it is not about the store being usable.</summary>
    public static string? Explain(Exception e) => e switch
    {
        StoreUnavailableException s => s.Reason,
        SqliteException { SqliteErrorCode: 26 } => "is not a SQLite database (SQLite error 26: file is not a database)",
        SqliteException { SqliteErrorCode: 14 } s => $"cannot be opened ({s.Message.Split('\'')[^2]}): check the path and that the folder is writable",
        SqliteException { SqliteErrorCode: 5 or 6 } => "is locked by another process (SQLite: database is locked); try again when it has finished",
        SqliteException { SqliteErrorCode: 8 } => "cannot take writes: it is read-only (SQLite error 8)",
        SqliteException { SqliteErrorCode: 13 } => "cannot take writes: the disk is full (SQLite error 13)",
        SqliteException { SqliteErrorCode: 10 } s => $"cannot be read or written (SQLite error 10, disk I/O error): {s.Message}",
        PostgresException { SqlState: "28P01" or "28000" } => "refused the user name or password (check the connection string)",
        PostgresException { SqlState: "3D000" } p => $"has no such database: {p.MessageText}",
        PostgresException { SqlState: "25006" } => "cannot take writes: the database is read-only (a standby, or default_transaction_read_only)",
        PostgresException { SqlState: "53100" } => "cannot take writes: the database server's disk is full",
        PostgresException { SqlState: ['5', '7', ..] or ['0', '8', ..] or ['5', '3', ..] } p => $"is not available: {p.MessageText}",
        NpgsqlException { InnerException: SocketException or IOException or TimeoutException } n => $"cannot be reached: {n.InnerException!.Message}",
        NpgsqlException { IsTransient: true } n => $"is not available: {n.Message}",
        // EF Core wraps provider errors (DbUpdateException, "an exception has been raised that is likely due to a transient failure").
        { InnerException: { } inner } when Explain(inner) is { } reason => reason,
        _ => null,
    };
}
