using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using RiskFlags.Core.Scoring;

namespace RiskFlags.Training;

/// <summary>
/// The model card a data scientist defends to an ethics panel: what the model was trained on, how it
/// was split, what it reads and never reads, how well it does against simple baselines and the best
/// possible, how it does for each group, and what it is and is not for. Written beside the model as
/// FILE.card.json and FILE.card.md.
/// </summary>
public sealed record ModelCard(
    string Model,
    string Version,
    string Trainer,
    string TrainedOn,
    int Seed,
    string Command,
    string RulesVersion,
    CardData Data,
    string Split,
    IReadOnlyList<CardFeature> Features,
    IReadOnlyList<string> NeverFeatures,
    IReadOnlyDictionary<string, double> Hyperparameters,
    EvaluationReport Validation,
    EvaluationReport? OutOfTimeTest,
    string IntendedUse,
    IReadOnlyList<string> Limits,
    string HowToReadFairness)
{
    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = null,
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static string JsonPath(string modelPath) => Path.ChangeExtension(modelPath, ".card.json");

    public static string MarkdownPath(string modelPath) => Path.ChangeExtension(modelPath, ".card.md");

    public static ModelCard Read(string modelPath) =>
        JsonSerializer.Deserialize<ModelCard>(File.ReadAllText(JsonPath(modelPath)), Json)
        ?? throw new InvalidDataException($"{JsonPath(modelPath)} is empty");

    internal static ModelCard Create(
        string model, string version, string source, TrainingOptions options, IReadOnlyList<Snapshot> snapshots,
        TrainingSplit split, EvaluationReport validation, EvaluationReport? test, string rulesVersion, string command, TimeProvider time) => new(
        model,
        version,
        $"ML.NET FastTree binary classifier, {options.Trees} trees of {options.Leaves} leaves, Platt-calibrated on rows it was not trained on",
        time.GetUtcNow().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        options.Seed,
        command,
        rulesVersion,
        new CardData(
            source,
            [.. snapshots.GroupBy(s => s.Facts.AsOf).OrderBy(g => g.Key).Select(g => new DateRows(
                g.Key.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), g.Count(), g.Count(s => s.Outcome), g.Count(s => s.Outcome) / (double)g.Count()))],
            snapshots.Select(s => s.Facts.FamilyId).Distinct().Count(),
            split.Trees.Count, split.Calibration.Count, split.Validation.Count),
        split.Description,
        [.. FeatureVector.Features.Select(f => new CardFeature(f.Name, f.Description))],
        ["ethnicity", "sex", "local area", "family and person ids"],
        new Dictionary<string, double>
        {
            ["trees"] = options.Trees,
            ["leaves"] = options.Leaves,
            ["minimum_examples_per_leaf"] = options.MinimumExamplesPerLeaf,
            ["learning_rate"] = options.LearningRate,
            ["validation_share"] = options.ValidationShare,
        },
        validation,
        test,
        "To help early help managers and MASH workers decide which families to offer a preventive programme, " +
        "alongside the rules and always with their reasons. A flag is a suggestion to a professional, never a decision, " +
        "and never a reason to open statutory proceedings.",
        [
            "It predicts what the records show, not what happens to children: families known to fewer agencies look safer than they are.",
            "It was validated on one authority's data at one date; retrain and re-validate on each new extract before use.",
            "A probability is about families like this one, not this family: most flagged families will not have a child enter care.",
            "It has never seen a family's ethnicity or sex, but deprivation and agency contact differ between groups; read the fairness figures before use.",
            $"Groups with fewer than {Fairness.SmallestGroup} families (or {Fairness.SmallestPositives} outcomes) give figures too noisy to read; even above that, read a disparity with its interval.",
        ],
        "For each group: n is the number of families, flag_rate the share with a predicted risk at or above the flag threshold, " +
        "true_positive_rate the share of the families in which a child did enter care that were flagged, false_positive_rate the share " +
        "of the other families that were flagged, and mean_predicted beside observed_rate shows whether the model's probabilities hold " +
        "for that group. Similar true and false positive rates across groups mean the flags treat groups alike (equalised odds); " +
        "a group whose mean_predicted is well above its observed_rate is being over-flagged.");

    public void Write(string modelPath)
    {
        File.WriteAllText(JsonPath(modelPath), JsonSerializer.Serialize(this, Json) + "\n");
        File.WriteAllText(MarkdownPath(modelPath), ToMarkdown());
    }

    private static void Performance(StringBuilder md, string title, EvaluationReport report)
    {
        var culture = CultureInfo.InvariantCulture;
        string F(double v, string format = "0.000") => double.IsNaN(v) ? "n/a" : v.ToString(format, culture);
        var s = report.Scores;
        md.Append($"\n## {title}\n\n");
        md.Append("| metric | model | logistic regression | rules only | best possible (oracle) |\n|---|---:|---:|---:|---:|\n");
        var ci = report.Intervals;
        string I(Interval? i, string format = "0.000") => i is null || double.IsNaN(i.Low) ? "" : $" ({F(i.Low, format)}-{F(i.High, format)})";
        md.Append($"| AUC | {F(s.Auc)}{I(ci?.Auc)} | {F(report.Baselines.LogisticRegressionAuc)} | {F(report.Baselines.RulesOnlyAuc)} | {(report.OracleAuc is { } o ? F(o) : "not known")} |\n");
        md.Append($"| average precision (AUPRC) | {F(s.Auprc)}{I(ci?.Auprc)} | | | |\n");
        md.Append($"| log loss | {F(s.LogLoss)} | | | |\n");
        md.Append($"| Brier score | {F(s.Brier, "0.0000")} | | | |\n");
        md.Append($"| expected calibration error (10 bins) | {F(s.Ece, "0.0000")}{I(ci?.Ece, "0.0000")} | | | |\n");
        md.Append($"| base rate | {F(s.BaseRate, "0.0%")} | | | |\n\n");
        if (ci is not null)
        {
            md.Append($"In brackets: 95% intervals from {ci.Resamples:N0} bootstrap resamples of the families (seed {ci.Seed}). At a handful of places precision rests on a handful of families, and its interval says so.\n\n");
        }

        md.Append("| flagged when | families flagged | precision | recall |\n|---|---:|---:|---:|\n");
        foreach (var p in report.AtThresholds)
        {
            md.Append($"| {p.At} | {p.Flagged:N0} | {F(p.Precision, "0.0%")} | {F(p.Recall, "0.0%")} |\n");
        }

        foreach (var p in report.TopK)
        {
            var at = ci?.TopK.FirstOrDefault(t => t.At == p.At);
            md.Append($"| {p.At} | {p.Flagged:N0} | {F(p.Precision, "0.0%")}{(at is null ? "" : I(at.Precision, "0%"))} | {F(p.Recall, "0.0%")}{(at is null ? "" : I(at.Recall, "0%"))} |\n");
        }
    }

    public string ToMarkdown()
    {
        var culture = CultureInfo.InvariantCulture;
        var md = new StringBuilder();
        void Line(string text = "") => md.Append(text).Append('\n');
        string F(double v, string format = "0.000") => double.IsNaN(v) ? "n/a" : v.ToString(format, culture);

        Line($"# Model card: {Model}");
        Line();
        Line($"Version `{Version}`, trained {TrainedOn} with seed {Seed} (rules version `{RulesVersion}`).");
        Line();
        Line($"    {Command}");
        Line();
        Line("## Intended use");
        Line();
        Line(IntendedUse);
        Line();
        Line("## Limits");
        Line();
        foreach (var limit in Limits)
        {
            Line($"- {limit}");
        }

        Line();
        Line("## Model");
        Line();
        Line($"{Trainer}. It predicts whether a child of a cohort family who is not looked after (or a child born later) starts a care episode in the 365 days after the date (data-contract.md).");
        Line();
        Line("| hyper-parameter | value |");
        Line("|---|---:|");
        foreach (var (name, value) in Hyperparameters)
        {
            Line($"| {name} | {value.ToString(culture)} |");
        }

        Line();
        Line("## Data");
        Line();
        Line($"Source: {Data.Source}. {Data.Families:N0} families.");
        Line();
        Line("| as of | cohort families | a child entered care | base rate |");
        Line("|---|---:|---:|---:|");
        foreach (var d in Data.Snapshots)
        {
            Line($"| {d.AsOf} | {d.Rows:N0} | {d.Positives:N0} | {F(d.BaseRate, "0.0%")} |");
        }

        Line();
        Line($"Split: {Split} Rows: {Data.TreeRows:N0} trees, {Data.CalibrationRows:N0} calibration, {Data.ValidationRows:N0} validation.");
        Line();
        Line("## Features");
        Line();
        Line($"Never features: {string.Join(", ", NeverFeatures)} (ethnicity and sex are used only for the fairness audit below).");
        Line();
        foreach (var f in Features)
        {
            Line($"- `{f.Name}`: {f.Description}");
        }

        Performance(md, $"Validation ({Validation.AsOf}, {Validation.Scores.N:N0} held-out families, {Validation.Scores.Positives:N0} with a child entering care)", Validation);
        if (OutOfTimeTest is { } test)
        {
            Performance(md, $"Out-of-time test ({test.AsOf}, all {test.Scores.N:N0} cohort families, {test.Scores.Positives:N0} with a child entering care)", test);
            Line();
            Line($"The same as `riskflags evaluate --model {Model} --data ... --as-of {test.AsOf}`; model AUC / best possible = {(test.OracleAuc is { } o ? F(test.Scores.Auc / o) : "not known")}.");
        }
        Line();
        var audit = OutOfTimeTest ?? Validation;
        Line();
        Line($"## Fairness audit ({(OutOfTimeTest is null ? "validation" : "out-of-time test")} families at {audit.AsOf}; flag: predicted risk >= {F(audit.FlagThreshold, "0.00")})");
        Line();
        Line(HowToReadFairness);
        foreach (var (dimension, groups) in audit.Groups)
        {
            Line();
            Line($"| {dimension.Replace('_', ' ')} | n | flag rate | true positive rate | false positive rate | mean predicted | observed rate |");
            Line("|---|---:|---:|---:|---:|---:|---:|");
            foreach (var (group, g) in groups)
            {
                var few = g.N < Fairness.SmallestGroup || g.Positives < Fairness.SmallestPositives ? " (too few to read)" : "";
                Line($"| {group}{few} | {g.N:N0} | {F(g.FlagRate, "0.0%")} | {F(g.TruePositiveRate, "0.0%")} | {F(g.FalsePositiveRate, "0.0%")} | {F(g.MeanPredicted, "0.0%")} | {F(g.ObservedRate, "0.0%")} |");
            }
        }

        foreach (var fairness in audit.Fairness ?? [])
        {
            Line();
            Line($"Ratios to the reference group ({fairness.Attribute.Replace('_', ' ')} {fairness.Reference}, the most families), with 95% bootstrap intervals; "
                + $"in the band {FairnessRatio.BandLow}-{FairnessRatio.BandHigh} reads as parity, outside it as a disparity to look into (marked !).");
            Line();
            Line($"| {fairness.Attribute.Replace('_', ' ')} | n | outcomes | selection rate | true positive rate | false positive rate | calibration (predicted / observed) |");
            Line("|---|---:|---:|---:|---:|---:|---:|");
            string R(FairnessRatio? r) => r?.Value is not { } v ? "n/a"
                : $"{F(v, "0.00")}{(r.Interval is { } i ? $" ({F(i.Low, "0.00")}-{F(i.High, "0.00")})" : "")}{(r.WithinBand == false ? " !" : "")}";
            foreach (var g in fairness.Groups)
            {
                Line(g.TooSmall
                    ? $"| {g.Group} | {g.N:N0} | {g.Positives:N0} | too small to read (fewer than {Fairness.SmallestGroup} families or {Fairness.SmallestPositives} outcomes) | | | |"
                    : $"| {g.Group} | {g.N:N0} | {g.Positives:N0} | {R(g.SelectionRate)} | {R(g.TruePositiveRate)} | {R(g.FalsePositiveRate)} | {R(g.Calibration)} |");
            }
        }

        return md.ToString();
    }
}
