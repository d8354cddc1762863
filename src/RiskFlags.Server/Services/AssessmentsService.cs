using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using RiskFlags.Core.Contract;
using RiskFlags.Core.Facts;
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
    CohortCache cohort,
    TimeProvider time,
    ILogger<AssessmentsService> logger) : Assessments.AssessmentsBase
{
    [Authorize(Roles = Roles.FamilyWork)]
    [Audited]
    public override async Task<Assessment> AssessFamily(AssessFamilyRequest request, ServerCallContext context)
    {
        var familyId = RpcErrors.FamilyId(request.FamilyId);
        var (asOf, live) = await dates.AsOfAsync(request.AsOf, db, context.CancellationToken);
        var snapshot = await store.GetAsync(db, context.CancellationToken);
        var history = await LinkedDataStore.LoadFamilyAsync(db, familyId, context.CancellationToken)
            ?? throw RpcErrors.NotFound("family_id", $"no family '{familyId}' in the store");

        var ruleSet = rules.Current;
        var riskModel = model.Current;
        var facts = FamilyFactsBuilder.Build(history, asOf);
        var score = riskModel.Score(facts);
        facts.RiskScore = score.Probability;
        var fired = ruleSet.Describe(facts, await ruleSet.EvaluateWithEngineAsync(facts, context.CancellationToken));
        // Only the data's end is now: suggestions built on an earlier picture of the family would
        // enter today's referral queue with yesterday's risk.
        var suggestions = live
            ? await SuggestionStore.RecordAsync(db, facts, fired, riskModel.Version, ruleSet.Version, time, context.CancellationToken)
            : SuggestionStore.Unrecorded(facts, fired);
        logger.LogInformation("Assessed family {FamilyId} as of {AsOf}: band {Band}, {Flags} flags, {Suggestions} suggestions ({Recorded})",
            familyId, ContractFields.Iso(asOf), score.Band.Code(), fired.Count, suggestions.Count, live ? "recorded" : "not recorded");
        var assessment = ToAssessment(facts, score, fired, suggestions, riskModel.Version, ruleSet.Version);
        assessment.Demo = snapshot.Demo;
        assessment.SuggestionsRecorded = live;
        if (!live)
        {
            assessment.Note = $"as of {ContractFields.Iso(asOf)}, not the date the data run to ({(snapshot.DataEnd is { } end ? ContractFields.Iso(end) : "none")}): " +
                "a look back, so its suggestions are shown but not recorded and cannot be decided on";
        }

        audit.Detail = $"as_of {ContractFields.Iso(asOf)}{(live ? "" : " (look back)")}, band {score.Band.Code()}";
        return assessment;
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
        var asOf = (await dates.AsOfAsync(request.AsOf, db, context.CancellationToken)).AsOf;
        var demo = (await store.GetAsync(db, context.CancellationToken)).Demo;
        var ruleSet = rules.Current;
        var riskModel = model.Current;
        var assessed = (await cohort.GetAsync(db, asOf, context.CancellationToken))
            .Where(a => a.Score.Probability >= filter.MinRisk
                && (filter.RiskBand.Length == 0 || a.Score.Band.Code() == filter.RiskBand)
                && (filter.Area.Length == 0 || a.Facts.LocalArea == filter.Area)
                && (filter.Pathway.Length == 0 || a.Fired.Any(f => f.Kind is RuleKind.Pathway && f.Pathway == filter.Pathway))
                && (filter.Programme.Length == 0 || a.Fired.Any(f => f.Kind is RuleKind.Pathway && f.Programme == filter.Programme)))
            .OrderByDescending(a => a.Score.Probability).ThenBy(a => a.Facts.FamilyId, StringComparer.Ordinal)
            .ToList();

        // Every family the stream will carry is in the audit row, which is stored before the first one is sent.
        audit.Returned(assessed.Select(a => a.Facts.FamilyId));
        audit.Detail = $"as_of {ContractFields.Iso(asOf)}: {assessed.Count} families";
        foreach (var a in assessed)
        {
            var message = ToAssessment(a.Facts, a.Score, a.Fired, [], riskModel.Version, ruleSet.Version);
            message.Demo = demo;
            await responseStream.WriteAsync(message, context.CancellationToken);
        }
    }

    internal static Assessment ToAssessment(FamilyFacts facts, RiskScore score, IReadOnlyList<FiredRule> fired, IReadOnlyList<SuggestionRow> suggestions, string modelVersion, string rulesVersion)
    {
        var assessment = new Assessment
        {
            FamilyId = facts.FamilyId,
            AsOf = ContractFields.Iso(facts.AsOf),
            RiskScore = score.Probability,
            RiskBand = score.Band.Code(),
            ModelVersion = modelVersion,
            RulesVersion = rulesVersion,
            InCohort = Cohort.Includes(facts),
            LocalArea = facts.LocalArea ?? "",
        };
        assessment.TopFactors.Add(score.TopFactors.Select(f => new V1.Factor { Feature = f.Feature, Text = f.Text, Value = f.Value, Contribution = f.Contribution }));
        assessment.Flags.Add(fired.Select(f => new Flag
        {
            Rule = f.Rule, Pathway = f.Pathway, Programme = f.Programme ?? "", Severity = f.Severity, Reason = f.Reason, Evidence = f.Evidence, Source = f.Source,
        }));
        assessment.Suggestions.Add(suggestions.Select(s => new Suggestion
        {
            SuggestionId = s.SuggestionId, Pathway = s.Pathway, Programme = s.Programme, Reason = s.Reason, Status = s.Status,
        }));
        return assessment;
    }
}
