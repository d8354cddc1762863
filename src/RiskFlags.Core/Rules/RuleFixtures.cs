using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using RiskFlags.Core.Assessment;
using RiskFlags.Core.Facts;

namespace RiskFlags.Core.Rules;

/// <summary>
/// Rule fixtures (rules/tests/*.json): each file a list of cases
/// <c>{ "name", "facts": { ... }, "fired": [...], "notFired": [...], "reasons": { "Rule": "text" } }</c>.
/// Facts not given take their defaults (zero, false, unknown). Every case runs on both evaluation paths.
/// </summary>
public static class RuleFixtures
{
    public const string Folder = "tests";

    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNameCaseInsensitive = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    /// <exception cref="RuleSetException">A fixture file is not valid: the problems name the file and case.</exception>
    public static IReadOnlyList<RuleFixture> Load(string directory)
    {
        var problems = new List<RuleProblem>();
        var fixtures = new List<RuleFixture>();
        if (!Directory.Exists(directory))
        {
            throw new RuleSetException([new RuleProblem(Folder, null, $"fixture folder not found at {Path.GetFullPath(directory)}")]);
        }

        foreach (var path in Directory.GetFiles(directory, "*.json").Order(StringComparer.Ordinal))
        {
            var file = $"{Folder}/{Path.GetFileName(path)}";
            List<FixtureFile.Case>? cases;
            try
            {
                cases = JsonSerializer.Deserialize<List<FixtureFile.Case>>(File.ReadAllBytes(path), Options);
            }
            catch (JsonException e)
            {
                problems.Add(new RuleProblem(file, null, $"line {e.LineNumber + 1}: {e.Message.Split(" Path:", 2)[0]}"));
                continue;
            }

            foreach (var (c, i) in (cases ?? []).Select((c, i) => (c, i)))
            {
                var name = string.IsNullOrWhiteSpace(c.Name) ? $"case #{i + 1}" : c.Name;
                try
                {
                    var facts = c.Facts ?? [];
                    facts.TryAdd(nameof(FamilyFacts.FamilyId), "fixture");
                    facts.TryAdd(nameof(FamilyFacts.AsOf), "2024-03-31");
                    fixtures.Add(new RuleFixture(file, name, facts.Deserialize<FamilyFacts>(Options)!, c.Fired ?? [], c.NotFired ?? [], c.Reasons ?? []));
                }
                catch (JsonException e)
                {
                    problems.Add(new RuleProblem(file, name, $"facts: {e.Message.Split(" Path:", 2)[0]}"));
                }
            }
        }

        return problems.Count > 0 ? throw new RuleSetException(problems) : fixtures;
    }

    /// <summary>Runs every case on the compiled path and through the engine; returns what failed.</summary>
    public static async Task<IReadOnlyList<FixtureFailure>> RunAsync(RuleSet rules, IEnumerable<RuleFixture> fixtures, CancellationToken cancellationToken = default)
    {
        var failures = new List<FixtureFailure>();
        foreach (var fixture in fixtures)
        {
            void Fail(string message) => failures.Add(new FixtureFailure(fixture.File, fixture.Name, message));
            foreach (var unknown in fixture.Fired.Concat(fixture.NotFired).Concat(fixture.Reasons.Keys).Where(r => rules.Find(r) is null).Distinct())
            {
                Fail($"names rule {unknown}, which the rule set does not have");
            }

            // A fixture gives the risk score the rules should see, as the model would have.
            var scored = ScoredFacts.AsGiven(fixture.Facts);
            var compiled = rules.Evaluate(scored);
            var engine = await rules.EvaluateWithEngineAsync(scored, cancellationToken);
            var fired = rules.Describe(scored, compiled);
            var names = fired.Select(f => f.Rule).ToHashSet(StringComparer.Ordinal);
            if (!compiled.SameAs(engine))
            {
                Fail($"the engine and the compiled rules disagree: engine [{string.Join(", ", rules.Describe(scored, engine).Select(f => f.Rule))}], compiled [{string.Join(", ", names)}]");
            }

            foreach (var expected in fixture.Fired.Where(r => rules.Find(r) is not null && !names.Contains(r)))
            {
                Fail($"expected {expected} to fire; fired: [{string.Join(", ", names)}]");
            }

            foreach (var unexpected in fixture.NotFired.Where(names.Contains))
            {
                Fail($"expected {unexpected} not to fire");
            }

            foreach (var (rule, text) in fixture.Reasons)
            {
                var actual = fired.FirstOrDefault(f => f.Rule == rule)?.Reason;
                if (actual is not null && actual != text)
                {
                    Fail($"reason of {rule}: expected \"{text}\", got \"{actual}\"");
                }
                else if (actual is null && rules.Find(rule) is not null)
                {
                    Fail($"reason of {rule}: the rule did not fire");
                }
            }
        }

        return failures;
    }

    private static class FixtureFile
    {
        public sealed class Case
        {
            public string? Name { get; set; }

            public JsonObject? Facts { get; set; }

            public List<string>? Fired { get; set; }

            public List<string>? NotFired { get; set; }

            public Dictionary<string, string>? Reasons { get; set; }
        }
    }
}
