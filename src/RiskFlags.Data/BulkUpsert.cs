using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;
using RiskFlags.Core.Contract;

namespace RiskFlags.Data;

/// <summary>
/// Writes batches of contract records into the store as inserts or updates by key, in one
/// transaction per batch, without the change tracker. Returns how many rows it inserted or changed:
/// a row that is already stored exactly as given is left alone, so a re-import writes nothing.
/// </summary>
internal abstract class BulkUpsert : IAsyncDisposable
{
    public static async Task<BulkUpsert> OpenAsync(RiskFlagsDbContext db, StoreConnection store, CancellationToken cancellationToken)
    {
        var connection = store.Provider is StoreProvider.Postgres
            ? (DbConnection)new NpgsqlConnection(store.ConnectionString)
            : new SqliteConnection(store.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        return connection switch
        {
            NpgsqlConnection npgsql => new PostgresBulkUpsert(db, npgsql),
            SqliteConnection sqlite => await SqliteBulkUpsert.CreateAsync(db, sqlite, cancellationToken),
            _ => throw new NotSupportedException(),
        };
    }

    protected BulkUpsert(RiskFlagsDbContext db)
    {
        Families = new BulkTable<FamilyRecord>(db, typeof(FamilyRow),
        [
            new(nameof(FamilyRow.FamilyId), f => f.FamilyId, NpgsqlTypes.NpgsqlDbType.Text),
            new(nameof(FamilyRow.LocalArea), f => f.LocalArea, NpgsqlTypes.NpgsqlDbType.Text),
            new(nameof(FamilyRow.DeprivationDecile), f => f.DeprivationDecile, NpgsqlTypes.NpgsqlDbType.Integer),
        ]);
        People = new BulkTable<PersonRecord>(db, typeof(PersonRow),
        [
            new(nameof(PersonRow.PersonId), p => p.PersonId, NpgsqlTypes.NpgsqlDbType.Text),
            new(nameof(PersonRow.FamilyId), p => p.FamilyId, NpgsqlTypes.NpgsqlDbType.Text),
            new(nameof(PersonRow.Role), p => p.Role.Code(), NpgsqlTypes.NpgsqlDbType.Text),
            new(nameof(PersonRow.BirthDate), p => p.BirthDate, NpgsqlTypes.NpgsqlDbType.Date),
            new(nameof(PersonRow.Sex), p => p.Sex?.Code(), NpgsqlTypes.NpgsqlDbType.Text),
            new(nameof(PersonRow.Ethnicity), p => p.Ethnicity, NpgsqlTypes.NpgsqlDbType.Text),
            new(nameof(PersonRow.CareExperienced), p => p.CareExperienced, NpgsqlTypes.NpgsqlDbType.Boolean),
        ]);
        Events = new BulkTable<EventRecord>(db, typeof(EventRow),
        [
            new(nameof(EventRow.Source), e => e.Source.Code(), NpgsqlTypes.NpgsqlDbType.Text),
            new(nameof(EventRow.EventId), e => e.EventId, NpgsqlTypes.NpgsqlDbType.Text),
            new(nameof(EventRow.PersonId), e => e.PersonId, NpgsqlTypes.NpgsqlDbType.Text),
            new(nameof(EventRow.Date), e => e.Date, NpgsqlTypes.NpgsqlDbType.Date),
            new(nameof(EventRow.Type), e => e.Type.Code(), NpgsqlTypes.NpgsqlDbType.Text),
            new(nameof(EventRow.EndDate), e => e.EndDate, NpgsqlTypes.NpgsqlDbType.Date),
            new(nameof(EventRow.Detail), e => e.Detail, NpgsqlTypes.NpgsqlDbType.Text),
        ]);
    }

    public BulkTable<FamilyRecord> Families { get; }

    public BulkTable<PersonRecord> People { get; }

    public BulkTable<EventRecord> Events { get; }

    /// <summary>Called before a table's first batch; a store may load the table differently when it starts empty.</summary>
    public virtual Task BeginTableAsync<T>(BulkTable<T> table, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Called after a table's last batch was written.</summary>
    public virtual Task EndTableAsync<T>(BulkTable<T> table, CancellationToken cancellationToken) => Task.CompletedTask;

    public abstract Task<long> UpsertAsync<T>(BulkTable<T> table, IReadOnlyList<T> batch, CancellationToken cancellationToken);

    public abstract ValueTask DisposeAsync();
}

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
        pragma.CommandText = "PRAGMA synchronous=NORMAL; PRAGMA temp_store=MEMORY; PRAGMA cache_size=-65536;";
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

/// <summary>PostgreSQL: binary COPY into a temporary table, then one INSERT ... SELECT ... ON CONFLICT per batch.</summary>
internal sealed class PostgresBulkUpsert(RiskFlagsDbContext db, NpgsqlConnection connection) : BulkUpsert(db)
{
    private readonly HashSet<string> stagingTables = [];

    public override async Task<long> UpsertAsync<T>(BulkTable<T> table, IReadOnlyList<T> batch, CancellationToken cancellationToken)
    {
        var staging = $"staging_{table.Name}";
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (stagingTables.Add(staging))
        {
            await ExecuteAsync($"CREATE TEMP TABLE IF NOT EXISTS \"{staging}\" (LIKE \"{table.Name}\" INCLUDING DEFAULTS) ON COMMIT DELETE ROWS;", cancellationToken);
        }

        await using (var copy = await connection.BeginBinaryImportAsync(
            $"COPY \"{staging}\" ({Sql.Quoted(table.ColumnNames)}) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            foreach (var row in batch)
            {
                await copy.StartRowAsync(cancellationToken);
                foreach (var column in table.Columns)
                {
                    if (column.Value(row) is { } value)
                    {
                        await copy.WriteAsync(value, column.PostgresType, cancellationToken);
                    }
                    else
                    {
                        await copy.WriteNullAsync(cancellationToken);
                    }
                }
            }

            await copy.CompleteAsync(cancellationToken);
        }

        var changed = string.Join(" OR ", table.ValueNames.Select(n => $"\"{table.Name}\".\"{n}\" IS DISTINCT FROM excluded.\"{n}\""));
        var written = await ExecuteAsync(
            $"INSERT INTO \"{table.Name}\" ({Sql.Quoted(table.ColumnNames)}) SELECT {Sql.Quoted(table.ColumnNames)} FROM \"{staging}\" " +
            $"ON CONFLICT ({Sql.Quoted(table.KeyNames)}) DO UPDATE SET " +
            string.Join(", ", table.ValueNames.Select(n => $"\"{n}\" = excluded.\"{n}\"")) +
            $" WHERE {changed};", cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return written;
    }

    private async Task<int> ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public override ValueTask DisposeAsync() => connection.DisposeAsync();
}
