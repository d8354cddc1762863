using RiskFlags.Core.Facts;
using RiskFlags.Core.Rules;

namespace RiskFlags.Core.Scoring;

/// <summary>A cohort family assessed on the compiled path.</summary>
public sealed record CohortAssessment(FamilyFacts Facts, RiskScore Score, IReadOnlyList<FiredRule> Fired);

public static class CohortAssessor
{
    /// <summary>Facts for every family, the cohort, batch scores, then the compiled rules.</summary>
    public static IReadOnlyList<CohortAssessment> Assess(LinkedDataIndex data, DateOnly asOf, RiskModel model, RuleSet rules)
    {
        var facts = data.Families.AsParallel().AsOrdered()
            .Select(f => FamilyFactsBuilder.Build(f, asOf))
            .Where(Cohort.Includes)
            .ToList();
        var hits = rules.NewHits();
        var assessed = new List<CohortAssessment>(facts.Count);
        using var scores = model.Score(facts).GetEnumerator();
        foreach (var f in facts)
        {
            scores.MoveNext();
            f.RiskScore = scores.Current.Probability;
            rules.Evaluate(f, hits);
            assessed.Add(new CohortAssessment(f, scores.Current, rules.Describe(f, hits)));
        }

        return assessed;
    }
}
