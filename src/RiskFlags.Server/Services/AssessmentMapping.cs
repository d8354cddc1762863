using RiskFlags.Core.Assessment;
using RiskFlags.Core.Contract;
using RiskFlags.Core.Referrals;
using RiskFlags.Core.Rules;
using RiskFlags.Core.Scoring;
using RiskFlags.Server.V1;

namespace RiskFlags.Server.Services;

/// <summary>The one mapping of Core's assessments to the API's messages.</summary>
internal static class AssessmentMapping
{
    /// <param name="referrals">Where the family stands with each suggested programme; null when the suggestions were not recorded (a look back, a cohort stream).</param>
    public static V1.Assessment ToMessage(FamilyAssessment a, IReadOnlyList<(SuggestedProgramme Suggested, Referral Referral)>? referrals, string modelVersion, string rulesVersion, bool demo)
    {
        var message = new V1.Assessment
        {
            FamilyId = a.FamilyId,
            AsOf = ContractFields.Iso(a.AsOf),
            RiskScore = a.Score.Probability,
            RiskBand = a.Score.Band.Code(),
            ModelVersion = modelVersion,
            RulesVersion = rulesVersion,
            InCohort = a.InCohort,
            LocalArea = a.Facts.LocalArea ?? "",
            Demo = demo,
            SuggestionsRecorded = referrals is not null,
        };
        message.TopFactors.Add(a.Score.TopFactors.Select(ToMessage));
        message.Flags.Add(a.Fired.Select(ToFlag));
        message.Suggestions.Add(referrals is null
            ? a.Suggested.Select(s => new V1.Suggestion { Pathway = s.Pathway, Programme = s.Programme, Reason = s.Reason })
            : referrals.Select(r => new V1.Suggestion
            {
                SuggestionId = r.Referral.SuggestionId, Pathway = r.Suggested.Pathway, Programme = r.Suggested.Programme, Reason = r.Suggested.Reason, Status = r.Referral.Status.Code(),
            }));
        return message;
    }

    public static Flag ToFlag(FiredRule f) => new()
    {
        Rule = f.Rule,
        Pathway = f.Pathway,
        Programme = f.Programme ?? "",
        Severity = f.Severity,
        Reason = f.Reason,
        Evidence = f.Evidence,
        Source = f.Source,
    };

    private static V1.Factor ToMessage(Core.Scoring.Factor f) => new() { Feature = f.Feature, Text = f.Text, Value = f.Value, Contribution = f.Contribution };
}
