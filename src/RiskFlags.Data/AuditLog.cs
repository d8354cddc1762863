using System.Data.Common;

namespace RiskFlags.Data;

/// <summary>
/// Appends audit rows, with the families each returned, in one transaction per batch, on one
/// connection kept open with its two INSERTs prepared. Every read waits for its row, so this is on
/// the path of every answer: EF's change tracker spent more time sorting and batching one row than
/// SQLite spent storing it, and a pooled connection came with a page cache emptied by the other
/// connections' commits, while this one, the only steady writer, keeps its cache. One batch at a time.
/// On PostgreSQL, whose pool serves a connection as fast and whose server holds the cache, each batch
/// takes a pooled connection: one idle for long applies a configuration reload (the database turned
/// read-only, say) only after its next command has run with the old one.
/// </summary>
public sealed class AuditLog(StoreConnection store) : IAsyncDisposable
{
    private DbConnection? connection;
    private DbCommand? insert;
    private DbCommand? family;

    public async Task AppendAsync(IReadOnlyList<AuditRow> rows, CancellationToken cancellationToken = default)
    {
        if (rows.Count == 0)
        {
            return;
        }

        try
        {
            if (connection is null)
            {
                connection = await store.OpenDbConnectionAsync(cancellationToken);
                if (store.Provider is StoreProvider.Postgres)
                {
                    // A pooled PostgreSQL connection idle since a configuration reload (read-only, say) applies
                    // it only after its next command: that command is this one, not the audit row.
                    await using var settle = connection.CreateCommand();
                    settle.CommandText = "SELECT 1";
                    await settle.ExecuteNonQueryAsync(cancellationToken);
                }
            }
            insert ??= Command(connection,
                "INSERT INTO audit (at, caller, role, action, family_id, outcome, detail) VALUES (@at, @caller, @role, @action, @family_id, @outcome, @detail) RETURNING id",
                "at", "caller", "role", "action", "family_id", "outcome", "detail");
            family ??= Command(connection, "INSERT INTO audit_families (audit_id, family_id) VALUES (@audit_id, @family_id)", "audit_id", "family_id");
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            insert.Transaction = transaction;
            family.Transaction = transaction;
            foreach (var row in rows)
            {
                Set(insert, row.At, row.Caller, row.Role, row.Action, row.FamilyId, row.Outcome, row.Detail);
                row.Id = Convert.ToInt64(await insert.ExecuteScalarAsync(cancellationToken));
                foreach (var returned in row.Families)
                {
                    returned.AuditId = row.Id;
                    Set(family, row.Id, returned.FamilyId);
                    await family.ExecuteNonQueryAsync(cancellationToken);
                }
            }

            await transaction.CommitAsync(cancellationToken);
            if (store.Provider is StoreProvider.Postgres)
            {
                await DisposeAsync();
            }
        }
        catch
        {
            // A broken connection (a restarted PostgreSQL, say) is not kept: the next batch opens another.
            await DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var disposable in new IAsyncDisposable?[] { insert, family, connection })
        {
            if (disposable is not null)
            {
                await disposable.DisposeAsync();
            }
        }

        (insert, family, connection) = (null, null, null);
    }

    private static DbCommand Command(DbConnection connection, string sql, params string[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            command.Parameters.Add(parameter);
        }

        return command;
    }

    private static void Set(DbCommand command, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
        }
    }
}
