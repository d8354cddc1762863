using System.CommandLine;
using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using RiskFlags.Core.Assessment;
using RiskFlags.Core.Facts;
using RiskFlags.Core.Scoring;
using RiskFlags.Data;

namespace RiskFlags.Cli.Commands;

internal static class ScoreCommand
{
    public static Command Create(CliContext context)
    {
        var source = new DataSource();
        var model = EvaluateCommand.ModelOption();
        var asOf = DataSource.AsOfOption("The date to score the cohort as of.");
        var output = new Option<FileInfo>("--out") { Description = "The CSV to write: family_id, risk_score, risk_band, top_factors, flags.", Required = true };
        var command = new Command("score", "Score every cohort family as of a date, with its three largest factors and the rules that fire.")
        {
            model, asOf, output,
        };
        source.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var dates = DataSource.ParseDates(parse.GetValue(asOf)!);
            var loaded = EvaluateCommand.Load(parse.GetValue(model)!);
            var (rules, _) = source.LoadRules(parse);
            await using var store = await source.OpenStoreAsync(parse, context, cancellationToken);
            var path = parse.GetValue(output)!.FullName;
            var families = await store.CountFamiliesAsync(cancellationToken);
            var written = await TerminalProgress.RunAsync(context.Console, report =>
                WriteAsync(FamilyChunks.ReadAsync(store.Connection, cancellationToken: cancellationToken), dates[0], loaded, rules, path,
                    report is null ? null : done => report("families", done, families), cancellationToken));
            await context.Console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"Scored {written:N0} cohort families of {families:N0} as of {dates[0]:yyyy-MM-dd} with model {loaded.Version} and rules {rules.Version}: {path}"));
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>
    /// Every cohort family through the assessment step's compiled path as the store yields them, a
    /// chunk at a time, one CSV row each: memory holds a chunk, not the cohort.
    /// </summary>
    internal static async Task<int> WriteAsync(IAsyncEnumerable<FamilyHistory> families, DateOnly asOf, RiskModel model, Core.Rules.RuleSet rules, string path, Action<int>? progress, CancellationToken cancellationToken)
    {
        await using var writer = new CsvWriter(new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16), new CsvConfiguration(CultureInfo.InvariantCulture) { NewLine = "\n" });
        foreach (var header in new[] { "family_id", "risk_score", "risk_band", "top_factors", "flags" })
        {
            writer.WriteField(header);
        }

        writer.NextRecord();
        var written = 0;
        var read = 0;
        var counted = families.Select(f =>
        {
            if (++read % 10_000 == 0)
            {
                progress?.Invoke(read);
            }

            return f;
        });
        await foreach (var a in new FamilyAssessor(model, rules).AssessManyAsync(counted, asOf, cancellationToken: cancellationToken))
        {
            writer.WriteField(a.FamilyId);
            writer.WriteField(a.Score.Probability.ToString("0.000000", CultureInfo.InvariantCulture));
            writer.WriteField(a.Score.Band.Code());
            writer.WriteField(string.Join(';', a.Score.TopFactors.Select(f => $"{f.Description}={f.ValueText}")));
            writer.WriteField(string.Join(';', a.Fired.Select(f => f.Rule)));
            writer.NextRecord();
            written++;
        }

        progress?.Invoke(read);
        return written;
    }
}
