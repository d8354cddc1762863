using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using RiskFlags.Training;

namespace RiskFlags.Cli.Commands;

/// <summary>
/// riskflags model: compare two models on the same families; publish, list and roll back the
/// server's model registry (through its API, so the registry records the caller's own identity).
/// </summary>
internal static class ModelCommand
{
    public static Command Create(CliContext context) => new("model", "Models side by side, and the server's model registry.")
    {
        Compare(context), Publish(context), List(context), Rollback(context),
    };

    private static Command Compare(CliContext context)
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
            ComparisonRecord comparison;
            try
            {
                comparison = ModelComparison.Compare(a, b, data, date, description, rules, programmes, truth);
            }
            catch (InvalidOperationException e)
            {
                throw new UsageException($"--as-of: {e.Message}");
            }

            foreach (var line in comparison.Lines())
            {
                await context.Console.Out.WriteLineAsync(line);
            }

            if (parse.GetValue(json))
            {
                await context.Console.Out.WriteLineAsync(comparison.ToJson());
            }

            return ExitCodes.Ok;
        });
        return compare;
    }

    private static Command Publish(CliContext context)
    {
        var server = new ServerOptions();
        var file = new Argument<FileInfo>("MODEL") { Description = "The model file riskflags train wrote (.zip); its card (.card.json, .card.md) beside it goes with it." };
        var reason = ReasonOption("Why this model should go live: kept with the publication for good.");
        var publish = new Command("publish", "Put a model live on every server sharing the store: the server checks it, compares it with the live model on the store's families, and records who, when and why.") { file, reason };
        server.AddTo(publish);
        publish.SetAction(async (parse, cancellationToken) =>
        {
            var model = EvaluateCommand.Load(parse.GetValue(file)!);
            var cardJson = ReadBeside(ModelCard.JsonPath(model.Path));
            var cardMarkdown = ReadBeside(ModelCard.MarkdownPath(model.Path));
            using var api = server.Connect(parse, context);
            var publication = await api.PostAsync("/v1/models:publish", new
            {
                model = Convert.ToBase64String(await File.ReadAllBytesAsync(model.Path, cancellationToken)),
                reason = parse.GetValue(reason),
                cardJson, cardMarkdown,
            }, cancellationToken);
            await WritePublicationAsync(context, publication);
            return ExitCodes.Ok;
        });
        return publish;
    }

    private static Command Rollback(CliContext context)
    {
        var server = new ServerOptions();
        var to = new Option<string?>("--to") { Description = "The version to put back (riskflags model list shows them). Default: the one live before the current one." };
        var reason = ReasonOption("Why the live model is being withdrawn: kept with the rollback for good.");
        var rollback = new Command("rollback", "Publish an earlier model again, recording who, when and why.") { to, reason };
        server.AddTo(rollback);
        rollback.SetAction(async (parse, cancellationToken) =>
        {
            using var api = server.Connect(parse, context);
            var publication = await api.PostAsync("/v1/models:rollback", new { version = parse.GetValue(to) ?? "", reason = parse.GetValue(reason) }, cancellationToken);
            await WritePublicationAsync(context, publication);
            return ExitCodes.Ok;
        });
        return rollback;
    }

    private static Command List(CliContext context)
    {
        var server = new ServerOptions();
        var list = new Command("list", "The model registry, newest first: each publication's version, when, who, why, and which is live.");
        server.AddTo(list);
        list.SetAction(async (parse, cancellationToken) =>
        {
            using var api = server.Connect(parse, context);
            var registry = await api.GetAsync("/v1/models", cancellationToken);
            var text = context.Console.Out;
            await text.WriteLineAsync($"{"",1} {"id",4} {"version",-12} {"action",-8} {"published at (UTC)",-19} {"by",-24} reason");
            foreach (var p in registry["publications"]?.AsArray() ?? [])
            {
                var at = DateTimeOffset.Parse(Text(p, "publishedAt"), CultureInfo.InvariantCulture);
                await text.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"{(p?["live"]?.GetValue<bool>() == true ? "*" : ""),1} {Text(p, "id"),4} {Text(p, "version"),-12} {Text(p, "action"),-8} {at.UtcDateTime,-19:yyyy-MM-dd HH:mm:ss} {$"{Text(p, "publishedBy")} ({Text(p, "role")})",-24} {Text(p, "reason")}"));
            }

            return ExitCodes.Ok;
        });
        return list;
    }

    private static Option<string> ReasonOption(string description) => new("--reason") { Description = description, Required = true };

    private static string? ReadBeside(string path) => File.Exists(path) ? File.ReadAllText(path) : null;

    /// <summary>A field of the JSON API's answer as text (proto3's JSON writes 64-bit numbers as strings, and leaves out empty values).</summary>
    private static string Text(JsonNode? node, string name) => node?[name]?.ToString() ?? "";

    private static async Task WritePublicationAsync(CliContext context, JsonObject publication)
    {
        var text = context.Console.Out;
        var previous = Text(publication, "previousVersion");
        await text.WriteLineAsync($"{Text(publication, "version")} is live (registry publication {Text(publication, "id")}, {Text(publication, "action")} by {Text(publication, "publishedBy")}, replacing {(previous.Length > 0 ? previous : "nothing")})");
        if (Text(publication, "comparisonJson") is { Length: > 0 } comparison)
        {
            foreach (var line in ComparisonRecord.FromJson(comparison).Lines())
            {
                await text.WriteLineAsync(line);
            }
        }
        else
        {
            await text.WriteLineAsync(Text(publication, "comparisonDetail"));
        }
    }
}
