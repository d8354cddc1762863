using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using RiskFlags.Core.Assessment;
using RiskFlags.Core.Facts;
using RiskFlags.Core.Monitoring;

namespace RiskFlags.Cli.Commands;

/// <summary>riskflags monitor: does the cohort at a date still look like what the model learnt from?</summary>
internal static class MonitorCommand
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static Command Create(CliContext context)
    {
        var source = new DataSource();
        var model = EvaluateCommand.ModelOption();
        var asOf = DataSource.AsOfOption("The date whose cohort to compare with the model's training data.");
        var json = new Option<bool>("--json") { Description = "End the output with one JSON line of the check." };
        var command = new Command("monitor", "Compare a date's cohort with the model's training data: the population stability index of every feature and of the score (0.1 moderate, 0.25 drifted), the base rate and, when outcomes are known, calibration. Exit 4 when the score or a feature has drifted.")
        {
            model, asOf, json,
        };
        source.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var dates = DataSource.ParseDates(parse.GetValue(asOf)!);
            if (dates.Count != 1)
            {
                throw new UsageException("--as-of: monitor takes one date");
            }

            var loaded = EvaluateCommand.Load(parse.GetValue(model)!);
            var (rules, _) = source.LoadRules(parse);
            var (data, description, _) = await source.LoadAsync(parse, context, cancellationToken);
            var members = Cohort.Build(data, dates[0]).ToList();
            if (members.Count == 0)
            {
                throw new UsageException($"--as-of: no cohort families at {dates[0]:yyyy-MM-dd} in {description}");
            }

            var cohort = new FamilyAssessor(loaded, rules).AssessMany(members.Select(m => m.Facts)).ToList();
            var outcomes = members.All(m => m.Outcome is not null) ? members.Select(m => m.Outcome!.Value).ToList() : null;
            DriftReport report;
            try
            {
                report = DriftCheck.Run(loaded, dates[0], cohort, outcomes);
            }
            catch (InvalidOperationException e)
            {
                throw new UsageException($"--model: {e.Message}");
            }

            await WriteAsync(context.Console.Out, report, description);
            if (parse.GetValue(json))
            {
                await context.Console.Out.WriteLineAsync(JsonSerializer.Serialize(new
                {
                    as_of = report.AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    model_version = report.ModelVersion,
                    families = report.Families,
                    drifted = report.Drifted,
                    score = Drift(report.Score),
                    features = report.Features.Select(Drift),
                    drifted_features = report.DriftedFeatures.Select(f => f.Description),
                    training_base_rate = report.TrainingBaseRate,
                    observed_rate = report.ObservedRate,
                    mean_predicted = report.MeanPredicted,
                }, Json));
            }

            return report.Drifted ? ExitCodes.Drifted : ExitCodes.Ok;
        });
        return command;
    }

    private static object Drift(FeatureDrift f) => new { name = f.Name, description = f.Description, psi = f.StabilityIndex, prevalence_ratio = f.PrevalenceRatio, band = f.Band.ToString().ToLowerInvariant() };

    private static async Task WriteAsync(TextWriter text, DriftReport r, string description)
    {
        var c = CultureInfo.InvariantCulture;
        await text.WriteLineAsync(string.Create(c, $"Model {r.ModelVersion} against {r.Families:N0} cohort families at {r.AsOf:yyyy-MM-dd} ({description})"));
        await text.WriteLineAsync(string.Create(c, $"score: stability index {r.Score.StabilityIndex:0.000} ({r.Score.Band.ToString().ToLowerInvariant()})"));
        await text.WriteLineAsync(string.Create(c, $"base rate: {r.TrainingBaseRate:0.0%} in training; mean predicted now {r.MeanPredicted:0.0%}") +
            (r.ObservedRate is { } observed ? string.Create(c, $", observed {observed:0.0%}") : ", outcomes not yet known"));
        var shifted = r.Features.Where(f => f.Band is not DriftBand.Stable).OrderByDescending(f => f.StabilityIndex).ToList();
        await text.WriteLineAsync(shifted.Count == 0
            ? string.Create(c, $"every one of the {r.Features.Count} features is stable (index under {FeatureDrift.ModerateFrom})")
            : string.Create(c, $"features that moved ({r.Features.Count - shifted.Count} of {r.Features.Count} stable):"));
        foreach (var f in shifted)
        {
            await text.WriteLineAsync(string.Create(c, $"  {f.Description,-60} {f.StabilityIndex,7:0.000}  {f.Band.ToString().ToLowerInvariant()}{(f.PrevalenceMoved ? $" (share of families x{f.PrevalenceRatio:0.0})" : "")}"));
        }

        await text.WriteLineAsync(r.Drifted
            ? $"DRIFT: {string.Join(", ", r.DriftedFeatures.Select(f => f.Description).Prepend(r.Score.Band is DriftBand.Drifted ? "the score" : null).OfType<string>())} shifted past {FeatureDrift.DriftedFrom} or doubled or halved in prevalence; retrain or re-validate before relying on the scores."
            : "No drift past 0.25.");
    }
}
