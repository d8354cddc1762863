using RiskFlags.Cli.Tests.Support;

namespace RiskFlags.Cli.Tests;

/// <summary>D9, D17, D18: common operator mistakes end in one line naming the problem and a usage exit code, never a stack trace.</summary>
public sealed class OperatorMistakeTests : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    private string Extract()
    {
        var data = folder.File("extract");
        Directory.CreateDirectory(data);
        File.WriteAllText(Path.Combine(data, "families.csv"), "family_id\nF1\n");
        File.WriteAllText(Path.Combine(data, "people.csv"), "person_id,family_id,role,birth_date\nM1,F1,mother,1990-01-01\n");
        File.WriteAllText(Path.Combine(data, "events.csv"), "event_id,person_id,date,source,type\nE1,M1,2024-01-01,police,arrest\n");
        return data;
    }

    private static void AssertOneClearLine(CliRun run, int exit, string message)
    {
        Assert.Equal(exit, run.ExitCode);
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error + run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", run.Error + run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_db_file_that_is_not_a_database_is_named_as_such()
    {
        var garbage = folder.File("garbage.db");
        await File.WriteAllBytesAsync(garbage, [.. Enumerable.Range(0, 100_000).Select(i => (byte)(i * 31 % 251))], TestContext.Current.CancellationToken);

        var run = await CliRun.RunAsync("import", Extract(), "--db", garbage);

        AssertOneClearLine(run, 2, $"SQLite {garbage}: is not a SQLite database");
    }

    [Fact]
    public async Task A_db_that_is_a_folder_is_named_as_such()
    {
        var run = await CliRun.RunAsync("import", Extract(), "--db", folder.Path);

        AssertOneClearLine(run, 2, "is a folder, not a SQLite database file");
    }

    [Fact]
    public async Task An_unreachable_postgres_is_named_without_its_password()
    {
        var run = await CliRun.RunAsync("import", Extract(), "--db", "Host=127.0.0.1;Port=1;Database=x;Username=u;Password=sekrit-pass");

        AssertOneClearLine(run, 2, "PostgreSQL 127.0.0.1:1/x: cannot be reached");
        Assert.DoesNotContain("sekrit-pass", run.Error + run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_contract_file_that_is_a_folder_is_named_as_a_folder()
    {
        var data = Extract();
        File.Delete(Path.Combine(data, "events.csv"));
        Directory.CreateDirectory(Path.Combine(data, "events.csv"));

        var run = await CliRun.RunAsync("import", data, "--db", folder.File("s.db"));

        AssertOneClearLine(run, 2, "events.csv: is a folder at");
    }

    [Fact]
    public async Task Rules_check_on_a_duplicate_rule_name_lists_it_and_exits_1()
    {
        var rules = RuleFolders.CopyShipped(folder);
        RuleFolders.Edit(rules, "domestic_abuse.json", "\"RuleName\": \"DomesticAbuse.ChildPresent\"", "\"RuleName\": \"DomesticAbuse.RepeatIncidents\"");

        var run = await CliRun.RunAsync("rules", "check", rules);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("domestic_abuse.json: DomesticAbuse.RepeatIncidents: rule name is also used in domestic_abuse.json", run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error + run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Capacity_with_a_broken_rules_folder_says_what_is_wrong_instead_of_crashing()
    {
        var rules = RuleFolders.CopyShipped(folder);
        File.Delete(Path.Combine(rules, "pathways.json"));
        var db = folder.File("c.db");
        await CliRun.RunAsync("import", Extract(), "--db", db);

        var run = await CliRun.RunAsync("capacity", "--db", db, "--rules", rules);

        AssertOneClearLine(run, 2, "workflow Pathways is missing");
    }
}
