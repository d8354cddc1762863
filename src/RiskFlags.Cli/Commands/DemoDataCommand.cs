using System.CommandLine;
using System.Globalization;
using RiskFlags.Core.DemoData;

namespace RiskFlags.Cli.Commands;

internal static class DemoDataCommand
{
    public static Command Create(CliContext context)
    {
        var output = new Option<DirectoryInfo>("--out") { Description = "Folder to write families.csv, people.csv, events.csv and truth.csv into.", Required = true };
        var families = new Option<int>("--families") { Description = "How many households with children (default: a Thurrock-sized authority).", DefaultValueFactory = _ => DemoDataOptions.DefaultFamilies };
        var children = new Option<int?>("--children") { Description = "Size the authority by its children aged 0-17 instead of --families (42,000 by default)." };
        var seed = new Option<int>("--seed") { Description = "Seed: the same seed gives the same bytes.", DefaultValueFactory = _ => DemoDataOptions.DefaultSeed };
        families.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is < 1 or > 10_000_000)
            {
                r.AddError("--families must be between 1 and 10,000,000");
            }
        });

        var abuse = new Option<double>("--domestic-abuse-factor") { Description = "A what-if: domestic abuse this many times as likely as in the calibrated authority (for drift checks).", DefaultValueFactory = _ => 1 };
        abuse.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<double>() is not (> 0 and <= 10))
            {
                r.AddError("--domestic-abuse-factor must be more than 0 and at most 10");
            }
        });
        children.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int?>() is < 1 or > 16_000_000)
            {
                r.AddError("--children must be between 1 and 16,000,000");
            }
        });

        var command = new Command("demo-data", "Write a synthetic Thurrock-sized authority that follows the contract, calibrated to the seed reports (calibration.csv: each figure beside the report's), with truth.csv: each cohort family's known probability and outcome for every 31 March 2019-2024.")
        {
            output, families, children, seed, abuse,
        };
        command.Validators.Add(r =>
        {
            if (r.GetResult(families) is { Implicit: false } && r.GetResult(children) is not null)
            {
                r.AddError("Give --families or --children, not both.");
            }
        });
        command.SetAction(async (parse, cancellationToken) =>
        {
            var size = parse.GetValue(children) is { } wanted ? DemoDataOptions.FamiliesFor(wanted) : parse.GetValue(families);
            var options = new DemoDataOptions { Families = size, Seed = parse.GetValue(seed), DomesticAbuseFactor = parse.GetValue(abuse) };
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

            await text.WriteLineAsync();
            await text.WriteLineAsync(string.Create(culture, $"Calibration at {DemoCalibration.AsOf:yyyy-MM-dd} (also in {DemoDataGenerator.CalibrationFile}):"));
            await text.WriteLineAsync(string.Create(culture, $"{"figure",-62} {"demo",9} {"report",9} {"band",-19} source"));
            foreach (var f in summary.Calibration)
            {
                var band = string.Create(culture, $"{f.Low:0.###}-{f.High:0.###}") + (f.WithinBand ? "" : " OUT");
                await text.WriteLineAsync(string.Create(culture, $"{f.Figure,-62} {f.Demo,9:0.###} {f.Report,9:0.###} {band,-19} {f.Source}"));
            }

            context.Logger.Information("Demo data written: {Families} families, seed {Seed}", summary.Families, options.Seed);
            return ExitCodes.Ok;
        });
        return command;
    }
}
