using RiskFlags.Core.Assessment;
using System.Diagnostics;
using RiskFlags.Core.Facts;
using RiskFlags.Core.Hosting;
using RiskFlags.Core.Rules;
using RiskFlags.Testing;

namespace RiskFlags.Bench;

/// <summary>
/// Cohort rule evaluation, in ns per family, of (a) the shared RulesEngine engine, (b) the compiled
/// path and (c) the same rules hand-written in C#, over the same random families in one run.
/// </summary>
internal static class RulesBench
{
    public static async Task RunAsync(int families)
    {
        var rules = RuleSetLoader.Load(InstallLayout.Find().Rules);
        var random = new Random(42);
        var facts = new FamilyFacts[families];
        for (var i = 0; i < families; i++)
        {
            facts[i] = RandomFacts.Next(random, i);
        }

        Check(rules, facts);
        Console.WriteLine($"{rules.Rules.Count} rules (version {rules.Version}), {families:N0} random families; all three paths agree on every family\n");

        var hits = rules.CreateHits();
        long sink = 0;
        var hand = Best(facts.Length, () =>
        {
            foreach (var f in facts)
            {
                sink += (long)HandWrittenRules.Evaluate(f);
            }
        });
        var scored = facts.Select(ScoredFacts.AsGiven).ToArray();
        var compiled = Best(facts.Length, () =>
        {
            foreach (var f in scored)
            {
                rules.Evaluate(f, hits);
                sink += hits.Has(0) ? 1 : 0;
            }
        });

        var watch = Stopwatch.StartNew();
        foreach (var f in scored)
        {
            sink += (await rules.EvaluateWithEngineAsync(f)).Has(0) ? 1 : 0;
        }

        var engine = watch.Elapsed.TotalNanoseconds / facts.Length;
        GC.KeepAlive(sink);

        Console.WriteLine("| path | ns per family | ratio to hand-written C# |\n|---|---:|---:|");
        Console.WriteLine($"| (a) RulesEngine engine, one shared instance | {engine:N0} | {engine / hand:N0} |");
        Console.WriteLine($"| (b) compiled path (RuleSet.Evaluate) | {compiled:N1} | {compiled / hand:N2} |");
        Console.WriteLine($"| (c) hand-written C# | {hand:N1} | 1.00 |");
    }

    /// <summary>Best of five timed passes after one warm-up pass, in ns per family.</summary>
    private static double Best(int count, Action pass)
    {
        pass();
        var best = double.MaxValue;
        for (var i = 0; i < 5; i++)
        {
            var watch = Stopwatch.StartNew();
            pass();
            best = Math.Min(best, watch.Elapsed.TotalNanoseconds / count);
        }

        return best;
    }

    private static void Check(RuleSet rules, FamilyFacts[] facts)
    {
        if (!rules.Rules.Select(r => r.Name).SequenceEqual(HandWrittenRules.Names))
        {
            throw new InvalidOperationException("the shipped rules changed: update HandWrittenRules to match them");
        }

        var hits = rules.CreateHits();
        for (var i = 0; i < facts.Length; i++)
        {
            rules.Evaluate(ScoredFacts.AsGiven(facts[i]), hits);
            ulong mask = 0;
            foreach (var index in hits.Indexes())
            {
                mask |= 1UL << index;
            }

            if (mask != HandWrittenRules.Evaluate(facts[i]))
            {
                throw new InvalidOperationException($"hand-written and compiled rules disagree on family {i}");
            }

            if (i % 100 == 0 && !rules.EvaluateWithEngineAsync(ScoredFacts.AsGiven(facts[i])).GetAwaiter().GetResult().Indexes().SequenceEqual(hits.Indexes()))
            {
                throw new InvalidOperationException($"engine and compiled rules disagree on family {i}");
            }
        }
    }
}
