using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using RiskFlags.Core.Scoring;
using RiskFlags.Training;

namespace RiskFlags.Cli.Commands;

internal static class EvaluateCommand
{
    public static Command Create(CliContext context)
    {
        var source = new DataSource();
        var model = ModelOption();
        var asOf = DataSource.AsOfOption("The 31 March to evaluate on; the data must reach 365 days past it.");
        var json = new Option<bool>("--json") { Description = "End the output with one JSON line holding every figure." };
        var command = new Command("evaluate", "Measure a model on one date's cohort: ranking, calibration, precision and recall where the rules act, baselines, the best possible, and per-group figures.")
        {
            model, asOf, json,
        };
        source.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var dates = DataSource.ParseDates(parse.GetValue(asOf)!);
            if (dates.Count != 1)
            {
                throw new UsageException("--as-of: evaluate takes one date");
            }

            var loaded = Load(parse.GetValue(model)!);
            var (rules, programmes) = source.LoadRules(parse);
            var (data, _, truth) = await source.LoadAsync(parse, context, cancellationToken);
            EvaluationReport report;
            try
            {
                report = ModelEvaluator.Evaluate(loaded, data, dates[0], rules, programmes, truth);
            }
            catch (InvalidOperationException e)
            {
                throw new UsageException(e.Message);
            }

            await WriteAsync(context.Console.Out, report, loaded.Version);
            if (parse.GetValue(json))
            {
                await context.Console.Out.WriteLineAsync(JsonSerializer.Serialize(Flatten(report, loaded.Version, rules.Version), Json));
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    internal static Option<FileInfo> ModelOption() => new("--model") { Description = "The model file (.zip) written by riskflags train.", Required = true };

    internal static RiskModel Load(FileInfo file)
    {
        try
        {
            return RiskModel.Load(file.FullName);
        }
        catch (ModelLoadException e)
        {
            throw new UsageException($"--model: {e.Message}");
        }
    }

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = null,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>The headline figures at the top level, as riskflags evaluate --json promises.</summary>
    private static object Flatten(EvaluationReport r, string modelVersion, string rulesVersion) => new
    {
        as_of = r.AsOf,
        model_version = modelVersion,
        rules_version = rulesVersion,
        n = r.Scores.N,
        positives = r.Scores.Positives,
        base_rate = r.Scores.BaseRate,
        auc = r.Scores.Auc,
        auprc = r.Scores.Auprc,
        log_loss = r.Scores.LogLoss,
        brier = r.Scores.Brier,
        ece = r.Scores.Ece,
        at_thresholds = r.AtThresholds,
        top_k = r.TopK,
        baselines = new { rules_only_auc = r.Baselines.RulesOnlyAuc, logistic_regression_auc = r.Baselines.LogisticRegressionAuc },
        oracle_auc = r.OracleAuc,
        flag_threshold = r.FlagThreshold,
        groups = r.Groups,
        fairness = r.Fairness?.Select(a => new
        {
            attribute = a.Attribute,
            reference = a.Reference,
            band = new[] { FairnessRatio.BandLow, FairnessRatio.BandHigh },
            groups = a.Groups.Select(g => new
            {
                group = g.Group, n = g.N, positives = g.Positives, too_small = g.TooSmall,
                selection_rate = Ratio(g.SelectionRate), true_positive_rate = Ratio(g.TruePositiveRate),
                false_positive_rate = Ratio(g.FalsePositiveRate), calibration = Ratio(g.Calibration),
            }),
        }),
        intervals = r.Intervals is null ? null : new
        {
            resamples = r.Intervals.Resamples,
            seed = r.Intervals.Seed,
            auc = Pair(r.Intervals.Auc),
            auprc = Pair(r.Intervals.Auprc),
            ece = Pair(r.Intervals.Ece),
            top_k = r.Intervals.TopK.Select(t => new { at = t.At, k = t.K, precision = Pair(t.Precision), recall = Pair(t.Recall) }),
        },
    };

    private static double[] Pair(Interval i) => [i.Low, i.High];

    private static object? Ratio(FairnessRatio? r) => r is null ? null : new { ratio = r.Value, interval = r.Interval is { } i ? Pair(i) : null, within_band = r.WithinBand };

    private static async Task WriteAsync(TextWriter text, EvaluationReport r, string version)
    {
        var c = CultureInfo.InvariantCulture;
        var s = r.Scores;
        await text.WriteLineAsync(string.Create(c, $"Model {version} on {r.AsOf}: {s.N:N0} cohort families, {s.Positives:N0} with a child entering care ({s.BaseRate:0.0%})"));
        await text.WriteLineAsync(string.Create(c, $"AUC {s.Auc:0.000}  AUPRC {s.Auprc:0.000}  log loss {s.LogLoss:0.000}  Brier {s.Brier:0.0000}  ECE {s.Ece:0.0000}"));
        await text.WriteLineAsync(string.Create(c, $"Baselines: logistic regression AUC {r.Baselines.LogisticRegressionAuc:0.000}, rules only {r.Baselines.RulesOnlyAuc:0.000}") +
            (r.OracleAuc is { } o ? string.Create(c, $"; best possible (truth.csv) {o:0.000}, model/best {s.Auc / o:0.000}") : ""));
        foreach (var p in r.AtThresholds.Concat(r.TopK))
        {
            await text.WriteLineAsync(string.Create(c, $"  {p.At,-34} flagged {p.Flagged,6:N0}  precision {p.Precision,6:0.0%}  recall {p.Recall,6:0.0%}"));
        }
    }
}
