using Microsoft.Data.Sqlite;
using Npgsql;
using RiskFlags.Core.Contract;
using RiskFlags.Data;

namespace RiskFlags.Bench;

/// <summary>
/// Import throughput (events per second) into SQLite and PostgreSQL, beside two floors measured in
/// the same run: reading and validating the CSV alone, and the database's own fastest insert of the
/// same rows (a prepared INSERT into a table without keys for SQLite, binary COPY into an unlogged
/// table for PostgreSQL).
/// </summary>
internal static class ImportBench
{
    public static async Task RunAsync(string folder)
    {
        var events = ReadEvents(folder, out var parseRate);
        Console.WriteLine($"{events.Count:N0} events\n");
        BenchRunner.Header("reading and validating events.csv alone");
        BenchRunner.Row("read + validate events.csv (no store)", parseRate, parseRate, "events");

        var sqlitePath = Path.Combine(BenchRunner.OutFolder(), "import-bench.db");
        var sqliteFloor = SqliteFloor(events, sqlitePath + ".floor");
        BenchRunner.Row("SQLite floor: prepared INSERT, no keys, one transaction", sqliteFloor, parseRate, "events");
        var (fresh, again) = await ImportTwiceAsync(folder, StoreConnection.Parse(sqlitePath), sqlitePath);
        BenchRunner.Row("riskflags import into a new SQLite file", fresh, parseRate, "events");
        BenchRunner.Row("riskflags import again (nothing changed)", again, parseRate, "events");
        Console.WriteLine($"\nSQLite import / SQLite floor: {fresh / sqliteFloor:F2}");

        var postgres = Environment.GetEnvironmentVariable("RISKFLAGS_TEST_POSTGRES");
        if (string.IsNullOrWhiteSpace(postgres))
        {
            Console.WriteLine("\nPostgreSQL: skipped (set RISKFLAGS_TEST_POSTGRES to a server connection string to measure it)");
            return;
        }

        var database = "riskflags_bench";
        await ExecuteAsync(postgres, $"DROP DATABASE IF EXISTS {database} WITH (FORCE)");
        await ExecuteAsync(postgres, $"CREATE DATABASE {database}");
        var connection = new NpgsqlConnectionStringBuilder(postgres) { Database = database }.ConnectionString;
        var copyFloor = await PostgresFloorAsync(events, connection);
        var (pgFresh, pgAgain) = await ImportTwiceAsync(folder, StoreConnection.Parse(connection), null);
        Console.WriteLine();
        BenchRunner.Header("PostgreSQL floor: binary COPY into an unlogged table without keys");
        BenchRunner.Row("PostgreSQL floor: binary COPY, unlogged, no keys", copyFloor, copyFloor, "events");
        BenchRunner.Row("riskflags import into a new PostgreSQL database", pgFresh, copyFloor, "events");
        BenchRunner.Row("riskflags import again (nothing changed)", pgAgain, copyFloor, "events");
        await ExecuteAsync(postgres, $"DROP DATABASE IF EXISTS {database} WITH (FORCE)");
    }

    private static List<EventRecord> ReadEvents(string folder, out double rate)
    {
        var reader = new ContractReader(folder, TimeProvider.System, e => throw new InvalidDataException(e.ToString()));
        _ = reader.ReadFamilies().Count();
        _ = reader.ReadPeople().Count();
        var events = new List<EventRecord>(2_000_000);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        events.AddRange(reader.ReadEvents());
        rate = events.Count / watch.Elapsed.TotalSeconds;
        return events;
    }

    private static double SqliteFloor(List<EventRecord> events, string path)
    {
        DeleteSqlite(path);
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using (var create = connection.CreateCommand())
        {
            create.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; CREATE TABLE floor (source TEXT, event_id TEXT, person_id TEXT, date TEXT, type TEXT, end_date TEXT, detail TEXT);";
            create.ExecuteNonQuery();
        }

        var rate = BenchRunner.Rate(events.Count, () =>
        {
            using var transaction = connection.BeginTransaction();
            using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = "INSERT INTO floor VALUES ($a, $b, $c, $d, $e, $f, $g)";
            var p = "abcdefg".Select(n => insert.Parameters.Add(new SqliteParameter("$" + n, null))).ToArray();
            insert.Prepare();
            foreach (var e in events)
            {
                p[0].Value = e.Source.Code();
                p[1].Value = e.EventId;
                p[2].Value = e.PersonId;
                p[3].Value = e.Date.Iso();
                p[4].Value = e.Type.Code();
                p[5].Value = (object?)e.EndDate?.Iso() ?? DBNull.Value;
                p[6].Value = (object?)e.Detail ?? DBNull.Value;
                insert.ExecuteNonQuery();
            }

            transaction.Commit();
        });
        connection.Close();
        DeleteSqlite(path);
        return rate;
    }

    private static async Task<double> PostgresFloorAsync(List<EventRecord> events, string connectionString)
    {
        await ExecuteAsync(connectionString, "CREATE UNLOGGED TABLE floor (source text, event_id text, person_id text, date date, type text, end_date date, detail text)");
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var watch = System.Diagnostics.Stopwatch.StartNew();
        await using (var copy = await connection.BeginBinaryImportAsync("COPY floor FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var e in events)
            {
                await copy.StartRowAsync();
                await copy.WriteAsync(e.Source.Code());
                await copy.WriteAsync(e.EventId);
                await copy.WriteAsync(e.PersonId);
                await copy.WriteAsync(e.Date, NpgsqlTypes.NpgsqlDbType.Date);
                await copy.WriteAsync(e.Type.Code());
                if (e.EndDate is { } end)
                {
                    await copy.WriteAsync(end, NpgsqlTypes.NpgsqlDbType.Date);
                }
                else
                {
                    await copy.WriteNullAsync();
                }

                await copy.WriteAsync(e.Detail);
            }

            await copy.CompleteAsync();
        }

        var rate = events.Count / watch.Elapsed.TotalSeconds;
        await ExecuteAsync(connectionString, "DROP TABLE floor");
        return rate;
    }

    private static async Task<(double Fresh, double Again)> ImportTwiceAsync(string folder, StoreConnection store, string? sqlitePath)
    {
        if (sqlitePath is not null)
        {
            DeleteSqlite(sqlitePath);
        }

        var importer = new LinkedDataImporter(store, TimeProvider.System);
        var first = await importer.ImportAsync(folder, e => throw new InvalidDataException(e.ToString()));
        var second = await importer.ImportAsync(folder, e => throw new InvalidDataException(e.ToString()));
        if (second.Events.Written != 0)
        {
            throw new InvalidOperationException("a re-import wrote rows");
        }

        return (first.Events.RowsPerSecond, second.Events.RowsPerSecond);
    }

    private static void DeleteSqlite(string path)
    {
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(path + suffix);
        }
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false };
        builder.Database ??= "postgres";
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
