using System.CommandLine;
using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using RiskFlags.Core.Facts;
using RiskFlags.Core.Scoring;

namespace RiskFlags.Cli.Commands;

internal static class ScoreCommand
{
    private const int Chunk = 50_000;

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
                () => Write(data, dates[0], loaded, rules, path, report is null ? null : done => report("families", done, data.Families.Count), cancellationToken),
                cancellationToken));
            await context.Console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"Scored {written:N0} cohort families as of {dates[0]:yyyy-MM-dd} with model {loaded.Version} and rules {rules.Version}: {path}"));
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>Builds facts in parallel, scores each chunk through the model in one batch, then runs the compiled rules.</summary>
    internal static int Write(LinkedDataIndex data, DateOnly asOf, RiskModel model, Core.Rules.RuleSet rules, string path, Action<int>? progress, CancellationToken cancellationToken)
    {
        using var writer = new CsvWriter(new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16), new CsvConfiguration(CultureInfo.InvariantCulture) { NewLine = "\n" });
        foreach (var header in new[] { "family_id", "risk_score", "risk_band", "top_factors", "flags" })
        {
            writer.WriteField(header);
        }

        writer.NextRecord();
        var hits = rules.NewHits();
        var written = 0;
        for (var start = 0; start < data.Families.Count; start += Chunk)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var chunk = new FamilyFacts?[Math.Min(Chunk, data.Families.Count - start)];
            Parallel.For(0, chunk.Length, i =>
            {
                var facts = FamilyFactsBuilder.Build(data.Families[start + i], asOf);
                chunk[i] = Cohort.Includes(facts) ? facts : null;
            });
            var cohort = chunk.OfType<FamilyFacts>().ToList();
            using var scores = model.Score(cohort).GetEnumerator();
            foreach (var facts in cohort)
            {
                scores.MoveNext();
                var score = scores.Current;
                facts.RiskScore = score.Probability;
                rules.Evaluate(facts, hits);
                writer.WriteField(facts.FamilyId);
                writer.WriteField(score.Probability.ToString("0.000000", CultureInfo.InvariantCulture));
                writer.WriteField(score.Band.Code());
                writer.WriteField(string.Join(';', score.TopFactors.Select(f => $"{f.Description}={f.ValueText}")));
                writer.WriteField(string.Join(';', hits.Indexes().Select(i => rules.Rules[i].Name)));
                writer.NextRecord();
                written++;
            }

            progress?.Invoke(start + chunk.Length);
        }

        return written;
    }
}
