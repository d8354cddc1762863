using System.Collections.Frozen;
using RiskFlags.Core.Capacity;
using RiskFlags.Core.Assessment;
using RiskFlags.Core.Facts;
using RulesEngine.Models;

namespace RiskFlags.Core.Rules;

/// <summary>
/// A loaded, fully compiled rule set. Two ways to evaluate it with the same result: through the
/// shared RulesEngine instance (<see cref="EvaluateWithEngineAsync"/>, used for single assessments)
/// and through delegates compiled once per rule (<see cref="Evaluate(FamilyFacts, RuleHits)"/>, used
/// for cohorts). Immutable and safe to share between threads.
/// </summary>
public sealed class RuleSet
{
    private readonly IReadOnlyList<CompiledRule> compiled;
    private readonly int evidenceCount;
    private readonly FrozenDictionary<string, int> indexOf;
    private readonly RulesEngine.RulesEngine engine;
    private readonly string[] evidenceWorkflows;
    private readonly bool hasPathways;

    internal RuleSet(string directory, string version, IReadOnlyList<RuleDefinition> rules, IReadOnlyList<CompiledRule> compiled, Workflow[] workflows, ReSettings settings, ProgrammeCatalogue programmes)
    {
        Programmes = programmes;
        Directory = directory;
        Version = version;
        Rules = rules;
        this.compiled = compiled;
        evidenceCount = rules.Count(r => r.Kind is RuleKind.Evidence);
        indexOf = rules.ToFrozenDictionary(r => r.Name, r => r.Index, StringComparer.Ordinal);
        engine = new RulesEngine.RulesEngine(workflows, settings);
        evidenceWorkflows = [.. workflows.Select(w => w.WorkflowName).Where(n => n != RuleSetLoader.PathwaysWorkflow)];
        hasPathways = workflows.Any(w => w.WorkflowName == RuleSetLoader.PathwaysWorkflow);
    }

    public string Directory { get; }

    /// <summary>The folder's programmes.json: the programme catalogue's shipped defaults, checked with the rules.</summary>
    public ProgrammeCatalogue Programmes { get; }

    /// <summary>A hash of the rule files' names and contents: every assessment records it.</summary>
    public string Version { get; }

    /// <summary>The Pathways workflow's numeric params named ...Risk: the predicted risks at which rules suggest a programme.</summary>
    public IReadOnlyDictionary<string, double> RiskThresholds { get; init; } = new Dictionary<string, double>();

    /// <summary>Every enabled rule: evidence rules first, then pathway rules.</summary>
    public IReadOnlyList<RuleDefinition> Rules { get; }

    public RuleDefinition? Find(string name) => indexOf.TryGetValue(name, out var index) ? Rules[index] : null;

    public RuleHits CreateHits() => new(indexOf);

    /// <summary>The compiled path: evaluates every rule into <paramref name="hits"/> (cleared first). No allocation.</summary>
    /// <exception cref="RuleEvaluationException">A rule threw.</exception>
    public void Evaluate(ScoredFacts scored, RuleHits hits)
    {
        var facts = scored.Facts;
        hits.Clear();
        for (var i = 0; i < compiled.Count; i++)
        {
            bool fired;
            try
            {
                fired = compiled[i].Test(facts, hits);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                throw new RuleEvaluationException(compiled[i].Definition.Name, facts.FamilyId, e);
            }

            if (fired)
            {
                hits.Set(i);
            }
        }
    }

    public RuleHits Evaluate(ScoredFacts scored)
    {
        var hits = CreateHits();
        Evaluate(scored, hits);
        return hits;
    }

    /// <summary>The engine path: the evidence workflows, then Pathways with what they found as <c>evidence</c>.</summary>
    /// <exception cref="RuleEvaluationException">A rule threw.</exception>
    public async Task<RuleHits> EvaluateWithEngineAsync(ScoredFacts scored, CancellationToken cancellationToken = default)
    {
        var facts = scored.Facts;
        var hits = CreateHits();
        var inputs = new[] { RuleParameter.Create("facts", facts), RuleParameter.Create("evidence", hits) };
        foreach (var workflow in evidenceWorkflows)
        {
            Record(await engine.ExecuteAllRulesAsync(workflow, inputs, cancellationToken), facts, hits);
        }

        if (hasPathways)
        {
            Record(await engine.ExecuteAllRulesAsync(RuleSetLoader.PathwaysWorkflow, inputs, cancellationToken), facts, hits);
        }

        return hits;
    }

    /// <summary>
    /// What fired, in rule-set order, each with its reason for this family. A reason that cannot be
    /// written (the load-time checks make this rare) does not take the assessment down: the rule still
    /// counts, its reason says it could not be written, and <see cref="FiredRule.ReasonError"/> says why.
    /// </summary>
    public IReadOnlyList<FiredRule> Describe(ScoredFacts scored, RuleHits hits)
    {
        var facts = scored.Facts;
        var fired = new List<FiredRule>();
        foreach (var index in hits.Indexes())
        {
            var rule = compiled[index];
            var d = rule.Definition;
            string reason;
            string? error = null;
            try
            {
                reason = rule.Reason(facts, hits);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                error = e.Message;
                reason = $"{d.Name} fired (its reason could not be written for this family: {Contract.ContractFields.Shorten(e.Message, 120)})";
            }

            fired.Add(new FiredRule(d.Name, d.Kind, d.Pathway, d.Programme, d.Severity, reason, d.Evidence, d.Source) { ReasonError = error });
        }

        return fired;
    }

    /// <summary>The number of evidence rules; pathway rules follow them in <see cref="Rules"/>.</summary>
    public int EvidenceRuleCount => evidenceCount;

    private void Record(List<RuleResultTree> results, FamilyFacts facts, RuleHits hits)
    {
        foreach (var result in results)
        {
            if (!string.IsNullOrEmpty(result.ExceptionMessage))
            {
                throw new RuleEvaluationException(result.Rule.RuleName, facts.FamilyId, null, result.ExceptionMessage);
            }

            if (result.IsSuccess && indexOf.TryGetValue(result.Rule.RuleName, out var index))
            {
                hits.Set(index);
            }
        }
    }

    /// <summary>Families checked on both paths at load; the compiled path alone checks all <see cref="EdgeCaseFacts"/>.</summary>
    private const int EngineChecks = 60;

    /// <summary>
    /// Runs the set on <see cref="EdgeCaseFacts"/> before it is used: every test, every reason of a rule
    /// that fires, and the engine against the compiled path. RulesEngine compiles a workflow on its
    /// first execution, so this also moves that cost, and any error it finds, to load time.
    /// </summary>
    internal IReadOnlyList<RuleProblem> CheckOnEdgeCases()
    {
        var problems = new Dictionary<string, RuleProblem>(StringComparer.Ordinal);
        void Problem(RuleDefinition rule, string message) => problems.TryAdd(rule.Name, new RuleProblem(rule.File, rule.Name, message));
        var hits = CreateHits();
        var engineChecks = 0;
        foreach (var facts in EdgeCaseFacts.All())
        {
            var scored = ScoredFacts.AsGiven(facts);
            try
            {
                Evaluate(scored, hits);
            }
            catch (RuleEvaluationException e)
            {
                Problem(Find(e.Rule)!, $"its expression fails on {Describe(facts)}: {e.InnerException?.Message ?? e.Message}");
                continue;
            }

            foreach (var index in hits.Indexes())
            {
                var rule = compiled[index];
                try
                {
                    _ = rule.Reason(facts, hits);
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    Problem(rule.Definition, $"its reason fails when the rule fires for {Describe(facts, rule.Definition.ReasonTemplate)}: {e.Message} (test for null, e.g. {{facts.MotherAge ?? 0}}, or write the reason without that fact)");
                }
            }

            if (engineChecks++ < EngineChecks)
            {
                RuleHits engine;
                try
                {
                    engine = EvaluateWithEngineAsync(scored).GetAwaiter().GetResult();
                }
                catch (RuleEvaluationException e)
                {
                    Problem(Find(e.Rule)!, $"fails in RulesEngine on {Describe(facts)}: {e.Message}");
                    continue;
                }

                foreach (var index in engine.Indexes().Concat(hits.Indexes()).Distinct().Where(i => engine.Has(i) != hits.Has(i)))
                {
                    Problem(Rules[index], $"RulesEngine and the compiled rules disagree on {Describe(facts)}");
                }
            }
        }

        return [.. problems.Values];
    }

    /// <summary>"a family with MotherAge unknown": the facts a reason reads that the family does not have.</summary>
    private static string Describe(FamilyFacts facts, string? template = null)
    {
        var unknown = template is null ? [] : System.Text.RegularExpressions.Regex.Matches(template, @"facts\.(\w+)")
            .Select(m => m.Groups[1].Value).Distinct()
            .Where(name => typeof(FamilyFacts).GetProperty(name) is { } p && p.GetValue(facts) is null)
            .ToList();
        return unknown.Count > 0
            ? $"a family with {string.Join(", ", unknown)} unknown"
            : facts.FamilyId switch
            {
                "edge-empty" => "a family with no records",
                "edge-unknown" => "a family whose facts are all unknown or zero",
                "edge-largest" => "a family whose facts are all at their largest",
                _ => $"the edge-case family {facts.FamilyId}",
            };
    }
}
