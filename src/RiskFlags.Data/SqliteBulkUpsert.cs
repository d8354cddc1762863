using Microsoft.Data.Sqlite;

namespace RiskFlags.Data;

/// <summary>
/// SQLite: one prepared single-row INSERT ... ON CONFLICT DO UPDATE ... WHERE changed, executed per
/// row inside the batch's transaction. (Multi-row statements measured slower: Microsoft.Data.Sqlite
/// rebinds every parameter on each execution, so 200-row statements ran at a fifth of the speed.)
/// A table that starts empty (a first import) is loaded in one transaction with its secondary
/// indexes dropped and built again at the end, which SQLite does by sorting, far faster than
/// updating them row by row; being one transaction, a failure or a crash part-way leaves the table
/// as it was, indexes included.
/// </summary>
internal sealed class SqliteBulkUpsert : BulkUpsert
{
    private readonly SqliteConnection connection;
    private SqliteTransaction? firstLoad;
    private List<string> deferredIndexes = [];

    private SqliteBulkUpsert(RiskFlagsDbContext db, SqliteConnection connection)
        : base(db) => this.connection = connection;

    public static async Task<SqliteBulkUpsert> CreateAsync(RiskFlagsDbContext db, SqliteConnection connection, CancellationToken cancellationToken)
    {
        await using var pragma = connection.CreateCommand();
        // NORMAL is durable in WAL mode up to the last committed batch, which is what an import needs.
        // Temporary files on disk: rebuilding an index sorts every row, and a sort held in memory took
        // over a gigabyte for a million families' events; on disk it is bounded by the 64 MB cache.
        pragma.CommandText = "PRAGMA synchronous=NORMAL; PRAGMA temp_store=FILE; PRAGMA cache_size=-65536;";
        await pragma.ExecuteNonQueryAsync(cancellationToken);
        return new SqliteBulkUpsert(db, connection);
    }

    public override async Task BeginTableAsync<T>(BulkTable<T> table, CancellationToken cancellationToken)
    {
        await using var empty = connection.CreateCommand();
        empty.CommandText = $"SELECT NOT EXISTS (SELECT 1 FROM \"{table.Name}\")";
        if ((long)(await empty.ExecuteScalarAsync(cancellationToken))! == 0)
        {
            return;
        }

        firstLoad = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await using var indexes = connection.CreateCommand();
        indexes.Transaction = firstLoad;
        // Keys and unique indexes stay: they enforce the contract. sql is null for a key's own index.
        indexes.CommandText = "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = $table AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE%'";
        indexes.Parameters.AddWithValue("$table", table.Name);
        var found = new List<(string Name, string Sql)>();
        await using (var reader = await indexes.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                found.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        foreach (var (name, _) in found)
        {
            await ExecuteAsync($"DROP INDEX \"{name}\";", cancellationToken);
        }

        deferredIndexes = [.. found.Select(i => i.Sql)];
    }

    public override async Task EndTableAsync<T>(BulkTable<T> table, CancellationToken cancellationToken)
    {
        if (firstLoad is null)
        {
            return;
        }

        foreach (var sql in deferredIndexes)
        {
            await ExecuteAsync(sql, cancellationToken);
        }

        await firstLoad.CommitAsync(cancellationToken);
        await firstLoad.DisposeAsync();
        firstLoad = null;
        deferredIndexes = [];
    }

    public override async Task<long> UpsertAsync<T>(BulkTable<T> table, IReadOnlyList<T> batch, CancellationToken cancellationToken)
    {
        long written = 0;
        var transaction = firstLoad ?? (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        try
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            var parameters = table.Columns.Select((_, c) => command.Parameters.Add(new SqliteParameter($"$p{c}", null))).ToArray();
            var changed = string.Join(" OR ", table.ValueNames.Select(n => $"\"{table.Name}\".\"{n}\" IS NOT excluded.\"{n}\""));
            command.CommandText =
                $"INSERT INTO \"{table.Name}\" ({Sql.Quoted(table.ColumnNames)}) VALUES ({string.Join(", ", parameters.Select(p => p.ParameterName))}) " +
                $"ON CONFLICT ({Sql.Quoted(table.KeyNames)}) DO UPDATE SET " +
                string.Join(", ", table.ValueNames.Select(n => $"\"{n}\" = excluded.\"{n}\"")) +
                $" WHERE {changed};";
            command.Prepare();
            foreach (var row in batch)
            {
                for (var c = 0; c < parameters.Length; c++)
                {
                    parameters[c].Value = Value(table.Columns[c].Value(row));
                }

                // Synchronous on purpose: SQLite has no asynchronous I/O, and the async wrapper costs more than the insert.
                written += command.ExecuteNonQuery();
            }

            cancellationToken.ThrowIfCancellationRequested();
            if (transaction != firstLoad)
            {
                await transaction.CommitAsync(cancellationToken);
            }
        }
        finally
        {
            if (transaction != firstLoad)
            {
                await transaction.DisposeAsync();
            }
        }

        return written;
    }

    private async Task ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = firstLoad;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    // Stored as EF Core stores them: dates as yyyy-MM-dd text, booleans as 0/1.
    private static object Value(object? value) => value switch
    {
        null => DBNull.Value,
        DateOnly date => date.Iso(),
        bool b => b ? 1 : 0,
        _ => value,
    };

    public override async ValueTask DisposeAsync()
    {
        // A first load not ended (an error or cancellation part-way) is rolled back, its indexes with it.
        if (firstLoad is not null)
        {
            await firstLoad.DisposeAsync();
        }

        await connection.DisposeAsync();
    }
}
