using RiskFlags.Core.Assessment;
using RiskFlags.Core.Facts;
using RiskFlags.Core.Rules;

namespace RiskFlags.Core.Tests.Rules;

public sealed class StrictLoadingTests : IDisposable
{
    private readonly TempFolder folder = new();
    private readonly string rules;

    public StrictLoadingTests() => rules = RuleFolders.CopyShipped(folder);

    public void Dispose() => folder.Dispose();

    private RuleProblem SingleProblem()
    {
        var error = Assert.Throws<RuleSetException>(() => RuleSetLoader.Load(rules));
        return Assert.Single(error.Problems);
    }

    [Fact]
    public void An_expression_naming_a_fact_FamilyFacts_does_not_have_names_the_file_rule_and_fact()
    {
        RuleFolders.Edit(rules, "domestic_abuse.json", "facts.DomesticAbuseIncidents12m >= repeatIncidents", "facts.DomesticAbuseIncidentz12m >= repeatIncidents");

        var problem = SingleProblem();

        Assert.Equal(("domestic_abuse.json", "DomesticAbuse.RepeatIncidents"), (problem.File, problem.Rule));
        Assert.Contains("No property or field 'DomesticAbuseIncidentz12m' exists in type 'FamilyFacts'", problem.Message);
    }

    [Fact]
    public void An_unknown_key_is_an_error_with_the_key_it_probably_meant()
    {
        RuleFolders.Edit(rules, "school_exclusion.json", "\"Expression\": \"facts.PermanentExclusions12m >= 1\"", "\"Experssion\": \"facts.PermanentExclusions12m >= 1\"");

        var problems = Assert.Throws<RuleSetException>(() => RuleSetLoader.Load(rules)).Problems;

        Assert.All(problems, p => Assert.Equal(("school_exclusion.json", "SchoolExclusion.Permanent"), (p.File, p.Rule)));
        Assert.Contains(problems, p => p.Message.StartsWith("unknown rule key 'Experssion' (did you mean 'Expression'?)", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Message == "Expression is missing");
    }

    [Fact]
    public void Invalid_json_names_the_file_line_and_column()
    {
        RuleFolders.Edit(rules, "mothers_age.json", "\"RuleName\": \"MothersAge.CareExperienced\",", "\"RuleName\": \"MothersAge.CareExperienced\"");

        var problem = SingleProblem();

        Assert.Equal("mothers_age.json", problem.File);
        Assert.Null(problem.Rule);
        Assert.Matches(@"^invalid JSON at line \d+, column \d+: ", problem.Message);
    }

    [Theory]
    [InlineData("\"RuleName\": \"MothersAge.CareExperienced\",", "", "rule #3", "RuleName is missing")]
    [InlineData("\"source\": \"001_d688c2d201f99a90.txt, section 2.4.2\",\n        \"reason\": \"the mother was looked after as a child\"", "\"reason\": \"the mother was looked after as a child\"", "MothersAge.CareExperienced", "property 'source' is missing")]
    [InlineData("\"severity\": \"medium\",\n        \"evidence\": \"40%", "\"severity\": \"urgent\",\n        \"evidence\": \"40%", "MothersAge.CareExperienced", "severity 'urgent' is not one of low, medium, high")]
    [InlineData("\"reason\": \"the mother was looked after as a child\"", "\"reason\": \"the mother was looked after as a child {facts.MotherCareExperiencd}\"", "MothersAge.CareExperienced", "reason placeholder {facts.MotherCareExperiencd} does not compile")]
    [InlineData("\"Expression\": \"facts.MotherCareExperienced == true\",", "\"Expression\": \"facts.MotherCareExperienced == true\", \"WorkflowsToInject\": [\"X\"],", "MothersAge.CareExperienced", "unknown rule key 'WorkflowsToInject' (not used: in RulesEngine 6.0.1 its cache grows on every execution)")]
    [InlineData("\"Expression\": \"facts.MotherCareExperienced == true\",", "\"Expression\": \"evidence.Has(\\\"PriorRemovals.Any\\\")\",", "MothersAge.CareExperienced", "(evidence is only available to rules of the Pathways workflow)")]
    [InlineData("\"Expression\": \"facts.MotherCareExperienced == true\",", "\"Expression\": \"facts.MotherAge\",", "MothersAge.CareExperienced", "Expression does not compile")]
    [InlineData("\"Expression\": \"facts.MotherCareExperienced == true\",", "\"Operator\": \"Xor\", \"Rules\": [ { \"RuleName\": \"A\", \"Expression\": \"true\" } ],", "MothersAge.CareExperienced", "Operator 'Xor' is not one of And, AndAlso, Or, OrElse")]
    public void Each_kind_of_mistake_in_a_rule_is_named(string find, string replace, string rule, string message)
    {
        RuleFolders.Edit(rules, "mothers_age.json", find, replace);

        var problems = Assert.Throws<RuleSetException>(() => RuleSetLoader.Load(rules)).Problems;

        Assert.Contains(problems, p => p.File == "mothers_age.json" && p.Rule == rule && p.Message.Contains(message, StringComparison.Ordinal));
    }

    [Fact]
    public void A_pathway_rule_may_only_name_evidence_rules_that_exist()
    {
        RuleFolders.Edit(rules, "pathways.json", "evidence.Has(\\\"DomesticAbuse.Victim\\\")", "evidence.Has(\\\"DomesticAbuse.Victm\\\")");

        var problem = SingleProblem();

        Assert.Equal(("pathways.json", "Pathway.Steps"), (problem.File, problem.Rule));
        Assert.Contains("there is no evidence rule called 'DomesticAbuse.Victm'", problem.Message);
    }

    [Fact]
    public void A_rule_that_throws_on_a_family_without_records_is_caught_at_load()
    {
        RuleFolders.Edit(rules, "mothers_age.json", "facts.MotherCareExperienced == true", "facts.ChildProtectionCategory.Length > 3");

        var problem = SingleProblem();

        Assert.Equal(("mothers_age.json", "MothersAge.CareExperienced"), (problem.File, problem.Rule));
        Assert.StartsWith("its expression fails on a family with no records", problem.Message);
    }

    [Fact]
    public void A_reason_that_fails_when_its_rule_fires_for_a_family_with_unknown_facts_is_refused_at_load()
    {
        // D2: the analyst edit the README invites, {facts.MotherAge} becoming {facts.MotherAge.Value}.
        RuleFolders.Edit(rules, "domestic_abuse.json", "{facts.DomesticAbuseIncidents12m} domestic abuse incidents", "mother aged {facts.MotherAge.Value}: {facts.DomesticAbuseIncidents12m} domestic abuse incidents");

        var problem = SingleProblem();

        Assert.Equal(("domestic_abuse.json", "DomesticAbuse.RepeatIncidents"), (problem.File, problem.Rule));
        Assert.StartsWith("its reason fails when the rule fires for a family with MotherAge unknown: Nullable object must have a value", problem.Message);
    }

    [Fact]
    public void A_reason_that_divides_by_a_count_that_can_be_zero_is_refused_at_load()
    {
        RuleFolders.Edit(rules, "domestic_abuse.json", "{facts.DomesticAbuseIncidents12m} domestic abuse incidents", "{100 / facts.Suspensions12m} domestic abuse incidents");

        var problem = SingleProblem();

        Assert.Equal("DomesticAbuse.RepeatIncidents", problem.Rule);
        Assert.Contains("Attempted to divide by zero", problem.Message);
    }

    [Fact]
    public void Two_rules_of_one_name_are_one_problem_naming_the_file_not_a_crash()
    {
        // D9: a duplicate RuleName used to throw ArgumentException out of the loader.
        RuleFolders.Edit(rules, "domestic_abuse.json", "\"RuleName\": \"DomesticAbuse.ChildPresent\"", "\"RuleName\": \"DomesticAbuse.RepeatIncidents\"");

        var problems = Assert.Throws<RuleSetException>(() => RuleSetLoader.Load(rules)).Problems;

        Assert.Contains(problems, p => p.File == "domestic_abuse.json" && p.Rule == "DomesticAbuse.RepeatIncidents" && p.Message == "rule name is also used in domestic_abuse.json");
    }

    [Theory]
    [InlineData("pathways.json", "Pathways", "without Pathways no programme is ever suggested")]
    [InlineData("school_exclusion.json", "SchoolExclusion", "every rule set needs DomesticAbuse, SubstanceMisuse, PriorRemovals, MothersAge, SchoolExclusion, Pathways")]
    public void A_rule_set_without_a_required_workflow_is_refused(string file, string workflow, string message)
    {
        // D10: a folder without pathways.json used to load and remove every suggestion.
        File.Delete(Path.Combine(rules, file));

        var problems = Assert.Throws<RuleSetException>(() => RuleSetLoader.Load(rules)).Problems;

        Assert.Contains(problems, p => p.Message.StartsWith($"workflow {workflow} is missing", StringComparison.Ordinal) && p.Message.Contains(message, StringComparison.Ordinal));
    }

    [Fact]
    public void A_programme_no_enabled_pathway_rule_suggests_is_refused()
    {
        RuleFolders.Edit(rules, "pathways.json", "\"RuleName\": \"Pathway.TripleP\",", "\"RuleName\": \"Pathway.TripleP\", \"Enabled\": false,");

        var problem = SingleProblem();

        Assert.Equal(("programmes.json", "triple_p"), (problem.File, problem.Rule));
        Assert.StartsWith("no enabled Pathways rule suggests triple_p", problem.Message);
    }

    [Theory]
    [InlineData("\"placesPerYear\": 75", "\"placesPerYear\": 1e300", "steps", "placesPerYear: 1E+300 is not between 0 and 100,000")]
    [InlineData("\"weeksInCarePerYear\": 35", "\"weeksInCarePerYear\": 60", "costModel", "weeksInCarePerYear: 60 is not between 1 and 52")]
    [InlineData("\"placesPerYear\": 75", "\"placesPerYeer\": 75", null, "line")]
    public void A_broken_programmes_json_is_reported_by_the_rule_check(string find, string replace, string? programme, string message)
    {
        // D23: rules check used to ignore programmes.json.
        RuleFolders.Edit(rules, "programmes.json", find, replace);

        var problems = Assert.Throws<RuleSetException>(() => RuleSetLoader.Load(rules)).Problems;

        Assert.Contains(problems, p => p.File == "programmes.json" && p.Rule == programme && p.Message.Contains(message, StringComparison.Ordinal));
    }

    [Fact]
    public void The_version_is_a_hash_of_the_files()
    {
        var shipped = RuleSetLoader.Load(RuleFolders.Shipped).Version;
        var copy = RuleSetLoader.Load(rules).Version;
        RuleFolders.Edit(rules, "domestic_abuse.json", "\"Expression\": \"2\"", "\"Expression\": \"3\"");

        var edited = RuleSetLoader.Load(rules).Version;

        Assert.Equal(shipped, copy);
        Assert.NotEqual(shipped, edited);
        Assert.Matches("^[0-9a-f]{12}$", edited);
    }

    [Fact]
    public async Task Nested_rules_and_local_params_mean_the_same_to_the_engine_and_the_compiled_path()
    {
        File.WriteAllText(Path.Combine(rules, "nested.json"), """
            {
              "WorkflowName": "Nested",
              "GlobalParams": [ { "Name": "many", "Expression": "2" } ],
              "Rules": [
                {
                  "RuleName": "Nested.Either",
                  "Operator": "OrElse",
                  "LocalParams": [ { "Name": "lots", "Expression": "many + 1" } ],
                  "Rules": [
                    { "RuleName": "Nested.Either.Abuse", "Expression": "facts.DomesticAbuseIncidents12m >= lots" },
                    {
                      "RuleName": "Nested.Either.Young",
                      "LocalParams": [ { "Name": "young", "Expression": "18" } ],
                      "Expression": "facts.MotherAge < young && facts.Suspensions12m >= many"
                    }
                  ],
                  "Properties": { "pathway": "edge_of_care", "severity": "low", "evidence": "test", "source": "test", "reason": "{lots} or more incidents, or a young mother" }
                }
              ]
            }
            """);
        var set = RuleSetLoader.Load(rules);
        var random = new Random(5);

        for (var i = 0; i < 2000; i++)
        {
            var facts = RandomFacts.Next(random, i);
            var expected = facts.DomesticAbuseIncidents12m >= 3 || (facts.MotherAge < 18 && facts.Suspensions12m >= 2);
            var rule = set.Find("Nested.Either")!.Index;
            Assert.Equal(expected, set.Evaluate(ScoredFacts.AsGiven(facts)).Has(rule));
            Assert.Equal(expected, (await set.EvaluateWithEngineAsync(ScoredFacts.AsGiven(facts), TestContext.Current.CancellationToken)).Has(rule));
        }
    }

    [Fact]
    public void A_live_rule_set_keeps_the_old_set_when_the_new_one_is_invalid_and_takes_a_valid_one()
    {
        var live = new LiveRuleSet(RuleSetLoader.Load(rules));
        var before = live.Current;
        var facts = new FamilyFacts { FamilyId = "F", AsOf = new DateOnly(2024, 3, 31), DomesticAbuseIncidents12m = 2 };
        RuleFolders.Edit(rules, "domestic_abuse.json", "\"WorkflowName\": \"DomesticAbuse\",", "\"WorkflowName\": \"DomesticAbuse\", \"Experssion\": 1,");

        var (afterInvalid, problems) = live.Reload();

        Assert.Same(before, afterInvalid);
        Assert.Same(before, live.Current);
        Assert.Contains(problems, p => p.File == "domestic_abuse.json" && p.Message.Contains("Experssion", StringComparison.Ordinal));

        RuleFolders.Edit(rules, "domestic_abuse.json", "\"WorkflowName\": \"DomesticAbuse\", \"Experssion\": 1,", "\"WorkflowName\": \"DomesticAbuse\",");
        RuleFolders.Edit(rules, "domestic_abuse.json", "{ \"Name\": \"repeatIncidents\", \"Expression\": \"2\" }", "{ \"Name\": \"repeatIncidents\", \"Expression\": \"3\" }");
        var (afterValid, none) = live.Reload();

        Assert.Empty(none);
        Assert.NotSame(before, afterValid);
        Assert.Same(afterValid, live.Current);
        Assert.True(before.Evaluate(ScoredFacts.AsGiven(facts)).Has(before.Find("DomesticAbuse.RepeatIncidents")!.Index));
        Assert.False(afterValid.Evaluate(ScoredFacts.AsGiven(facts)).Has(afterValid.Find("DomesticAbuse.RepeatIncidents")!.Index));
    }
}
