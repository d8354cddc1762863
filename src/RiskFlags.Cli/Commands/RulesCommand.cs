using System.CommandLine;
using RiskFlags.Core.Hosting;
using RiskFlags.Core.Rules;

namespace RiskFlags.Cli.Commands;

/// <summary>riskflags rules check|test [DIR]: what an analyst runs after editing a rule file.</summary>
internal static class RulesCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("rules", "Check and test the rule files.");
        command.Subcommands.Add(Check(context));
        command.Subcommands.Add(Test(context));
        return command;
    }

    private static Argument<DirectoryInfo?> Folder() => new("DIR")
    {
        Description = "The rules folder. Default: rules/ of this installation.",
        Arity = ArgumentArity.ZeroOrOne,
    };

    private static Command Check(CliContext context)
    {
        var folder = Folder();
        var command = new Command("check", "Load the rule set strictly and compile every expression. Exit 0 when valid; otherwise 1, with one line per problem as 'file: rule: message'.") { folder };
        command.SetAction(async (parse, _) =>
        {
            var directory = Resolve(parse.GetValue(folder));
            var (set, problems) = TryLoad(directory);
            if (set is null)
            {
                await WriteProblemsAsync(context, problems);
                return ExitCodes.Failed;
            }

            await context.Console.Out.WriteLineAsync(
                $"{directory}: {set.Rules.Count} rules ({set.EvidenceRuleCount} evidence, {set.Rules.Count - set.EvidenceRuleCount} pathway), version {set.Version}: valid");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Test(CliContext context)
    {
        var folder = Folder();
        var command = new Command("test", "Run the rule fixtures in DIR/tests on both evaluation paths. Exit 0 when all pass; otherwise 1, naming the failing cases.") { folder };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var directory = Resolve(parse.GetValue(folder));
            var (set, problems) = TryLoad(directory);
            IReadOnlyList<RuleFixture> fixtures = [];
            if (set is not null)
            {
                try
                {
                    fixtures = RuleFixtures.Load(Path.Combine(directory, RuleFixtures.Folder));
                }
                catch (RuleSetException e)
                {
                    problems = e.Problems;
                }
            }

            if (set is null || problems.Count > 0)
            {
                await WriteProblemsAsync(context, problems);
                return ExitCodes.Failed;
            }

            var failures = await RuleFixtures.RunAsync(set, fixtures, cancellationToken);
            foreach (var failure in failures)
            {
                await context.Console.Out.WriteLineAsync($"FAIL {failure}");
            }

            var failed = failures.Select(f => (f.File, f.Case)).Distinct().Count();
            await context.Console.Out.WriteLineAsync($"{fixtures.Count - failed} of {fixtures.Count} cases passed (rules version {set.Version})");
            return failed == 0 ? ExitCodes.Ok : ExitCodes.Failed;
        });
        return command;
    }

    private static string Resolve(DirectoryInfo? folder) => folder?.FullName ?? InstallLayout.Find().Rules;

    private static (RuleSet? Set, IReadOnlyList<RuleProblem> Problems) TryLoad(string directory)
    {
        try
        {
            return (RuleSetLoader.Load(directory), []);
        }
        catch (RuleSetException e)
        {
            return (null, e.Problems);
        }
    }

    private static async Task WriteProblemsAsync(CliContext context, IReadOnlyList<RuleProblem> problems)
    {
        foreach (var problem in problems)
        {
            await context.Console.Out.WriteLineAsync(problem.ToString());
        }

        context.Logger.Warning("Rule set rejected: {Count} problems", problems.Count);
    }
}
