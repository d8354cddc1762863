using RiskFlags.Cli.Tests.Support;
using System.Diagnostics;
using Npgsql;

namespace RiskFlags.Cli.Tests.Commands;

/// <summary>
/// An import into PostgreSQL killed part-way (kill -9, as a crashed job or a pulled plug) and run
/// again leaves exactly what one clean import leaves: each batch is stored whole or not at all, and
/// rows are keyed by their ids.
/// </summary>
[Collection("Postgres")]
public sealed class KilledImportTests : IAsyncLifetime, IDisposable
{
    private readonly PostgresDatabase killed = new();
    private readonly PostgresDatabase clean = new();
    private readonly TempFolder folder = new();

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        Assert.SkipUnless(killed.Available, PostgresDatabase.SkipReason);
        await killed.InitializeAsync();
        await clean.InitializeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await killed.DisposeAsync();
        await clean.DisposeAsync();
    }

    public void Dispose() => folder.Dispose();

    [Fact(Timeout = 180_000)]
    public async Task An_import_killed_part_way_and_run_again_gives_exactly_the_state_of_one_clean_import()
    {
        var data = folder.File("demo");
        Assert.Equal(0, (await CliRun.RunAsync("demo-data", "--out", data, "--families", "1500", "--seed", "9")).ExitCode);
        var events = File.ReadLines(Path.Combine(data, "events.csv")).Count() - 1;

        var stoppedAfter = await KillAfterFirstEventsBatchAsync(data, killed.ConnectionString);
        var partial = await CountAsync(killed.ConnectionString, "events");
        var rerun = await CliRun.RunAsync("import", data, "--db", killed.ConnectionString, "--errors", folder.File("rerun-errors.csv"));
        var once = await CliRun.RunAsync("import", data, "--db", clean.ConnectionString, "--errors", folder.File("clean-errors.csv"));

        Assert.InRange(stoppedAfter, 1, events - 1);
        Assert.InRange(partial, stoppedAfter, events - 1);
        Assert.Equal((0, 0), (rerun.ExitCode, once.ExitCode));
        foreach (var table in new[] { "families", "people", "events" })
        {
            Assert.Equal(await FingerprintAsync(clean.ConnectionString, table), await FingerprintAsync(killed.ConnectionString, table));
        }

        Assert.Equal(events, await CountAsync(killed.ConnectionString, "events"));
    }

    /// <summary>Runs the import as its own process and kills it as soon as it says a batch of events is written; returns how many rows that was.</summary>
    private static async Task<long> KillAfterFirstEventsBatchAsync(string data, string db)
    {
        var start = new ProcessStartInfo("dotnet", $"\"{Path.Combine(AppContext.BaseDirectory, "riskflags.dll")}\" import \"{data}\" --db \"{db}\" --batch-size 1000 --errors /dev/null")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["RISKFLAGS_Serilog__MinimumLevel__Default"] = "Information";
        using var process = Process.Start(start)!;
        _ = process.StandardOutput.ReadToEndAsync(Cancel);
        string? line;
        while ((line = await process.StandardError.ReadLineAsync(Cancel)) is not null)
        {
            var written = System.Text.RegularExpressions.Regex.Match(line, @"""?events\.csv""?: (\d+) rows written");
            if (written.Success)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync(Cancel);
                return long.Parse(written.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        await process.WaitForExitAsync(Cancel);
        throw new InvalidOperationException($"the import ended ({process.ExitCode}) without writing a batch of events");
    }

    private static async Task<long> CountAsync(string connection, string table)
    {
        await using var db = new NpgsqlConnection(connection);
        await db.OpenAsync(Cancel);
        await using var count = new NpgsqlCommand($"SELECT count(*) FROM {table}", db);
        return (long)(await count.ExecuteScalarAsync(Cancel))!;
    }

    /// <summary>Every row of the table, every column, in key order, hashed.</summary>
    private static async Task<string> FingerprintAsync(string connection, string table)
    {
        await using var db = new NpgsqlConnection(connection);
        await db.OpenAsync(Cancel);
        await using var hash = new NpgsqlCommand($"SELECT count(*) || ':' || md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) FROM {table} t", db);
        return (string)(await hash.ExecuteScalarAsync(Cancel))!;
    }
}

[CollectionDefinition("Postgres", DisableParallelization = true)]
public sealed class PostgresGroup;
