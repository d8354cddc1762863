using Npgsql;

namespace RiskFlags.Data;

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
