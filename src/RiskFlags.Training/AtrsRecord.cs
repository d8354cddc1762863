using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using RiskFlags.Core.Capacity;
using RiskFlags.Core.Rules;

namespace RiskFlags.Training;

/// <summary>
/// The ATRS v4.0 record for a model and the rules it runs with: every field the project knows filled
/// from the model card, the rule set and the programme catalogue; every field only the council can
/// answer (owner, senior responsible owner's role, contact, the DPIA, suppliers, appeals) marked
/// <see cref="ToBeCompleted"/> until its answers (a JSON object of key: answer) fill it.
/// Keys are the v3 attribute names with the v4 renames (responsible-ai.md, section 1).
/// </summary>
public sealed class AtrsRecord
{
    public const string ToBeCompleted = "TO BE COMPLETED";
    public const string Version = "4.0";

    private static readonly JsonSerializerOptions AnswersJson = new() { ReadCommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    private AtrsRecord(IReadOnlyList<AtrsField> fields) => Fields = fields;

    public IReadOnlyList<AtrsField> Fields { get; }

    public IEnumerable<AtrsField> Missing => Fields.Where(f => !f.Completed);

    /// <exception cref="AtrsAnswersException">An answer names a field that is not the council's to answer, or is not a string.</exception>
    public static AtrsRecord Build(ModelCard card, RuleSet rules, ProgrammeCatalogue programmes, IReadOnlyDictionary<string, string>? councilAnswers = null)
    {
        var test = card.OutOfTimeTest ?? card.Validation;
        var c = CultureInfo.InvariantCulture;
        string Pct(double v) => double.IsNaN(v) ? "n/a" : v.ToString("0.0%", c);
        var topK = string.Join("; ", test.TopK.Select(t =>
        {
            var ci = test.Intervals?.TopK.FirstOrDefault(i => i.At == t.At);
            return $"{t.At}: precision {Pct(t.Precision)}{(ci is null ? "" : $" (95% interval {Pct(ci.Precision.Low)}-{Pct(ci.Precision.High)})")}, recall {Pct(t.Recall)}";
        }));
        var disparities = (test.Fairness ?? []).SelectMany(a => a.Groups.Where(g => !g.TooSmall)
            .Where(g => new[] { g.SelectionRate, g.TruePositiveRate, g.FalsePositiveRate, g.Calibration }.Any(r => r?.WithinBand == false))
            .Select(g => $"{a.Attribute.Replace('_', ' ')} {g.Group}")).ToList();
        var pathways = string.Join(", ", programmes.Programmes.Select(p => p.Name));
        var workflows = string.Join(", ", rules.Rules.Select(r => r.Workflow).Distinct().Where(w => w != RuleSetLoader.PathwaysWorkflow));
        var auc = test.Scores.Auc.ToString("0.000", c);
        var aucInterval = test.Intervals is { } iv ? $" (95% interval {iv.Auc.Low.ToString("0.000", c)}-{iv.Auc.High.ToString("0.000", c)})" : "";

        var fields = new List<AtrsField>();
        void Known(string r, string key, string name, int tier, string section, string answer) => fields.Add(new(r, key, name, tier, section, answer, false));
        void Council(string r, string key, string name, int tier, string section) => fields.Add(new(r, key, name, tier, section, ToBeCompleted, true));

        const string Header = "Record";
        Known("0.11", "title", "Title", 1, Header, "RiskFlags: early-warning suggestions for preventive family help");
        Council("0.12", "organisation_name", "Organisation", 1, Header);
        Council("0.13", "phase", "Phase (pre-deployment, private beta, public beta, production, retired)", 1, Header);
        Council("0.14", "region", "Region", 1, Header);
        Known("0.15", "one_sentence_description", "One-sentence description", 1, Header,
            "Suggests which families known to children's services and partner agencies to offer preventive programmes (edge of care, Pause, parenting, domestic abuse), with the reasons, for a professional to decide.");

        const string Summary = "Tier 1: Summary Information";
        Known("1.1", "name", "Name", 1, Summary, "RiskFlags");
        Known("1.2", "description", "Description", 1, Summary,
            "RiskFlags reads linked, pseudonymised records from the police, schools, health, substance-misuse services, housing and social care, " +
            $"applies evidence-based rules ({workflows}) and a classifier that estimates the chance a child enters care within a year, and suggests families for {pathways}. " +
            "Every suggestion carries its reasons; a worker accepts, declines or defers it, and managers see demand against commissioned places.");
        Council("1.3", "website_url", "Website (publicly accessible, or N/A)", 1, Summary);
        Council("1.4", "contact_email", "Contact email (a team address)", 1, Summary);

        const string Owner = "Tier 2: Owner and Responsibility";
        Council("2.1.1", "organisation_or_department", "Organisation or department", 2, Owner);
        Council("2.1.2", "team", "Team", 2, Owner);
        Council("2.1.3", "senior_responsible_owner", "Senior responsible owner (a role title, not a name)", 2, Owner);
        Council("2.1.4", "third_party_involvement", "Third party involvement", 2, Owner);
        Council("2.1.4.1", "third_party", "Third party", 2, Owner);
        Council("2.1.4.2", "companies_house_number", "Companies House number", 2, Owner);
        Council("2.1.4.3", "third_party_role", "Third party role", 2, Owner);
        Council("2.1.4.4", "procurement_procedure_type", "Procurement procedure type", 2, Owner);
        Council("2.1.4.5", "third_party_data_access_terms", "Third party data access terms", 2, Owner);

        const string Rationale = "Tier 2: Description and Rationale";
        Known("2.2.1", "detailed_description", "Detailed description (with scope and limits)", 2, Rationale,
            $"{card.IntendedUse} Limits: {string.Join(" ", card.Limits)} It does not apply to unaccompanied asylum-seeking children, who have no family records, " +
            "nor to families with no record in the last two years (outside the cohort).");
        Known("2.2.3", "benefit", "Benefit", 2, Rationale,
            "Preventive programmes reach the families most likely to need them sooner, before care proceedings: the seed report estimates an edge-of-care service for 135.5 families " +
            "prevents about 22 care entries a year and saves about £1.2m net. The capacity view shows where demand exceeds commissioned places and what closing each gap costs and saves.");
        Council("2.2.4", "previous_process", "Previous process", 2, Rationale);
        Known("2.2.5", "alternatives_considered", "Alternatives considered", 2, Rationale,
            $"Each model is compared with the rules alone (AUC {test.Baselines.RulesOnlyAuc.ToString("0.000", c)}) and a logistic regression on the same rows (AUC {test.Baselines.LogisticRegressionAuc.ToString("0.000", c)}); " +
            "the council adds the non-algorithmic alternatives it weighed.");

        const string Deployment = "Tier 2: Deployment Context";
        Known("2.3.1", "integration_into_broader_operational_process", "Integration into broader operational process (degree of automation)", 2, Deployment,
            "Advisory only: RiskFlags suggests; nothing happens to a family without a worker's decision. MASH workers see a family's assessment and reasons; " +
            "early help managers see the flagged cohort, waiting lists, offer lists ranked by expected benefit and the capacity gap.");
        Council("2.3.3", "frequency_and_scale_of_usage", "Frequency and scale of usage", 2, Deployment);
        Known("2.3.4", "human_review", "Human review", 2, Deployment,
            "Every suggestion is accepted, declined (with a reason) or deferred by a named worker; each decision and each read of a family's data is recorded in the audit log. " +
            "A declined suggestion is not made again until the family's data change.");
        Council("2.3.5", "required_training", "Required training (internal users)", 2, Deployment);
        Council("2.3.6", "appeals_and_review", "Appeals and review", 2, Deployment);

        const string Tool = "Tier 2: Tool Specification";
        Known("2.4.1.1", "system_architecture", "System architecture", 2, Tool,
            "A gRPC service (with a JSON API and a web page) over the council's own database (SQLite or PostgreSQL); rules in JSON evaluated by RulesEngine; an ML.NET classifier; a command line for data scientists.");
        Known("2.4.1.2", "system_level_input", "System-level input", 2, Tool, "Linked, pseudonymised records of families, people and events (the data contract), imported or ingested.");
        Known("2.4.1.3", "system_level_output", "System-level output", 2, Tool, "Per family: a calibrated probability of a child entering care within 365 days, its three largest factors, the rules that fired and the programmes suggested with reasons.");
        Known("2.4.1.4", "maintenance", "Maintenance", 2, Tool,
            "riskflags monitor checks each feature's and the score's population stability index against the training data (drift past 0.25 exits 4) and the live model's check is on the service's status; retrain and re-validate on each new extract and after any change in recording practice.");
        Known("2.4.1.5", "models", "Models", 2, Tool, $"{card.Model} ({card.Trainer})");

        const string Model = "Tier 2: Model Specification";
        Known("2.4.2.1", "model_name", "Model name", 2, Model, card.Model);
        Known("2.4.2.2", "model_version", "Model version", 2, Model, card.Version);
        Known("2.4.2.3", "model_task", "Model task", 2, Model, "Binary classification: will a child of this family who is not looked after start to be looked after within 365 days?");
        Known("2.4.2.4", "model_input", "Model input", 2, Model, $"{card.Features.Count} features from the family's records at a date: {string.Join("; ", card.Features.Select(f => f.Description))}.");
        Known("2.4.2.5", "model_output", "Model output", 2, Model, "A calibrated probability, banded low (< 5%), medium or high (>= 20%), with each feature's contribution.");
        Known("2.4.2.6", "model_architecture", "Model architecture", 2, Model,
            $"{card.Trainer}; {string.Join(", ", card.Hyperparameters.Select(h => $"{h.Key.Replace('_', ' ')} {h.Value.ToString(c)}"))}; seed {card.Seed}.");
        Known("2.4.2.7", "model_performance", "Model performance (with subgroups)", 2, Model,
            $"On {test.AsOf} ({test.Scores.N:N0} families, base rate {Pct(test.Scores.BaseRate)}): AUC {auc}{aucInterval}, calibration error {test.Scores.Ece.ToString("0.0000", c)}; {topK}. " +
            (card.OutOfTimeTest?.OracleAuc is { } oracle ? $"Best possible on these data {oracle.ToString("0.000", c)}. " : "") +
            $"Fairness: ratios to the largest group of selection, true and false positive rates and calibration by ethnicity and deprivation decile, with intervals; " +
            (disparities.Count == 0 ? "no readable group outside 0.8-1.25." : $"outside 0.8-1.25 in at least one: {string.Join(", ", disparities)} (see the model card).") );
        Known("2.4.2.8", "datasets_and_their_purposes", "Datasets and their purposes", 2, Model,
            $"{card.Data.Source}: {card.Data.Families:N0} families at {string.Join(", ", card.Data.Snapshots.Select(s => s.AsOf))}; trees on {card.Data.TreeRows:N0} rows, calibration on {card.Data.CalibrationRows:N0}, validation on {card.Data.ValidationRows:N0} ({card.Split}).");

        const string Development = "Tier 2: Development Data";
        Known("2.4.3.1", "source_data_name", "Source data name", 2, Development, card.Data.Source);
        Known("2.4.3.2", "data_modality", "Data modality", 2, Development, "Tabular: dated events per person, grouped by family.");
        Known("2.4.3.3", "data_description", "Data description", 2, Development, "Police (domestic abuse, arrests, missing episodes), schools (suspensions, exclusions, absence), health (A&E, maternity, mental health), substance-misuse treatment, housing (homelessness, evictions), social care (contacts, referrals, plans, care episodes), early help.");
        Known("2.4.3.4", "data_quantities", "Data quantities", 2, Development, string.Join("; ", card.Data.Snapshots.Select(s => $"{s.AsOf}: {s.Rows:N0} families, {s.Positives:N0} with a child entering care")));
        Known("2.4.3.5", "sensitive_attributes", "Sensitive attributes (personal data, protected characteristics, proxies)", 2, Development,
            $"Never features: {string.Join(", ", card.NeverFeatures)} (ethnicity and sex only for the fairness audit). Proxies to watch: mental-health contacts and substance-misuse treatment (disability), deprivation decile (poverty), police contact.");
        Known("2.4.3.6", "data_completeness_and_representativeness", "Data completeness and representativeness", 2, Development,
            "Families known to fewer agencies look safer than they are; the cohort is families with a record in the last two years. Rows that break the contract are rejected at import with file, line and field, and counted.");
        Council("2.4.3.7", "source_data_url", "Source data URL", 2, Development);
        Council("2.4.3.8", "data_collection", "Data collection (and lawful basis)", 2, Development);
        Known("2.4.3.9", "data_cleaning", "Data cleaning", 2, Development, "riskflags import validates every row against the data contract, rejects what breaks it (naming file:line:column) and loads the rest; ids are pseudonymised before they arrive.");
        Council("2.4.3.10", "data_sharing_agreements", "Data sharing agreements", 2, Development);
        Known("2.4.3.11", "data_access_and_storage", "Data access and storage", 2, Development,
            "In the council's own database. Access by role (MASH worker, early help manager, data scientist, admin) with API keys or the council's single sign-on; data scientists see no family views; every read of a family's data is audited. How long it is stored is the council's retention policy (below).");
        Council("2.4.3.11", "retention_period", "Data access and storage: how long it is stored (the council's retention period)", 2, Development);

        const string Risks = "Tier 2: Risks, Mitigations and Impact Assessments";
        Council("2.5.1", "impact_assessment", "Impact assessment (DPIA name, date, findings, link)", 2, Risks);
        Known("2.5.2", "risks_and_mitigations", "Risks and mitigations", 2, Risks,
            "Data: families known to fewer agencies are missed; mitigated by the rules alongside the model and by stating it. Application and use: a score read as evidence; mitigated by advisory use, reasons on every flag and recorded human decisions. " +
            "Efficacy: drift after changes in recording; mitigated by drift checks and retraining. Outputs and decisions: unequal error rates between groups; mitigated by the fairness audit with intervals on every model. " +
            "Organisational and public engagement: the council completes these.");

        var record = new AtrsRecord(fields);
        return councilAnswers is null ? record : record.With(councilAnswers);
    }

    /// <summary>The council's answers put in; an answer for a field the project fills, or an unknown key, is refused.</summary>
    public AtrsRecord With(IReadOnlyDictionary<string, string> answers)
    {
        foreach (var key in answers.Keys)
        {
            var field = Fields.FirstOrDefault(f => f.Key == key)
                ?? throw new AtrsAnswersException($"'{key}' is not a field of the ATRS record (the council's fields: {string.Join(", ", Fields.Where(f => f.CouncilAnswers).Select(f => f.Key))})");
            if (!field.CouncilAnswers)
            {
                throw new AtrsAnswersException($"'{key}' is filled from the model card and the rules, not by the council");
            }
        }

        return new AtrsRecord([.. Fields.Select(f => f.CouncilAnswers && answers.TryGetValue(f.Key, out var a) && !string.IsNullOrWhiteSpace(a) ? f with { Answer = a.Trim() } : f)]);
    }

    /// <summary>The council's answers from a JSON object of field key to answer.</summary>
    /// <exception cref="AtrsAnswersException">The file is not such an object; the message names the file and line.</exception>
    public static IReadOnlyDictionary<string, string> ReadAnswers(string path)
    {
        try
        {
            var answers = JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(path), AnswersJson);
            return answers ?? throw new AtrsAnswersException($"{path}: empty; give a JSON object of field key to answer");
        }
        catch (JsonException e)
        {
            throw new AtrsAnswersException($"{path}:{(e.LineNumber ?? 0) + 1}:{(e.BytePositionInLine ?? 0) + 1}: not a JSON object of field key to answer (each answer a string): {e.Message.Split(". Path")[0]}");
        }
    }

    /// <summary>The record as JSON: the header, tier 1 and tier 2 by section, keyed by attribute, and the fields still to be completed.</summary>
    public string ToJson()
    {
        var root = new JsonObject { ["standard"] = "Algorithmic Transparency Recording Standard", ["atrs_version"] = Version };
        foreach (var f in Fields.Where(f => f.Section == "Record"))
        {
            root[f.Key] = f.Answer;
        }

        var tier1 = new JsonObject();
        foreach (var f in Fields.Where(f => f.Tier == 1 && f.Section != "Record"))
        {
            tier1[f.Key] = f.Answer;
        }

        var tier2 = new JsonObject();
        foreach (var section in Fields.Where(f => f.Tier == 2).GroupBy(f => f.Section))
        {
            var fields = new JsonObject();
            foreach (var f in section)
            {
                fields[f.Key] = f.Answer;
            }

            tier2[section.Key.Replace("Tier 2: ", "", StringComparison.Ordinal)] = fields;
        }

        root["tier_1"] = tier1;
        root["tier_2"] = tier2;
        root["to_be_completed"] = new JsonArray([.. Missing.Select(f => (JsonNode)JsonValue.Create(f.Key)!)]);
        return root.ToJsonString(Indented) + "\n";
    }

    /// <summary>The record laid out like a published one: a section per sheet, each field with its reference and answer.</summary>
    public string ToMarkdown()
    {
        var md = new StringBuilder();
        md.Append("# Algorithmic transparency record: ").Append(Fields.First(f => f.Key == "title").Answer).Append("\n\n");
        var missing = Missing.Count();
        md.Append(missing == 0
            ? $"ATRS version {Version}. Every field is completed.\n"
            : $"ATRS version {Version}. {missing} fields marked **{ToBeCompleted}** are the council's to answer (`riskflags card --atrs --council FILE`); `--check` lists them.\n");
        foreach (var section in Fields.GroupBy(f => f.Section))
        {
            md.Append("\n## ").Append(section.Key).Append("\n\n| ref | field | answer |\n|---|---|---|\n");
            foreach (var f in section)
            {
                var answer = f.Completed ? f.Answer.Replace("|", "\\|", StringComparison.Ordinal) : $"**{ToBeCompleted}**";
                md.Append($"| {f.Ref} | {f.Name} (`{f.Key}`) | {answer} |\n");
            }
        }

        return md.ToString();
    }
}
