using RiskFlags.Core.Assessment;
using RiskFlags.Core.Facts;
using RiskFlags.Core.Rules;

namespace RiskFlags.Core.Tests.Rules;

public sealed class ShippedRulesTests
{
    private static readonly RuleSet Rules = RuleSetLoader.Load(RuleFolders.Shipped);

    [Fact]
    public void Every_family_of_evidence_has_its_workflow_and_every_rule_carries_its_properties()
    {
        Assert.Equal(
            ["DomesticAbuse", "MothersAge", "Pathways", "PriorRemovals", "SchoolExclusion", "SubstanceMisuse"],
            Rules.Rules.Select(r => r.Workflow).Distinct().Order(StringComparer.Ordinal));
        Assert.All(Rules.Rules, r =>
        {
            Assert.Contains(r.Pathway, RuleVocabulary.Pathways);
            Assert.Contains(r.Severity, RuleVocabulary.Severities);
            Assert.False(string.IsNullOrWhiteSpace(r.Evidence));
            Assert.Matches(@"^00[0-4]_[0-9a-f]{16}\.txt", r.Source);
        });
        Assert.All(Rules.Rules.Where(r => r.Kind is RuleKind.Pathway), r => Assert.NotNull(r.Programme));
        Assert.Equal(
            ["dv_perpetrator", "edge_of_care", "mellow_mums", "pause", "sfsc", "steps", "substance_outreach", "triple_p"],
            Rules.Rules.Where(r => r.Kind is RuleKind.Pathway).Select(r => r.Programme!).Distinct().Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Every_fixture_passes_on_both_paths()
    {
        var fixtures = RuleFixtures.Load(Path.Combine(RuleFolders.Shipped, RuleFixtures.Folder));

        var failures = await RuleFixtures.RunAsync(Rules, fixtures, TestContext.Current.CancellationToken);

        Assert.Empty(failures.Select(f => f.ToString()));
        foreach (var rule in Rules.Rules)
        {
            Assert.Contains(fixtures, f => f.Fired.Contains(rule.Name));
            Assert.Contains(fixtures, f => f.NotFired.Contains(rule.Name));
        }
    }

    [Fact]
    public async Task The_engine_and_the_compiled_path_agree_on_thousands_of_random_families()
    {
        var random = new Random(20261123);
        var disagreements = new List<string>();
        var fired = new int[Rules.Rules.Count];
        for (var i = 0; i < 5000; i++)
        {
            var facts = RandomFacts.Next(random, i);
            var compiled = Rules.Evaluate(ScoredFacts.AsGiven(facts));
            var engine = await Rules.EvaluateWithEngineAsync(ScoredFacts.AsGiven(facts), TestContext.Current.CancellationToken);
            if (!compiled.Indexes().SequenceEqual(engine.Indexes()))
            {
                disagreements.Add(facts.FamilyId);
            }

            foreach (var index in compiled.Indexes())
            {
                fired[index]++;
            }

            Assert.Equal(Rules.Describe(ScoredFacts.AsGiven(facts), compiled), Rules.Describe(ScoredFacts.AsGiven(facts), engine));
        }

        Assert.Empty(disagreements);
        Assert.All(fired, count => Assert.InRange(count, 50, 4950));
    }

    [Fact]
    public void Reasons_read_as_plain_sentences_with_the_familys_figures()
    {
        var facts = new FamilyFacts
        {
            FamilyId = "F1", AsOf = new DateOnly(2024, 3, 31), ChildrenAtHome = 2,
            DomesticAbuseIncidents12m = 2, DomesticAbuseVictim12m = 2, DomesticAbuseMotherVictim12m = 2,
            OpenChildProtectionPlan = true, RiskScore = 0.314,
        };

        var reasons = Rules.Describe(ScoredFacts.AsGiven(facts), Rules.Evaluate(ScoredFacts.AsGiven(facts))).ToDictionary(f => f.Rule, f => f.Reason);

        Assert.Equal("2 domestic abuse incidents in the last 12 months, mother the victim", reasons["DomesticAbuse.RepeatIncidents"]);
        Assert.Equal("on a child protection plan with a predicted risk of care entry of 31% in the next 12 months", reasons["Pathway.EdgeOfCare"]);
    }
}
