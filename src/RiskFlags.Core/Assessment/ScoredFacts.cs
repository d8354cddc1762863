using RiskFlags.Core.Facts;
using RiskFlags.Core.Scoring;

namespace RiskFlags.Core.Assessment;

/// <summary>
/// A family's facts together with the classifier's score of them: the only input the rules take. The
/// rules read the score as <c>facts.RiskScore</c>; it can only be there by way of this type, so a
/// caller cannot evaluate the rules on facts it forgot to score.
/// </summary>
public readonly record struct ScoredFacts
{
    public ScoredFacts(FamilyFacts facts, RiskScore score)
    {
        Facts = facts.RiskScore == score.Probability ? facts : facts with { RiskScore = score.Probability };
        Score = score;
    }

    /// <summary>
    /// Facts that already carry the score the rules should see (a rule fixture, an edge case, a
    /// benchmark's random family), as the model would have given it; unset (NaN) reads as 0.
    /// </summary>
    public static ScoredFacts AsGiven(FamilyFacts facts)
    {
        var risk = double.IsNaN(facts.RiskScore) ? 0 : facts.RiskScore;
        return new ScoredFacts(facts, new RiskScore(risk, RiskBands.Of(risk), []));
    }

    /// <summary>The facts, <see cref="FamilyFacts.RiskScore"/> included.</summary>
    public FamilyFacts Facts { get; }

    public RiskScore Score { get; }
}
