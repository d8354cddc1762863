using RiskFlags.Cli.Tests.Support;

namespace RiskFlags.Cli.Tests.Commands;

public sealed class RulesCommandTests : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public async Task The_shipped_rules_check_and_test_clean()
    {
        var check = await CliRun.RunAsync("rules", "check");
        var test = await CliRun.RunAsync("rules", "test");

        Assert.Equal(0, check.ExitCode);
        Assert.Matches(@"rules: 29 rules \(20 evidence, 9 pathway\), version [0-9a-f]{12}: valid", check.Out);
        Assert.Equal(0, test.ExitCode);
        Assert.Matches(@"^(\d+) of \1 cases passed", test.Out);
    }

    [Fact]
    public async Task A_broken_copy_fails_check_with_one_line_per_problem_naming_file_and_rule()
    {
        var rules = RuleFolders.CopyShipped(folder);
        RuleFolders.Edit(rules, "domestic_abuse.json", "facts.DomesticAbuseIncidents12m >= repeatIncidents", "facts.DomesticAbuseIncidentz12m >= repeatIncidents");
        RuleFolders.Edit(rules, "school_exclusion.json", "\"Expression\": \"facts.Suspensions12m >= repeatSuspensions\"", "\"Experssion\": \"facts.Suspensions12m >= repeatSuspensions\"");

        var run = await CliRun.RunAsync("rules", "check", rules);

        Assert.Equal(1, run.ExitCode);
        var lines = run.Out.TrimEnd().Split('\n');
        Assert.Contains(lines, l => l.StartsWith("domestic_abuse.json: DomesticAbuse.RepeatIncidents: Expression does not compile: No property or field 'DomesticAbuseIncidentz12m'", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("school_exclusion.json: SchoolExclusion.RepeatSuspensions: unknown rule key 'Experssion'", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Invalid_json_fails_check_naming_the_file()
    {
        var rules = RuleFolders.CopyShipped(folder);
        File.WriteAllText(Path.Combine(rules, "pathways.json"), "{ \"WorkflowName\": \"Pathways\", \"Rules\": [ ");

        var run = await CliRun.RunAsync("rules", "check", rules);

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("pathways.json: -: invalid JSON at line 1, column", run.Out);
    }

    [Fact]
    public async Task A_failing_fixture_is_named_and_gives_exit_code_1()
    {
        var rules = RuleFolders.CopyShipped(folder);
        RuleFolders.Edit(rules, "domestic_abuse.json", "{ \"Name\": \"repeatIncidents\", \"Expression\": \"2\" }", "{ \"Name\": \"repeatIncidents\", \"Expression\": \"3\" }");

        var run = await CliRun.RunAsync("rules", "test", rules);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("FAIL tests/domestic_abuse.json: 2 incidents (the threshold) fire repeat incidents, with the mother the victim: expected DomesticAbuse.RepeatIncidents to fire", run.Out);
    }
}
