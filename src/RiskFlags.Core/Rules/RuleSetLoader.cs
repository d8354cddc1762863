using System.Collections.Frozen;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using RiskFlags.Core.Capacity;
using RiskFlags.Core.Facts;
using RiskFlags.Core.Hosting;
using RulesEngine.ExpressionBuilders;
using RulesEngine.Models;

namespace RiskFlags.Core.Rules;

/// <summary>
/// Loads a folder of RulesEngine workflow files strictly, whole or not at all. RulesEngine itself
/// drops unknown JSON keys and compiles lazily; here an unknown or misspelt key, a missing
/// RuleName or Expression, a wrong Operator, a missing Property, or an expression, param or reason
/// that does not compile against FamilyFacts is an error naming the file and the rule, and every
/// expression is compiled before the set is returned.
/// </summary>
public static class RuleSetLoader
{
    /// <summary>The workflow whose rules suggest programmes; it alone may read <c>evidence</c>.</summary>
    public const string PathwaysWorkflow = "Pathways";

    /// <summary>JSON files in the rules folder that are not workflows.</summary>
    public static readonly IReadOnlySet<string> NotWorkflows = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { ProgrammeCatalogue.FileName, Forecast.ForecastCatalogue.FileName };

    /// <summary>
    /// The workflows every rule set needs: the five families of evidence (product.md) and Pathways,
    /// without which no programme is ever suggested. A set missing one is refused, not run quietly.
    /// </summary>
    public static readonly IReadOnlyList<string> RequiredWorkflows =
        ["DomesticAbuse", "SubstanceMisuse", "PriorRemovals", "MothersAge", "SchoolExclusion", PathwaysWorkflow];

    private static readonly JsonDocumentOptions JsonOptions = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };
    private static readonly string[] WorkflowKeys = ["WorkflowName", "GlobalParams", "Rules", "RuleExpressionType"];
    private static readonly string[] RuleKeys = ["RuleName", "Expression", "Operator", "Rules", "LocalParams", "Properties", "Enabled", "ErrorMessage", "SuccessEvent", "RuleExpressionType"];
    private static readonly string[] ParamKeys = ["Name", "Expression"];
    private static readonly string[] PropertyKeys = ["pathway", "programme", "severity", "evidence", "source", "reason"];
    private static readonly string[] Operators = ["And", "AndAlso", "Or", "OrElse"];

    /// <summary>The settings shared by the engine and the compiled path, so an expression means the same to both.</summary>
    internal static ReSettings Settings() => new()
    {
        CustomTypes = [typeof(RuleHits), typeof(FamilyFacts)],
        EnableExceptionAsErrorMessage = true,
    };

    /// <exception cref="RuleSetException">The folder, a file or a rule is invalid; every problem found is listed.</exception>
    public static RuleSet Load(string directory)
    {
        var problems = new List<RuleProblem>();
        var folder = Path.GetFileName(Path.TrimEndingDirectorySeparator(directory));
        if (!Directory.Exists(directory))
        {
            throw new RuleSetException([new RuleProblem(folder, null, $"rules folder not found at {Path.GetFullPath(directory)}")]);
        }

        var files = Directory.GetFiles(directory, "*.json")
            .Where(f => !NotWorkflows.Contains(Path.GetFileName(f)))
            .Order(StringComparer.Ordinal)
            .ToList();
        if (files.Count == 0)
        {
            throw new RuleSetException([new RuleProblem(folder, null, "no workflow files (*.json)")]);
        }

        var drafts = new List<WorkflowDraft>();
        var unreadable = 0;
        var hash = SHA256.Create();
        foreach (var path in files)
        {
            var name = Path.GetFileName(path);
            byte[] bytes;
            try
            {
                bytes = BoundedFile.Read(path, MaximumFileBytes);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                problems.Add(new RuleProblem(name, null, $"cannot be read: {e.Message}"));
                unreadable++;
                continue;
            }

            hash.TransformBlock(Encoding.UTF8.GetBytes(name + "\0"), 0, name.Length + 1, null, 0);
            hash.TransformBlock(bytes, 0, bytes.Length, null, 0);
            var before = problems.Count;
            var read = ReadFile(name, bytes, problems);
            unreadable += read.Count == 0 && problems.Count > before ? 1 : 0;
            drafts.AddRange(read);
        }

        hash.TransformFinalBlock([], 0, 0);
        CheckNames(drafts, problems);
        CheckRequiredWorkflows(folder, drafts, unreadable, problems);
        var catalogue = LoadCatalogue(directory, problems);
        if (catalogue is not null && unreadable == 0)
        {
            CheckEveryProgrammeIsSuggested(drafts, catalogue, problems);
        }

        var rules = Index(drafts);
        // Compile what could be read even when something else is wrong, so one run reports every problem;
        // but Pathways rules name evidence rules, which an unreadable file may hold, so they wait for a clean read.
        var set = Compile(drafts, unreadable == 0 ? rules : [.. rules.Where(r => r.Definition.Kind is RuleKind.Evidence)], problems);
        if (set is null || problems.Count > 0)
        {
            throw new RuleSetException(problems);
        }

        var version = Convert.ToHexStringLower(hash.Hash!)[..12];
        var thresholds = drafts.Where(w => w.Name == PathwaysWorkflow)
            .SelectMany(w => w.GlobalParams)
            .Where(p => p.Name.EndsWith("Risk", StringComparison.Ordinal)
                && double.TryParse(p.Expression, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var v) && v is > 0 and < 1)
            .ToDictionary(p => p.Name, p => double.Parse(p.Expression, System.Globalization.CultureInfo.InvariantCulture), StringComparer.Ordinal);
        var ruleSet = new RuleSet(Path.GetFullPath(directory), version, set.Value.Definitions, set.Value.Compiled, set.Value.Workflows, Settings(), catalogue!) { RiskThresholds = thresholds };
        var failures = ruleSet.CheckOnEdgeCases();
        return failures.Count > 0 ? throw new RuleSetException(failures) : ruleSet;
    }

    // Reading ------------------------------------------------------------------------------------

    /// <summary>The largest rule file read: the shipped ones are a few kilobytes.</summary>
    public const int MaximumFileBytes = 4 << 20;


    private static List<WorkflowDraft> ReadFile(string file, byte[] bytes, List<RuleProblem> problems)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes, JsonOptions);
        }
        catch (JsonException e)
        {
            problems.Add(new RuleProblem(file, null, $"invalid JSON at line {e.LineNumber + 1}, column {e.BytePositionInLine + 1}: {FirstSentence(e.Message)}"));
            return [];
        }

        using (document)
        {
            var root = document.RootElement;
            var items = root.ValueKind switch
            {
                JsonValueKind.Array => root.EnumerateArray().ToList(),
                JsonValueKind.Object => [root],
                _ => [],
            };
            if (items.Count == 0)
            {
                problems.Add(new RuleProblem(file, null, "expected a workflow object or an array of workflows"));
            }

            return items.Select(item => ReadWorkflow(file, item, problems)).Where(w => w is not null).Select(w => w!).ToList();
        }
    }

    private static WorkflowDraft? ReadWorkflow(string file, JsonElement json, List<RuleProblem> problems)
    {
        if (json.ValueKind != JsonValueKind.Object)
        {
            problems.Add(new RuleProblem(file, null, "a workflow must be a JSON object"));
            return null;
        }

        var name = String(json, "WorkflowName");
        void Problem(string message) => problems.Add(new RuleProblem(file, null, name is null ? message : $"workflow {name}: {message}"));
        UnknownKeys(json, WorkflowKeys, "workflow", Problem);
        if (string.IsNullOrWhiteSpace(name))
        {
            Problem("WorkflowName is missing");
            return null;
        }

        var globals = ReadParams(json, "GlobalParams", Problem);
        var rules = new List<RuleDraft>();
        if (Get(json, "Rules") is not { ValueKind: JsonValueKind.Array } array || array.GetArrayLength() == 0)
        {
            Problem("Rules is missing or empty");
        }
        else
        {
            rules.AddRange(array.EnumerateArray().Select((r, i) => ReadRule(file, r, i, topLevel: true, problems)).OfType<RuleDraft>());
        }

        CheckExpressionType(json, Problem);
        return new WorkflowDraft(file, name, globals, rules);
    }

    private static RuleDraft? ReadRule(string file, JsonElement json, int position, bool topLevel, List<RuleProblem> problems)
    {
        if (json.ValueKind != JsonValueKind.Object)
        {
            problems.Add(new RuleProblem(file, $"#{position + 1}", "a rule must be a JSON object"));
            return null;
        }

        var name = String(json, "RuleName");
        var label = string.IsNullOrWhiteSpace(name) ? $"rule #{position + 1}" : name;
        void Problem(string message) => problems.Add(new RuleProblem(file, label, message));
        UnknownKeys(json, RuleKeys, "rule", Problem);
        if (string.IsNullOrWhiteSpace(name))
        {
            Problem("RuleName is missing");
        }

        var expression = String(json, "Expression");
        var op = String(json, "Operator");
        var children = new List<RuleDraft>();
        if (Get(json, "Rules") is { ValueKind: JsonValueKind.Array } nested)
        {
            children.AddRange(nested.EnumerateArray().Select((r, i) => ReadRule(file, r, i, topLevel: false, problems)).OfType<RuleDraft>());
        }

        if (children.Count > 0)
        {
            if (op is null || !Operators.Contains(op, StringComparer.Ordinal))
            {
                Problem($"Operator '{op}' is not one of {string.Join(", ", Operators)} (it combines the nested Rules)");
            }

            if (expression is not null)
            {
                Problem("a rule has either an Expression or nested Rules with an Operator, not both");
            }
        }
        else
        {
            if (op is not null)
            {
                Problem($"Operator '{op}' needs nested Rules to combine");
            }

            if (string.IsNullOrWhiteSpace(expression))
            {
                Problem("Expression is missing");
            }
        }

        var enabled = Get(json, "Enabled") is not { } e || e.ValueKind != JsonValueKind.False;
        var properties = topLevel ? ReadProperties(json, Problem) : null;
        if (!topLevel && Get(json, "Properties") is not null)
        {
            Problem("Properties belong on the top-level rule, not a nested one");
        }

        CheckExpressionType(json, Problem);
        return new RuleDraft(file, label, expression, op, children, ReadParams(json, "LocalParams", Problem), properties, enabled);
    }

    private static Dictionary<string, string>? ReadProperties(JsonElement json, Action<string> problem)
    {
        if (Get(json, "Properties") is not { ValueKind: JsonValueKind.Object } properties)
        {
            problem("Properties are missing (every rule needs pathway, severity, evidence, source and reason)");
            return null;
        }

        UnknownKeys(properties, PropertyKeys, "property", problem);
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var p in properties.EnumerateObject())
        {
            if (p.Value.ValueKind == JsonValueKind.String)
            {
                values[p.Name] = p.Value.GetString()!;
            }
            else
            {
                problem($"property '{p.Name}' must be a string");
            }
        }

        return values;
    }

    private static List<ScopedParam> ReadParams(JsonElement json, string key, Action<string> problem)
    {
        var list = new List<ScopedParam>();
        if (Get(json, key) is not { } array)
        {
            return list;
        }

        if (array.ValueKind != JsonValueKind.Array)
        {
            problem($"{key} must be an array of {{ \"Name\", \"Expression\" }}");
            return list;
        }

        foreach (var item in array.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object)
            {
                problem($"{key}: each param must be an object");
                continue;
            }

            UnknownKeys(item, ParamKeys, $"{key} param", problem);
            list.Add(new ScopedParam { Name = String(item, "Name"), Expression = String(item, "Expression") });
        }

        return list;
    }

    private static void CheckExpressionType(JsonElement json, Action<string> problem)
    {
        if (String(json, "RuleExpressionType") is { } type && type != "LambdaExpression")
        {
            problem($"RuleExpressionType '{type}' is not supported (only LambdaExpression)");
        }
    }

    private static void UnknownKeys(JsonElement json, string[] known, string what, Action<string> problem)
    {
        foreach (var p in json.EnumerateObject())
        {
            if (!known.Contains(p.Name, StringComparer.OrdinalIgnoreCase))
            {
                var hint = p.Name is "WorkflowsToInject" or "WorkflowRulesToInject"
                    ? " (not used: in RulesEngine 6.0.1 its cache grows on every execution)"
                    : p.Name == "Actions" ? " (not used: a rule's reason comes from Properties.reason)" : Closest(p.Name, known) is { } near ? $" (did you mean '{near}'?)" : "";
                problem($"unknown {what} key '{p.Name}'{hint}; expected one of {string.Join(", ", known)}");
            }
        }
    }

    private static string? Closest(string key, string[] known) =>
        known.Select(k => (Key: k, Distance: Distance(key.ToLowerInvariant(), k.ToLowerInvariant())))
             .Where(k => k.Distance <= 2)
             .OrderBy(k => k.Distance)
             .Select(k => k.Key)
             .FirstOrDefault();

    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }

    private static JsonElement? Get(JsonElement json, string key)
    {
        foreach (var p in json.EnumerateObject())
        {
            if (string.Equals(p.Name, key, StringComparison.OrdinalIgnoreCase))
            {
                return p.Value;
            }
        }

        return null;
    }

    private static string? String(JsonElement json, string key) =>
        Get(json, key) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;

    private static string FirstSentence(string message) => message.Split(" Path:", 2)[0].Split(" LineNumber:", 2)[0].Trim();

    // Checking and compiling --------------------------------------------------------------------

    private static void CheckRequiredWorkflows(string folder, List<WorkflowDraft> drafts, int unreadable, List<RuleProblem> problems)
    {
        if (unreadable > 0)
        {
            return; // An unreadable file may hold the workflow; its own problem says so.
        }

        foreach (var missing in RequiredWorkflows.Where(w => !drafts.Any(d => d.Name == w)))
        {
            problems.Add(new RuleProblem(folder, null,
                $"workflow {missing} is missing: every rule set needs {string.Join(", ", RequiredWorkflows)}" +
                (missing == PathwaysWorkflow ? " (without Pathways no programme is ever suggested)" : "")));
        }
    }

    /// <summary>programmes.json beside the workflows: the catalogue's defaults, checked with the rules so a broken one is found by rules check.</summary>
    private static ProgrammeCatalogue? LoadCatalogue(string directory, List<RuleProblem> problems)
    {
        try
        {
            return ProgrammeCatalogue.Load(Path.Combine(directory, ProgrammeCatalogue.FileName));
        }
        catch (CatalogueException e)
        {
            problems.AddRange(e.Problems.Select(p => new RuleProblem(ProgrammeCatalogue.FileName, p.Programme ?? (p.Field is null ? null : "costModel"),
                p.JsonField is null ? p.Message : $"{p.JsonField}: {p.Message}")));
            return null;
        }
    }

    private static void CheckEveryProgrammeIsSuggested(List<WorkflowDraft> drafts, ProgrammeCatalogue catalogue, List<RuleProblem> problems)
    {
        var suggested = drafts.Where(w => w.Name == PathwaysWorkflow)
            .SelectMany(w => w.Rules)
            .Where(r => r.Enabled && r.Properties is not null && r.Properties.TryGetValue("programme", out _))
            .Select(r => r.Properties!["programme"])
            .ToHashSet(StringComparer.Ordinal);
        foreach (var programme in catalogue.Programmes.Where(p => !suggested.Contains(p.Id)))
        {
            problems.Add(new RuleProblem(ProgrammeCatalogue.FileName, programme.Id,
                $"no enabled {PathwaysWorkflow} rule suggests {programme.Id}: no family would ever be offered it, and its demand would read as zero"));
        }
    }

    private static void CheckNames(List<WorkflowDraft> drafts, List<RuleProblem> problems)
    {
        foreach (var duplicate in drafts.GroupBy(w => w.Name, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            problems.Add(new RuleProblem(duplicate.Last().File, null, $"workflow {duplicate.Key} is also defined in {duplicate.First().File}"));
        }

        foreach (var duplicate in drafts.SelectMany(w => w.Rules).GroupBy(r => r.Name, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            problems.Add(new RuleProblem(duplicate.Last().File, duplicate.Key, $"rule name is also used in {duplicate.First().File}"));
        }

        foreach (var workflow in drafts)
        {
            foreach (var rule in workflow.Rules.Where(r => r.Properties is not null))
            {
                CheckProperties(workflow, rule, problems);
            }
        }
    }

    private static void CheckProperties(WorkflowDraft workflow, RuleDraft rule, List<RuleProblem> problems)
    {
        void Problem(string message) => problems.Add(new RuleProblem(rule.File, rule.Name, message));
        var p = rule.Properties!;
        foreach (var required in new[] { "pathway", "severity", "evidence", "source", "reason" })
        {
            if (!p.TryGetValue(required, out var value) || string.IsNullOrWhiteSpace(value))
            {
                Problem($"property '{required}' is missing");
            }
        }

        if (p.TryGetValue("pathway", out var pathway) && !RuleVocabulary.Pathways.Contains(pathway))
        {
            Problem($"pathway '{pathway}' is not one of {string.Join(", ", RuleVocabulary.Pathways)}");
        }

        if (p.TryGetValue("programme", out var programme) && !RuleVocabulary.Programmes.Contains(programme))
        {
            Problem($"programme '{programme}' is not one of {string.Join(", ", RuleVocabulary.Programmes)}");
        }

        if (workflow.Name == PathwaysWorkflow && string.IsNullOrWhiteSpace(programme))
        {
            Problem("property 'programme' is missing: a Pathways rule suggests a programme");
        }

        if (p.TryGetValue("severity", out var severity) && !RuleVocabulary.Severities.Contains(severity))
        {
            Problem($"severity '{severity}' is not one of {string.Join(", ", RuleVocabulary.Severities)}");
        }
    }

    /// <summary>Evidence rules first, then pathway rules, each in file order.</summary>
    private static List<(WorkflowDraft Workflow, RuleDraft Rule, RuleDefinition Definition)> Index(List<WorkflowDraft> drafts)
    {
        var ordered = drafts.Where(w => w.Name != PathwaysWorkflow).Concat(drafts.Where(w => w.Name == PathwaysWorkflow));
        var list = new List<(WorkflowDraft, RuleDraft, RuleDefinition)>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var workflow in ordered)
        {
            // A second rule of the same name is already a problem (CheckNames); indexing it too would make the set ambiguous.
            foreach (var rule in workflow.Rules.Where(r => r.Enabled && r.Properties is not null && names.Add(r.Name)))
            {
                var p = rule.Properties!;
                list.Add((workflow, rule, new RuleDefinition(
                    list.Count, rule.File, workflow.Name, rule.Name,
                    workflow.Name == PathwaysWorkflow ? RuleKind.Pathway : RuleKind.Evidence,
                    p.GetValueOrDefault("pathway", ""), p.GetValueOrDefault("programme"), p.GetValueOrDefault("severity", ""),
                    p.GetValueOrDefault("evidence", ""), p.GetValueOrDefault("source", ""), p.GetValueOrDefault("reason", ""))));
            }
        }

        return list;
    }

    private static (IReadOnlyList<RuleDefinition> Definitions, IReadOnlyList<CompiledRule> Compiled, Workflow[] Workflows)? Compile(
        List<WorkflowDraft> drafts, List<(WorkflowDraft Workflow, RuleDraft Rule, RuleDefinition Definition)> rules, List<RuleProblem> problems)
    {
        var parser = new RuleExpressionParser(Settings());
        var evidence = rules.Where(r => r.Definition.Kind is RuleKind.Evidence)
            .ToFrozenDictionary(r => r.Definition.Name, r => r.Definition.Index, StringComparer.Ordinal);
        var scopes = new Dictionary<string, RuleScope>(StringComparer.Ordinal);
        foreach (var workflow in drafts)
        {
            try
            {
                scopes[workflow.Name] = new RuleScope(parser, workflow.Name == PathwaysWorkflow, evidence).With(workflow.GlobalParams);
            }
            catch (RuleCompileException e)
            {
                problems.Add(new RuleProblem(workflow.File, null, $"workflow {workflow.Name}: GlobalParams: {e.Message}"));
            }
        }

        var compiled = new List<CompiledRule>();
        foreach (var (workflow, rule, definition) in rules)
        {
            if (!scopes.TryGetValue(workflow.Name, out var scope))
            {
                continue;
            }

            if (rule.Expression is null && rule.Children.Count == 0)
            {
                continue;
            }

            try
            {
                var ruleScope = scope.With(rule.LocalParams);
                var test = CompileTest(rule, ruleScope);
                var reason = ReasonTemplate.Compile(definition.ReasonTemplate, ruleScope);
                compiled.Add(new CompiledRule(definition, ruleScope.Compile<bool>(test), reason));
            }
            catch (RuleCompileException e)
            {
                problems.Add(new RuleProblem(rule.File, rule.Name, e.Message));
            }
        }

        var workflows = drafts.Select(ToWorkflow).ToArray();
        return problems.Count == 0 ? (rules.Select(r => r.Definition).ToList(), compiled, workflows) : null;
    }

    /// <summary>The rule's test as one boolean expression: its Expression, or its nested rules joined by its Operator.</summary>
    private static System.Linq.Expressions.Expression CompileTest(RuleDraft rule, RuleScope scope)
    {
        if (rule.Children.Count == 0)
        {
            return scope.Parse(rule.Expression!, typeof(bool), "Expression");
        }

        var parts = rule.Children.Where(c => c.Enabled).Select(child =>
        {
            var inner = scope.With(child.LocalParams);
            return inner.Enclose(CompileTest(child, inner), scope);
        }).ToList();
        var and = rule.Operator is "And" or "AndAlso";
        return parts.Count == 0
            ? System.Linq.Expressions.Expression.Constant(and)
            : parts.Aggregate((left, right) => and
                ? System.Linq.Expressions.Expression.AndAlso(left, right)
                : System.Linq.Expressions.Expression.OrElse(left, right));
    }

    private static Workflow ToWorkflow(WorkflowDraft draft) => new()
    {
        WorkflowName = draft.Name,
        GlobalParams = draft.GlobalParams,
        Rules = draft.Rules.Select(ToRule).ToList(),
    };

    private static Rule ToRule(RuleDraft draft) => new()
    {
        RuleName = draft.Name,
        Expression = draft.Expression,
        Operator = draft.Operator,
        Enabled = draft.Enabled,
        RuleExpressionType = RuleExpressionType.LambdaExpression,
        LocalParams = draft.LocalParams,
        Rules = draft.Children.Count == 0 ? null : draft.Children.Select(ToRule).ToList(),
        Properties = draft.Properties?.ToDictionary(p => p.Key, p => (object)p.Value),
    };

    private sealed record WorkflowDraft(string File, string Name, List<ScopedParam> GlobalParams, List<RuleDraft> Rules);

    private sealed record RuleDraft(
        string File, string Name, string? Expression, string? Operator, List<RuleDraft> Children,
        List<ScopedParam> LocalParams, Dictionary<string, string>? Properties, bool Enabled);
}
