using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using RiskFlags.Training;

namespace RiskFlags.Cli.Commands;

/// <summary>riskflags model compare A B: two models on the same families, every card figure side by side with its interval.</summary>
internal static class ModelCommand
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals };

    public static Command Create(CliContext context)
    {
        var source = new DataSource();
        var first = new Argument<FileInfo>("A") { Description = "The model in use (.zip)." };
        var second = new Argument<FileInfo>("B") { Description = "The model proposed in its place (.zip)." };
        var asOf = DataSource.AsOfOption("The 31 March to compare them on; the data must reach 365 days past it.");
        var json = new Option<bool>("--json") { Description = "End the output with one JSON line of the comparison." };
        var compare = new Command("compare", "Evaluate two models on the same date's families and show every card figure side by side with its 95% interval.") { first, second, asOf, json };
        source.AddTo(compare);
        compare.SetAction(async (parse, cancellationToken) =>
        {
            var date = DataSource.ParseDates(parse.GetValue(asOf)!) is [var one] ? one : throw new UsageException("--as-of: compare takes one date");
            var a = EvaluateCommand.Load(parse.GetValue(first)!);
            var b = EvaluateCommand.Load(parse.GetValue(second)!);
            var (rules, programmes) = source.LoadRules(parse);
            var (data, description, truth) = await source.LoadAsync(parse, context, cancellationToken);
            IReadOnlyList<ComparedFigure> figures;
            try
            {
                figures = ModelComparison.Compare(ModelEvaluator.Evaluate(a, data, date, rules, programmes, truth), ModelEvaluator.Evaluate(b, data, date, rules, programmes, truth));
            }
            catch (InvalidOperationException e)
            {
                throw new UsageException($"--as-of: {e.Message}");
            }

            var c = CultureInfo.InvariantCulture;
            var text = context.Console.Out;
            await text.WriteLineAsync(string.Create(c, $"A = {a.Version}, B = {b.Version}, on the cohort at {date:yyyy-MM-dd} ({description}); 95% intervals in brackets"));
            await text.WriteLineAsync($"{"figure",-48} {"A",-24} {"B",-24}");
            static string Cell(double v, Interval? i) => double.IsNaN(v) ? "n/a" : string.Create(CultureInfo.InvariantCulture, $"{v:0.000}{(i is null || double.IsNaN(i.Low) ? "" : $" ({i.Low:0.000}-{i.High:0.000})")}");
            foreach (var f in figures)
            {
                await text.WriteLineAsync($"{f.Figure,-48} {Cell(f.First, f.FirstInterval),-24} {Cell(f.Second, f.SecondInterval),-24}");
            }

            if (parse.GetValue(json))
            {
                static double[]? Pair(Interval? i) => i is null ? null : [i.Low, i.High];
                await text.WriteLineAsync(JsonSerializer.Serialize(new
                {
                    as_of = date.ToString("yyyy-MM-dd", c), a = a.Version, b = b.Version,
                    figures = figures.Select(f => new { figure = f.Figure, a = f.First, a_interval = Pair(f.FirstInterval), b = f.Second, b_interval = Pair(f.SecondInterval) }),
                }, Json));
            }

            return ExitCodes.Ok;
        });
        return new Command("model", "Models side by side.") { compare };
    }
}
