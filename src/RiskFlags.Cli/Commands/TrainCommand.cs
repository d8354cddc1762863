using System.CommandLine;
using System.Globalization;
using RiskFlags.Training;

namespace RiskFlags.Cli.Commands;

internal static class TrainCommand
{
    public static Command Create(CliContext context)
    {
        var source = new DataSource();
        var asOf = DataSource.AsOfOption("The 31 March snapshots to learn from, comma separated, e.g. 2021-03-31,2022-03-31,2023-03-31.");
        var output = new Option<FileInfo>("--out") { Description = "The model file to write (.zip); the card goes beside it as .card.json and .card.md.", Required = true };
        var seed = new Option<int>("--seed") { Description = "Seed: the same data and seed give the same model bytes.", DefaultValueFactory = _ => 42 };
        var trees = new Option<int>("--trees") { Description = "Boosted trees.", DefaultValueFactory = _ => new TrainingOptions { AsOf = [] }.Trees };
        var leaves = new Option<int>("--leaves") { Description = "Leaves per tree.", DefaultValueFactory = _ => new TrainingOptions { AsOf = [] }.Leaves };
        var command = new Command("train", "Train the classifier on yearly snapshots, validate it on held-out families at a later date, and write the model with its card.")
        {
            asOf, output, seed, trees, leaves,
        };
        source.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var dates = DataSource.ParseDates(parse.GetValue(asOf)!);
            var (rules, programmes) = source.LoadRules(parse);
            var (data, description, truth) = await source.LoadAsync(parse, context, cancellationToken);
            var options = new TrainingOptions { AsOf = dates, Seed = parse.GetValue(seed), Trees = parse.GetValue(trees), Leaves = parse.GetValue(leaves) };
            var path = parse.GetValue(output)!.FullName;
            var commandLine = $"riskflags train {string.Join(' ', parse.Tokens.Skip(1).Select(t => t.Value))}";
            var trained = await TerminalProgress.RunAsync(context.Console, report => Task.Run(
                () =>
                {
                    var stage = 0;
                    var progress = report is null ? null : new DirectProgress<string>(message => report(message, ++stage, 4));
                    try
                    {
                        return new RiskModelTrainer(context.Time).Train(data, description, options, path, rules, programmes, truth, commandLine, progress);
                    }
                    catch (InvalidOperationException e)
                    {
                        throw new UsageException(e.Message);
                    }
                },
                cancellationToken));

            var v = trained.Card.Validation;
            var culture = CultureInfo.InvariantCulture;
            await context.Console.Out.WriteLineAsync($"Wrote {path} (version {trained.Version}) and its card {ModelCard.MarkdownPath(path)}");
            await context.Console.Out.WriteLineAsync(string.Create(culture,
                $"Validation at {v.AsOf} on {v.Scores.N:N0} held-out families: AUC {v.Scores.Auc:0.000} (logistic regression {v.Baselines.LogisticRegressionAuc:0.000}, rules only {v.Baselines.RulesOnlyAuc:0.000}{(v.OracleAuc is { } o ? $", best possible {o:0.000}" : "")}), ECE {v.Scores.Ece:0.0000}"));
            context.Logger.Information("Trained model {Version} on {Dates}", trained.Version, string.Join(",", dates));
            return ExitCodes.Ok;
        });
        return command;
    }
}
