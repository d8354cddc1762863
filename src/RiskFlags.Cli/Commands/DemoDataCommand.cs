using System.CommandLine;
using System.Globalization;
using RiskFlags.Core.DemoData;

namespace RiskFlags.Cli.Commands;

internal static class DemoDataCommand
{
    public static Command Create(CliContext context)
    {
        var output = new Option<DirectoryInfo>("--out") { Description = "Folder to write families.csv, people.csv, events.csv and truth.csv into.", Required = true };
        var families = new Option<int>("--families") { Description = "How many families.", DefaultValueFactory = _ => DemoDataOptions.DefaultFamilies };
        var seed = new Option<int>("--seed") { Description = "Seed: the same seed gives the same bytes.", DefaultValueFactory = _ => DemoDataOptions.DefaultSeed };
        families.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is < 1 or > 10_000_000)
            {
                r.AddError("--families must be between 1 and 10,000,000");
            }
        });

        var command = new Command("demo-data", "Write a synthetic linked data set that follows the contract, with truth.csv: each cohort family's known probability and outcome for every 31 March 2019-2024.")
        {
            output, families, seed,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var options = new DemoDataOptions { Families = parse.GetValue(families), Seed = parse.GetValue(seed) };
            var folder = parse.GetValue(output)!.FullName;
            var summary = await TerminalProgress.RunAsync(context.Console, report => Task.Run(
                () => DemoDataGenerator.Write(options, folder, report is null ? null : new DirectProgress<int>(done => report("families", done, options.Families))),
                cancellationToken));

            var culture = CultureInfo.InvariantCulture;
            var text = context.Console.Out;
            await text.WriteLineAsync(string.Create(culture, $"Wrote {summary.Families:N0} families, {summary.People:N0} people and {summary.Events:N0} events to {folder} (seed {options.Seed})."));
            await text.WriteLineAsync("31 March    cohort  entered care  base rate");
            foreach (var (asOf, (cohort, positives)) in summary.OutcomesByYear)
            {
                await text.WriteLineAsync(string.Create(culture, $"{asOf:yyyy-MM-dd}  {cohort,7:N0}  {positives,12:N0}  {summary.BaseRate(asOf),9:P1}"));
            }

            context.Logger.Information("Demo data written: {Families} families, seed {Seed}", summary.Families, options.Seed);
            return ExitCodes.Ok;
        });
        return command;
    }
}
