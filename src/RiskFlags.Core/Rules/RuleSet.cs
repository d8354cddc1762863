using System.Collections.Frozen;
using RiskFlags.Core.Facts;
using RulesEngine.Models;

namespace RiskFlags.Core.Rules;

/// <summary>
/// A loaded, fully compiled rule set. Two ways to evaluate it with the same result: through the
/// shared RulesEngine instance (<see cref="EvaluateWithEngineAsync"/>, used for single assessments)
/// and through delegates compiled once per rule (<see cref="Evaluate(FamilyFacts, FiredRules)"/>, used
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

    internal RuleSet(string directory, string version, IReadOnlyList<RuleDefinition> rules, IReadOnlyList<CompiledRule> compiled, Workflow[] workflows, ReSettings settings)
    {
        Directory = directory;
        Version = version;
        Rules = rules;
        this.compiled = compiled;
        evidenceCount = rules.Count(r => r.Kind is RuleKind.Evidence);
        indexOf = rules.ToFrozenDictionary(r => r.Name, r => r.Index, StringComparer.Ordinal);
        engine = new RulesEngine.RulesEngine(workflows, settings);
        evidenceWorkflows = [.. workflows.Select(w => w.WorkflowName).Where(n => n != RuleSetLoader.PathwaysWorkflow)];
        hasPathways = workflows.Any(w => w.WorkflowName == RuleSetLoader.PathwaysWorkflow);
        WarmUp();
    }

    public string Directory { get; }

    /// <summary>A hash of the rule files' names and contents: every assessment records it.</summary>
    public string Version { get; }

    /// <summary>The Pathways workflow's numeric params named ...Risk: the predicted risks at which rules suggest a programme.</summary>
    public IReadOnlyDictionary<string, double> RiskThresholds { get; init; } = new Dictionary<string, double>();

    /// <summary>Every enabled rule: evidence rules first, then pathway rules.</summary>
    public IReadOnlyList<RuleDefinition> Rules { get; }

    public RuleDefinition? Find(string name) => indexOf.TryGetValue(name, out var index) ? Rules[index] : null;

    public FiredRules NewHits() => new(indexOf);

    /// <summary>The compiled path: evaluates every rule into <paramref name="hits"/> (cleared first). No allocation.</summary>
    /// <exception cref="RuleEvaluationException">A rule threw.</exception>
    public void Evaluate(FamilyFacts facts, FiredRules hits)
    {
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

    public FiredRules Evaluate(FamilyFacts facts)
    {
        var hits = NewHits();
        Evaluate(facts, hits);
        return hits;
    }

    /// <summary>The engine path: the evidence workflows, then Pathways with what they found as <c>evidence</c>.</summary>
    /// <exception cref="RuleEvaluationException">A rule threw.</exception>
    public async Task<FiredRules> EvaluateWithEngineAsync(FamilyFacts facts, CancellationToken cancellationToken = default)
    {
        var hits = NewHits();
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

    /// <summary>What fired, in rule-set order, each with its reason for this family.</summary>
    public IReadOnlyList<FiredRule> Describe(FamilyFacts facts, FiredRules hits)
    {
        var fired = new List<FiredRule>();
        foreach (var index in hits.Indexes())
        {
            var rule = compiled[index];
            var d = rule.Definition;
            string reason;
            try
            {
                reason = rule.Reason(facts, hits);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                throw new RuleEvaluationException(d.Name, facts.FamilyId, e, $"its reason could not be written: {e.Message}");
            }

            fired.Add(new FiredRule(d.Name, d.Kind, d.Pathway, d.Programme, d.Severity, reason, d.Evidence, d.Source));
        }

        return fired;
    }

    /// <summary>The number of evidence rules; pathway rules follow them in <see cref="Rules"/>.</summary>
    public int EvidenceRuleCount => evidenceCount;

    private void Record(List<RuleResultTree> results, FamilyFacts facts, FiredRules hits)
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

    /// <summary>
    /// RulesEngine compiles a workflow on its first execution; running each once here moves that
    /// cost, and any error it finds, to load time.
    /// </summary>
    private void WarmUp()
    {
        var facts = new FamilyFacts { FamilyId = "warm-up", AsOf = DateOnly.MinValue };
        try
        {
            var engineHits = EvaluateWithEngineAsync(facts).GetAwaiter().GetResult();
            var compiledHits = Evaluate(facts);
            _ = Describe(facts, compiledHits);
            if (!engineHits.SameAs(compiledHits))
            {
                throw new InvalidOperationException("the engine and the compiled rules disagree on an empty family");
            }
        }
        catch (RuleEvaluationException e)
        {
            var rule = Find(e.Rule);
            throw new RuleSetException([new RuleProblem(rule?.File ?? "rules", e.Rule, $"fails on a family with no records: {e.Message}")]);
        }
    }
}
