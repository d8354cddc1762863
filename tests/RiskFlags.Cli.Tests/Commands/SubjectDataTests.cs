using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using RiskFlags.Cli.Tests.Support;

namespace RiskFlags.Cli.Tests.Commands;

/// <summary>A person's own data on request, and retention, against counts worked out from the demo's CSVs.</summary>
public sealed class SubjectDataTests : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    private async Task<(string Data, string Db)> StoreAsync()
    {
        var data = folder.File("demo");
        var db = $"Data Source={folder.File("store.db")}";
        await CliRun.RunAsync("demo-data", "--out", data, "--families", "300", "--seed", "6");
        await CliRun.RunAsync("import", data, "--db", db);
        return (data, db);
    }

    private static List<string[]> Rows(string file) => [.. File.ReadAllLines(file).Skip(1).Select(l => l.Split(','))];

    [Fact]
    public async Task A_persons_export_holds_their_records_their_familys_and_every_audit_row_about_them()
    {
        var (data, db) = await StoreAsync();
        // The person with the most events: a mother in a family with records.
        var person = Rows(Path.Combine(data, "events.csv")).GroupBy(e => e[1]).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).First();
        var family = Rows(Path.Combine(data, "people.csv")).First(p => p[0] == person.Key)[1];

        var first = await CliRun.RunAsync("person", "export", person.Key, "--db", db);
        var second = await CliRun.RunAsync("person", "export", person.Key, "--db", db);

        Assert.Equal(0, first.ExitCode);
        using var json = JsonDocument.Parse(second.Out);
        var records = json.RootElement.GetProperty("records").EnumerateArray().ToList();
        var events = records.Where(r => r.GetProperty("kind").GetString() == "event").ToList();
        Assert.Equal(person.Count(), events.Count);
        Assert.All(events, e => Assert.Equal($"person:{person.Key}", e.GetProperty("subject").GetString()));
        Assert.Equal(person.Select(e => e[0]).Order(StringComparer.Ordinal), events.Select(e => e.GetProperty("record").GetProperty("event_id").GetString()!).Order(StringComparer.Ordinal));
        Assert.Single(records, r => r.GetProperty("kind").GetString() == "family" && r.GetProperty("subject").GetString() == $"family:{family}");
        // The first export is itself audited, and so is in the second.
        var audit = records.Where(r => r.GetProperty("kind").GetString() == "audit").ToList();
        Assert.Contains(audit, a => a.GetProperty("record").GetProperty("action").GetString() == "ExportPerson" && a.GetProperty("subject").GetString() == $"family:{family}");
        var missing = await CliRun.RunAsync("person", "export", "P-NOBODY", "--db", db);
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("no person 'P-NOBODY'", missing.Error);
    }

    [Fact]
    public async Task Retention_removes_exactly_the_records_past_the_cut_off_never_an_open_episode_or_an_audit_row()
    {
        var (data, db) = await StoreAsync();
        await CliRun.RunAsync("family", "export", "F000001", "--db", db);
        var now = new FakeTimeProvider(new DateTimeOffset(2027, 6, 15, 12, 0, 0, TimeSpan.Zero));
        var cutoff = new DateOnly(2022, 6, 15);
        string[] episodes = ["substance_treatment", "child_in_need_plan", "child_protection_plan", "care_episode", "early_help_episode"];
        var events = Rows(Path.Combine(data, "events.csv"));
        DateOnly Date(string s) => DateOnly.ParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var expired = events.Count(e => e[5].Length > 0 ? Date(e[5]) < cutoff : Date(e[2]) < cutoff && !episodes.Contains(e[4]));
        var openOld = events.Where(e => e[5].Length == 0 && Date(e[2]) < cutoff && episodes.Contains(e[4])).Select(e => e[0]).ToList();
        var auditBefore = Count(db, "SELECT COUNT(*) FROM audit");

        var run = await CliRun.RunAtAsync(now, "retention", "--older-than", "5", "--db", db);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains($"Removed {expired:N0} events that ended before 2022-06-15", run.Out);
        Assert.Equal(events.Count - expired, Count(db, "SELECT COUNT(*) FROM events"));
        Assert.NotEmpty(openOld);
        Assert.Equal(openOld.Count, Count(db, $"SELECT COUNT(*) FROM events WHERE event_id IN ({string.Join(",", openOld.Select(id => $"'{id}'"))})"));
        // Nothing removed from the audit log; the run added its own row.
        Assert.Equal(auditBefore + 1, Count(db, "SELECT COUNT(*) FROM audit"));
        Assert.Equal(1, Count(db, "SELECT COUNT(*) FROM audit WHERE action = 'Retention'"));
    }

    private static long Count(string connection, string sql)
    {
        using var sqlite = new SqliteConnection(connection);
        sqlite.Open();
        using var command = sqlite.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }
}
