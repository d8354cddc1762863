using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using RiskFlags.Core.Assessment;
using RiskFlags.Core.Contract;
using RiskFlags.Core.Facts;
using RiskFlags.Core.Referrals;
using RiskFlags.Core.Rules;
using RiskFlags.Core.Scoring;
using RiskFlags.Data;
using RiskFlags.Server.Audit;
using RiskFlags.Server.Hosting;
using RiskFlags.Server.Security;
using RiskFlags.Server.V1;

namespace RiskFlags.Server.Services;

/// <summary>
/// A family's assessment: its facts as of a date, the live model's calibrated risk with its largest
/// factors, every rule that fires with its reason, and the programmes suggested. Single families go
/// through the shared RulesEngine instance; cohorts through the compiled rules and batch scoring.
/// </summary>
public sealed class AssessmentsService(
    RiskFlagsDbContext db, AuditRecord audit,
    LiveRuleSet rules,
    LiveModel model,
    RequestDates dates,
    StoreView store,
    AssessmentCache assessments,
    CohortCache cohort,
    TimeProvider time,
    ILogger<AssessmentsService> logger) : Assessments.AssessmentsBase
{
    [Authorize(Roles = Roles.FamilyWork)]
    [Audited]
    public override async Task<Assessment> AssessFamily(AssessFamilyRequest request, ServerCallContext context)
    {
        var familyId = RpcErrors.FamilyId(request.FamilyId);
        var snapshot = await store.GetAsync(db, context.CancellationToken);
        var (asOf, live) = dates.AsOf(request.AsOf, snapshot);
        var assessor = new FamilyAssessor(model.Current, rules.Current);
        var assessment = assessments.Find(familyId, asOf, assessor.Model.Version, assessor.Rules.Version);
        if (assessment is null)
        {
            var history = await LinkedDataStore.LoadFamilyAsync(db, familyId, context.CancellationToken)
                ?? throw RpcErrors.NotFound("family_id", $"no family '{familyId}' in the store");
            assessment = await assessor.AssessAsync(history, asOf, context.CancellationToken);
            LogReasonFailures(assessment);
            assessments.Keep(assessment, assessor.Model.Version, assessor.Rules.Version, snapshot.DataVersion);
        }

        // Only the data's end is now: suggestions built on an earlier picture of the family would
        // enter today's referral queue with yesterday's risk.
        IReadOnlyList<(SuggestedProgramme Suggested, Referral Referral)>? referrals = null;
        if (live)
        {
            referrals = assessments.FindReferrals(assessment);
            if (referrals is null)
            {
                referrals = await SuggestionStore.RecordAsync(db, assessment, assessor.Model.Version, assessor.Rules.Version, time, context.CancellationToken);
                assessments.KeepReferrals(assessment, referrals, snapshot.ReferralsVersion);
            }
        }

        logger.LogInformation("Assessed family {FamilyId} as of {AsOf}: band {Band}, {Flags} flags, {Suggestions} suggestions ({Recorded})",
            familyId, ContractFields.Iso(asOf), assessment.Score.Band.Code(), assessment.Fired.Count, assessment.Suggested.Count, live ? "recorded" : "not recorded");
        var message = AssessmentMapping.ToMessage(assessment, referrals, assessor.Model.Version, assessor.Rules.Version, snapshot.Demo);
        if (!live)
        {
            message.Note = $"as of {ContractFields.Iso(asOf)}, not the date the data run to ({(snapshot.DataEnd is { } end ? ContractFields.Iso(end) : "none")}): " +
                "a look back, so its suggestions are shown but not recorded and cannot be decided on";
        }

        audit.Detail = $"as_of {ContractFields.Iso(asOf)}{(live ? "" : " (look back)")}, band {assessment.Score.Band.Code()}";
        return message;
    }

    [Authorize(Roles = Roles.CohortReview)]
    [Audited]
    public override async Task AssessCohort(AssessCohortRequest request, IServerStreamWriter<Assessment> responseStream, ServerCallContext context)
    {
        var filter = request.Filter ?? new CohortFilter();
        if (!double.IsFinite(filter.MinRisk) || filter.MinRisk is < 0 or > 1)
        {
            throw RpcErrors.Invalid("filter.min_risk", $"{filter.MinRisk} is not a probability between 0 and 1");
        }

        if (filter.RiskBand.Length > 0 && !Enum.GetValues<RiskBand>().Any(b => b.Code() == filter.RiskBand))
        {
            throw RpcErrors.Invalid("filter.risk_band", $"{RpcErrors.Quote(filter.RiskBand)} is not one of low, medium, high");
        }

        RpcErrors.CheckVocabulary("filter.pathway", filter.Pathway, RuleVocabulary.Pathways);
        RpcErrors.CheckVocabulary("filter.programme", filter.Programme, RuleVocabulary.Programmes);
        var snapshot = await store.GetAsync(db, context.CancellationToken);
        var asOf = dates.AsOf(request.AsOf, snapshot).AsOf;
        var demo = snapshot.Demo;
        var cohortView = await cohort.GetAsync(db, asOf, context.CancellationToken);
        var assessed = cohortView.Assessments
            .Where(a => a.Score.Probability >= filter.MinRisk
                && (filter.RiskBand.Length == 0 || a.Score.Band.Code() == filter.RiskBand)
                && (filter.Area.Length == 0 || a.Facts.LocalArea == filter.Area)
                && (filter.Pathway.Length == 0 || a.Suggested.Any(s => s.Pathway == filter.Pathway))
                && (filter.Programme.Length == 0 || a.Suggested.Any(s => s.Programme == filter.Programme)))
            .OrderByDescending(a => a.Score.Probability).ThenBy(a => a.FamilyId, StringComparer.Ordinal)
            .ToList();

        // Every family the stream will carry is in the audit row, which is stored before the first one is sent.
        audit.Returned(assessed.Select(a => a.FamilyId));
        audit.Detail = $"as_of {ContractFields.Iso(asOf)}: {assessed.Count} families";
        foreach (var a in assessed)
        {
            await responseStream.WriteAsync(AssessmentMapping.ToMessage(a, null, cohortView.ModelVersion, cohortView.RulesVersion, demo), context.CancellationToken);
        }
    }

    /// <summary>A reason that could not be written is shown as such; the log says which rule, for whoever maintains the rules.</summary>
    private void LogReasonFailures(FamilyAssessment assessment)
    {
        foreach (var failed in assessment.Fired.Where(f => f.ReasonError is not null))
        {
            logger.LogWarning("Rule {Rule}: its reason could not be written for family {FamilyId}: {Error}", failed.Rule, assessment.FamilyId, failed.ReasonError);
        }
    }
}
