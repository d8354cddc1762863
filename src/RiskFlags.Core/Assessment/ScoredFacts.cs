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

    /// <summary>The facts, <see cref="FamilyFacts.RiskScore"/> included.</summary>
    public FamilyFacts Facts { get; }

    public RiskScore Score { get; }
}
