using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using RiskFlags.Core.Contract;
using RiskFlags.Core.Referrals;
using RiskFlags.Core.Rules;
using RiskFlags.Core.Scoring;
using RiskFlags.Data;
using RiskFlags.Server.Audit;
using RiskFlags.Server.Hosting;
using RiskFlags.Server.Security;
using RiskFlags.Server.V1;

namespace RiskFlags.Server.Services;

/// <summary>The suggestions made, the decisions workers record on them, and the records behind an assessment.</summary>
public sealed class ReferralsService(
    RiskFlagsDbContext db, AuditRecord audit,
    RequestDates dates,
    IOptions<RiskFlagsOptions> options,
    StoreView store,
    CohortCache cohort,
    ReferralBookCache books,
    TimeProvider time,
    ILogger<ReferralsService> logger) : Referrals.ReferralsBase
{
    private static readonly HashSet<string> FlaggedStatuses = [.. ReferralStatuses.All.Select(s => s.Code())];

    private static readonly HashSet<string> Statuses = [.. SuggestionStatuses.All];

    [Authorize(Roles = Roles.FamilyWork)]
    [Audited]
    public override async Task<ListSuggestionsResponse> ListSuggestions(ListSuggestionsRequest request, ServerCallContext context)
    {
        var (offset, size) = PageToken.Read(request.PageToken, request.PageSize);
        if (request.Status.Length > 0 && !Statuses.Contains(request.Status))
        {
            throw RpcErrors.Invalid("status", $"{RpcErrors.Quote(request.Status)} is not one of {string.Join(", ", Statuses)}");
        }

        if (!double.IsFinite(request.MinRisk) || request.MinRisk is < 0 or > 1)
        {
            throw RpcErrors.Invalid("min_risk", $"{request.MinRisk} is not a probability between 0 and 1");
        }

        RpcErrors.CheckVocabulary("pathway", request.Pathway, RuleVocabulary.Pathways);
        RpcErrors.CheckVocabulary("programme", request.Programme, RuleVocabulary.Programmes);
        var query = db.Suggestions.AsNoTracking().Where(s => s.RiskScore >= request.MinRisk);
        query = request.Pathway.Length > 0 ? query.Where(s => s.Pathway == request.Pathway) : query;
        query = request.Programme.Length > 0 ? query.Where(s => s.Programme == request.Programme) : query;
        query = request.Status.Length > 0 ? query.Where(s => s.Status == request.Status) : query;
        query = request.Area.Length > 0 ? query.Where(s => s.LocalArea == request.Area) : query;
        var total = await query.CountAsync(context.CancellationToken);
        var page = await query.OrderByDescending(s => s.RiskScore).ThenBy(s => s.SuggestionId).Skip(offset).Take(size).ToListAsync(context.CancellationToken);
        var ids = page.Select(s => s.SuggestionId).ToList();
        var decisions = (await db.Decisions.AsNoTracking().Where(d => ids.Contains(d.SuggestionId)).ToListAsync(context.CancellationToken))
            .OrderBy(d => d.DecisionId, StringComparer.Ordinal).ToLookup(d => d.SuggestionId);

        var response = new ListSuggestionsResponse { Total = total, NextPageToken = PageToken.Next(offset, size, total) };
        response.Suggestions.Add(page.Select(s =>
        {
            var stored = new StoredSuggestion
            {
                SuggestionId = s.SuggestionId, FamilyId = s.FamilyId, Pathway = s.Pathway, Programme = s.Programme, Reason = s.Reason,
                Rule = s.Rule, RiskScore = s.RiskScore, Status = s.Status, AsOf = ContractFields.Iso(s.AsOf), ModelVersion = s.ModelVersion,
                RulesVersion = s.RulesVersion, CreatedAt = Timestamp.FromDateTimeOffset(s.CreatedAt), LocalArea = s.LocalArea ?? "",
                AllocationRank = s.AllocationRank ?? 0, WithinPlaces = s.WithinPlaces ?? false,
                RankedAt = s.RankedAt is { } ranked ? Timestamp.FromDateTimeOffset(ranked) : null,
            };
            stored.Decisions.Add(decisions[s.SuggestionId].Select(ToDecision));
            return stored;
        }));
        audit.Returned(page.Select(s => s.FamilyId));
        audit.Detail = $"{page.Count} of {total} suggestions, from {offset}";
        return response;
    }

    [Authorize(Roles = Roles.FamilyWork)]
    [Audited]
    public override async Task<Decision> RecordDecision(RecordDecisionRequest request, ServerCallContext context)
    {
        if (ContractFields.CheckIdentifier(request.SuggestionId) is { } malformed)
        {
            throw RpcErrors.Invalid("suggestion_id", malformed);
        }

        var status = request.Decision switch
        {
            DecisionKind.Accept => SuggestionStatuses.Accepted,
            DecisionKind.Decline => SuggestionStatuses.Declined,
            DecisionKind.Defer => SuggestionStatuses.Deferred,
            _ => throw RpcErrors.Invalid("decision", "give ACCEPT, DECLINE or DEFER"),
        };
        if (request.Decision is not DecisionKind.Accept && string.IsNullOrWhiteSpace(request.Reason))
        {
            throw RpcErrors.Invalid("reason", $"a reason is required to {request.Decision.ToString().ToLowerInvariant()} a suggestion");
        }

        if (request.Reason.Length > 2000)
        {
            throw RpcErrors.Invalid("reason", "is longer than 2,000 characters");
        }

        if (ContractFields.CheckIdentifier(request.Worker) is { } worker)
        {
            throw RpcErrors.Invalid("worker", $"{worker} (the worker's staff identifier)");
        }

        var suggestion = await db.Suggestions.AsNoTracking().FirstOrDefaultAsync(s => s.SuggestionId == request.SuggestionId, context.CancellationToken)
            ?? throw RpcErrors.NotFound("suggestion_id", $"no suggestion {RpcErrors.Quote(request.SuggestionId)}");
        audit.FamilyId = suggestion.FamilyId;
        var (catalogue, _) = request.Decision is DecisionKind.Accept
            ? await CapacityStore.CatalogueAsync(db, options.Value.ProgrammesPath, time, context.CancellationToken)
            : (null, 0);

        // One transaction, committed with the audit row: the status changes only if the suggestion is
        // still pending, so two workers deciding at once cannot both succeed. Its first statement
        // writes, so SQLite takes the write lock at once instead of failing to upgrade a read.
        await db.Database.BeginTransactionAsync(context.CancellationToken);
        var now = time.GetUtcNow();
        var changed = await db.Suggestions
            .Where(s => s.SuggestionId == suggestion.SuggestionId && (s.Status == SuggestionStatuses.Open || s.Status == SuggestionStatuses.Deferred))
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.Status, status).SetProperty(s => s.UpdatedAt, now), context.CancellationToken);
        if (changed == 0)
        {
            var current = await db.Suggestions.AsNoTracking().Where(s => s.SuggestionId == suggestion.SuggestionId).Select(s => s.Status).FirstAsync(context.CancellationToken);
            throw RpcErrors.Precondition($"suggestion_id: suggestion '{suggestion.SuggestionId}' is already {current}; a closed suggestion takes no further decision");
        }

        var row = new DecisionRow
        {
            DecisionId = $"d_{Guid.CreateVersion7(now):N}",
            SuggestionId = suggestion.SuggestionId,
            Decision = status,
            Reason = string.IsNullOrWhiteSpace(request.Reason) ? null : request.Reason.Trim(),
            Worker = request.Worker,
            RecordedBy = Caller.Of(context.GetHttpContext().User).Name,
            DecidedAt = now,
        };
        db.Decisions.Add(row);
        var result = ToDecision(row);
        var detail = $"{row.SuggestionId} {status}";
        if (catalogue is not null)
        {
            // The programme's ticket first: it holds the programme's queue until this transaction commits,
            // so places go, and positions are counted, in the order accepts arrive at the store.
            var ticket = await CapacityStore.TakeTicketAsync(db, suggestion.Programme, context.CancellationToken);
            var places = catalogue.Find(suggestion.Programme)?.PlacesPerYear ?? 0;
            var enrolment = await CapacityStore.EnrolAsync(db, suggestion, places, ticket, time.GetUtcNow(), context.CancellationToken);
            var position = enrolment.Status == EnrolmentStatuses.Waiting ? await CapacityStore.PositionAsync(db, enrolment, context.CancellationToken) : 0;
            result.Enrolment = CapacityMapping.ToMessage(enrolment, position);
            detail += $", {suggestion.Programme} {enrolment.Status}{(position > 0 ? $" at {position}" : "")}";
        }

        await StoreInfo.MarkReferralsChangedAsync(db, time, [suggestion.FamilyId], context.CancellationToken);
        logger.LogInformation("Decision {DecisionId} on suggestion {SuggestionId}: {Status}", row.DecisionId, row.SuggestionId, status);
        audit.Detail = detail;
        return result;
    }

    [Authorize(Roles = Roles.FamilyWork)]
    [Audited]
    public override async Task<FamilyTimeline> GetFamilyTimeline(GetFamilyTimelineRequest request, ServerCallContext context)
    {
        var familyId = RpcErrors.FamilyId(request.FamilyId);
        var asOf = (await dates.AsOfAsync(request.AsOf, db, context.CancellationToken)).AsOf;
        if (!await db.Families.AnyAsync(f => f.FamilyId == familyId, context.CancellationToken))
        {
            throw RpcErrors.NotFound("family_id", $"no family '{familyId}' in the store");
        }

        var timeline = new FamilyTimeline { FamilyId = familyId, AsOf = ContractFields.Iso(asOf) };
        foreach (var (e, role, otherFamily) in await LinkedDataStore.TimelineAsync(db, familyId, asOf, context.CancellationToken))
        {
            timeline.Events.Add(new TimelineEvent
            {
                EventId = e.EventId, Source = e.Source, Type = e.Type, Date = ContractFields.Iso(e.Date),
                EndDate = e.EndDate is { } end ? ContractFields.Iso(end) : "", Detail = e.Detail ?? "", PersonId = e.PersonId,
                Role = otherFamily ? $"{role} (mother's other family)" : role,
            });
        }

        audit.Detail = $"{timeline.Events.Count} events to {timeline.AsOf}";
        return timeline;
    }

    [Authorize(Roles = Roles.FamilyWork)]
    [Audited]
    public override async Task<WaitingList> GetWaitingList(GetWaitingListRequest request, ServerCallContext context)
    {
        var (catalogue, _) = await CapacityStore.CatalogueAsync(db, options.Value.ProgrammesPath, time, context.CancellationToken);
        var programme = catalogue.Find(request.ProgrammeId) ?? throw RpcErrors.NotFound("programme_id", $"no programme {RpcErrors.Quote(request.ProgrammeId)}");
        var waiting = await CapacityStore.WaitingListAsync(db, programme.Id, context.CancellationToken);
        var uptake = await CapacityStore.UptakeAsync(db, CapacityStore.ProgrammeYear(time.GetUtcNow()), context.CancellationToken);
        var list = new WaitingList { ProgrammeId = programme.Id, PlacesPerYear = programme.PlacesPerYear, Enrolled = uptake.GetValueOrDefault(programme.Id)?.Enrolled ?? 0 };
        list.Waiting.Add(waiting.Select((e, i) => CapacityMapping.ToMessage(e, i + 1)));
        list.ExpectedWaitWeeks = Core.Capacity.CapacityReport.ExpectedWaitWeeks(waiting.Count, programme.PlacesPerYear);
        audit.Returned(waiting.Select(e => e.FamilyId));
        audit.Detail = $"{programme.Id}: {waiting.Count} waiting";
        return list;
    }

    [Authorize(Roles = Roles.FamilyWork)]
    [Audited]
    public override async Task<FlaggedCohort> ListFlaggedCohort(ListFlaggedCohortRequest request, ServerCallContext context)
    {
        var (offset, size) = PageToken.Read(request.PageToken, request.PageSize);
        if (request.Status.Length > 0 && !FlaggedStatuses.Contains(request.Status))
        {
            throw RpcErrors.Invalid("status", $"{RpcErrors.Quote(request.Status)} is not one of {string.Join(", ", FlaggedStatuses)}");
        }

        if (request.RiskBand.Length > 0 && !System.Enum.GetValues<RiskBand>().Any(b => b.Code() == request.RiskBand))
        {
            throw RpcErrors.Invalid("risk_band", $"{RpcErrors.Quote(request.RiskBand)} is not one of low, medium, high");
        }

        RpcErrors.CheckVocabulary("pathway", request.Pathway, RuleVocabulary.Pathways);
        RpcErrors.CheckVocabulary("programme", request.Programme, RuleVocabulary.Programmes);
        var snapshot = await store.GetAsync(db, context.CancellationToken);
        var asOf = dates.AsOf(request.AsOf, snapshot).AsOf;
        var view = await cohort.GetAsync(db, asOf, context.CancellationToken);
        var book = await books.GetAsync(snapshot, context.CancellationToken);
        var families = view.Assessments
            .Where(a => a.Suggested.Count > 0)
            .Select(a => (Assessed: a, Suggested: a.Suggested.Select(s => (Programme: s, Referral: book.Of(a.FamilyId, s.Programme))).ToList()))
            .Where(x => (request.RiskBand.Length == 0 || x.Assessed.Score.Band.Code() == request.RiskBand)
                && (request.Area.Length == 0 || x.Assessed.Facts.LocalArea == request.Area)
                && x.Suggested.Any(s => (request.Pathway.Length == 0 || s.Programme.Pathway == request.Pathway)
                    && (request.Programme.Length == 0 || s.Programme.Programme == request.Programme)
                    && (request.Status.Length == 0 || s.Referral.Status.Code() == request.Status)))
            .OrderByDescending(x => x.Assessed.Score.Probability).ThenBy(x => x.Assessed.FamilyId, StringComparer.Ordinal)
            .ToList();

        var page = new FlaggedCohort { AsOf = ContractFields.Iso(asOf), Total = families.Count, NextPageToken = PageToken.Next(offset, size, families.Count) };
        page.Families.Add(families.Skip(offset).Take(size).Select(x =>
        {
            var family = new FlaggedFamily
            {
                FamilyId = x.Assessed.FamilyId,
                RiskScore = x.Assessed.Score.Probability,
                RiskBand = x.Assessed.Score.Band.Code(),
                LocalArea = x.Assessed.Facts.LocalArea ?? "",
            };
            family.Suggestions.Add(x.Suggested.Select(s => new FlaggedSuggestion
            {
                Pathway = s.Programme.Pathway,
                Programme = s.Programme.Programme,
                Rule = s.Programme.Rules,
                Reason = s.Programme.Reason,
                Status = s.Referral.Status.Code(),
                SuggestionId = s.Referral.SuggestionId,
            }));
            family.Flags.Add(x.Assessed.Fired.Select(AssessmentMapping.ToFlag));
            return family;
        }));
        audit.Returned(page.Families.Select(f => f.FamilyId));
        audit.Detail = $"as_of {page.AsOf}: {families.Count} flagged families, page from {offset}";
        return page;
    }

    [Authorize(Roles = Roles.CohortReview)]
    [Audited]
    public override async Task<EndEnrolmentResult> EndEnrolment(EndEnrolmentRequest request, ServerCallContext context)
    {
        if (ContractFields.CheckIdentifier(request.EnrolmentId) is { } malformed)
        {
            throw RpcErrors.Invalid("enrolment_id", malformed);
        }

        if (string.IsNullOrWhiteSpace(request.Reason) || request.Reason.Length > 500)
        {
            throw RpcErrors.Invalid("reason", "say why the enrolment ends (at most 500 characters)");
        }

        var (catalogue, _) = await CapacityStore.CatalogueAsync(db, options.Value.ProgrammesPath, time, context.CancellationToken);
        var enrolment = await db.Enrolments.AsNoTracking().Where(e => e.EnrolmentId == request.EnrolmentId).Select(e => new { e.ProgrammeId, e.FamilyId }).FirstOrDefaultAsync(context.CancellationToken)
            ?? throw RpcErrors.NotFound("enrolment_id", $"no enrolment {RpcErrors.Quote(request.EnrolmentId)}");
        audit.FamilyId = enrolment.FamilyId;

        // The programme's ticket first, as an accept takes it: two ends at once promote the waiting list in its order.
        await db.Database.BeginTransactionAsync(context.CancellationToken);
        await CapacityStore.TakeTicketAsync(db, enrolment.ProgrammeId, context.CancellationToken);
        (EnrolmentRow Ended, IReadOnlyList<EnrolmentRow> Promoted)? ended;
        try
        {
            ended = await CapacityStore.EndAsync(db, request.EnrolmentId, request.Reason.Trim(), catalogue.Find(enrolment.ProgrammeId)?.PlacesPerYear ?? 0, time.GetUtcNow(), context.CancellationToken);
        }
        catch (EnrolmentNotCurrentException e)
        {
            throw RpcErrors.Precondition($"enrolment_id: {e.Message}");
        }

        var (row, promoted) = ended ?? throw RpcErrors.NotFound("enrolment_id", $"no enrolment {RpcErrors.Quote(request.EnrolmentId)}");
        var result = new EndEnrolmentResult { Ended = CapacityMapping.ToMessage(row) };
        if (promoted.Count > 0)
        {
            result.Promoted = CapacityMapping.ToMessage(promoted[0]);
        }

        audit.Returned(promoted.Select(p => p.FamilyId));
        await StoreInfo.MarkReferralsChangedAsync(db, time, [row.FamilyId, .. promoted.Select(p => p.FamilyId)], context.CancellationToken);
        audit.Detail = $"{row.EnrolmentId} ended ({row.ProgrammeId}){(promoted.Count == 0 ? "" : $"; {string.Join(", ", promoted.Select(p => p.EnrolmentId))} enrolled from the waiting list")}";
        return result;
    }

    private static Decision ToDecision(DecisionRow d) => new()
    {
        DecisionId = d.DecisionId,
        SuggestionId = d.SuggestionId,
        Decision_ = d.Decision switch { SuggestionStatuses.Accepted => DecisionKind.Accept, SuggestionStatuses.Declined => DecisionKind.Decline, _ => DecisionKind.Defer },
        Reason = d.Reason ?? "",
        Worker = d.Worker,
        DecidedAt = Timestamp.FromDateTimeOffset(d.DecidedAt),
        SuggestionStatus = d.Decision,
        RecordedBy = d.RecordedBy,
    };
}
