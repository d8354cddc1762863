using System.CommandLine;
using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using RiskFlags.Core.Assessment;
using RiskFlags.Core.Facts;
using RiskFlags.Core.Scoring;

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
            var (data, _, _) = await source.LoadAsync(parse, context, cancellationToken);
            var path = parse.GetValue(output)!.FullName;
            var written = await TerminalProgress.RunAsync(context.Console, report => Task.Run(
                () => Write(data.Families, dates[0], loaded, rules, path, report is null ? null : done => report("cohort families", done, data.Families.Count), cancellationToken),
                cancellationToken));
            await context.Console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"Scored {written:N0} cohort families as of {dates[0]:yyyy-MM-dd} with model {loaded.Version} and rules {rules.Version}: {path}"));
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>Every cohort family through the assessment step's compiled path, a chunk at a time, one CSV row each.</summary>
    internal static int Write(IEnumerable<FamilyHistory> families, DateOnly asOf, RiskModel model, Core.Rules.RuleSet rules, string path, Action<int>? progress, CancellationToken cancellationToken)
    {
        using var writer = new CsvWriter(new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16), new CsvConfiguration(CultureInfo.InvariantCulture) { NewLine = "\n" });
        foreach (var header in new[] { "family_id", "risk_score", "risk_band", "top_factors", "flags" })
        {
            writer.WriteField(header);
        }

        writer.NextRecord();
        var written = 0;
        foreach (var a in new FamilyAssessor(model, rules).AssessMany(families, asOf))
        {
            writer.WriteField(a.FamilyId);
            writer.WriteField(a.Score.Probability.ToString("0.000000", CultureInfo.InvariantCulture));
            writer.WriteField(a.Score.Band.Code());
            writer.WriteField(string.Join(';', a.Score.TopFactors.Select(f => $"{f.Description}={f.ValueText}")));
            writer.WriteField(string.Join(';', a.Fired.Select(f => f.Rule)));
            writer.NextRecord();
            if (++written % 10_000 == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                progress?.Invoke(written);
            }
        }

        progress?.Invoke(written);
        return written;
    }
}
