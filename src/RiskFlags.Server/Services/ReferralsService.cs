using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using RiskFlags.Core.Contract;
using RiskFlags.Data;
using RiskFlags.Server.Security;
using RiskFlags.Server.V1;

namespace RiskFlags.Server.Services;

/// <summary>The suggestions made, the decisions workers record on them, and the records behind an assessment.</summary>
public sealed class ReferralsService(RiskFlagsDbContext db, RequestDates dates, TimeProvider time, ILogger<ReferralsService> logger) : Referrals.ReferralsBase
{
    private static readonly HashSet<string> Statuses = new(StringComparer.Ordinal)
    {
        SuggestionRow.Open, SuggestionRow.Deferred, SuggestionRow.Accepted, SuggestionRow.Declined,
    };

    [Authorize(Roles = Roles.FamilyWork)]
    public override async Task<ListSuggestionsResponse> ListSuggestions(ListSuggestionsRequest request, ServerCallContext context)
    {
        var (offset, size) = Paging.Read(request.PageToken, request.PageSize);
        if (request.Status.Length > 0 && !Statuses.Contains(request.Status))
        {
            throw Problem.Invalid("status", $"'{request.Status}' is not one of {string.Join(", ", Statuses)}");
        }

        if (request.MinRisk is < 0 or > 1)
        {
            throw Problem.Invalid("min_risk", $"{request.MinRisk} is not a probability between 0 and 1");
        }

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

        var response = new ListSuggestionsResponse { Total = total, NextPageToken = Paging.Next(offset, size, total) };
        response.Suggestions.Add(page.Select(s =>
        {
            var stored = new StoredSuggestion
            {
                SuggestionId = s.SuggestionId, FamilyId = s.FamilyId, Pathway = s.Pathway, Programme = s.Programme, Reason = s.Reason,
                Rule = s.Rule, RiskScore = s.RiskScore, Status = s.Status, AsOf = ContractFields.Iso(s.AsOf), ModelVersion = s.ModelVersion,
                RulesVersion = s.RulesVersion, CreatedAt = Timestamp.FromDateTimeOffset(s.CreatedAt), LocalArea = s.LocalArea ?? "",
            };
            stored.Decisions.Add(decisions[s.SuggestionId].Select(ToDecision));
            return stored;
        }));
        return response;
    }

    [Authorize(Roles = Roles.FamilyWork)]
    public override async Task<Decision> RecordDecision(RecordDecisionRequest request, ServerCallContext context)
    {
        var suggestion = await db.Suggestions.AsNoTracking().FirstOrDefaultAsync(s => s.SuggestionId == request.SuggestionId, context.CancellationToken);
        return await new AuditTrail(db, time).RunAsync(context, nameof(RecordDecision), suggestion?.FamilyId, async () =>
        {
            if (ContractFields.CheckIdentifier(request.SuggestionId) is { } malformed)
            {
                throw Problem.Invalid("suggestion_id", malformed);
            }

            var status = request.Decision switch
            {
                DecisionKind.Accept => SuggestionRow.Accepted,
                DecisionKind.Decline => SuggestionRow.Declined,
                DecisionKind.Defer => SuggestionRow.Deferred,
                _ => throw Problem.Invalid("decision", "give ACCEPT, DECLINE or DEFER"),
            };
            if (request.Decision is not DecisionKind.Accept && string.IsNullOrWhiteSpace(request.Reason))
            {
                throw Problem.Invalid("reason", $"a reason is required to {request.Decision.ToString().ToLowerInvariant()} a suggestion");
            }

            if (request.Reason.Length > 2000)
            {
                throw Problem.Invalid("reason", "is longer than 2,000 characters");
            }

            if (ContractFields.CheckIdentifier(request.Worker) is { } worker)
            {
                throw Problem.Invalid("worker", $"{worker} (the worker's staff identifier)");
            }

            if (suggestion is null)
            {
                throw Problem.NotFound("suggestion_id", $"no suggestion '{request.SuggestionId}'");
            }

            var now = time.GetUtcNow();
            // One transaction, committed with the audit row: the status changes only if the suggestion is
            // still pending, so two workers deciding at once cannot both succeed. Its first statement
            // writes, so SQLite takes the write lock at once instead of failing to upgrade a read.
            await db.Database.BeginTransactionAsync(context.CancellationToken);
            var changed = await db.Suggestions
                .Where(s => s.SuggestionId == suggestion.SuggestionId && (s.Status == SuggestionRow.Open || s.Status == SuggestionRow.Deferred))
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.Status, status).SetProperty(s => s.UpdatedAt, now), context.CancellationToken);
            if (changed == 0)
            {
                var current = await db.Suggestions.AsNoTracking().Where(s => s.SuggestionId == suggestion.SuggestionId).Select(s => s.Status).FirstAsync(context.CancellationToken);
                throw Problem.Precondition($"suggestion_id: suggestion '{suggestion.SuggestionId}' is already {current}; a closed suggestion takes no further decision");
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
            logger.LogInformation("Decision {DecisionId} on suggestion {SuggestionId}: {Status}", row.DecisionId, row.SuggestionId, status);
            return (ToDecision(row), $"{row.SuggestionId} {status}");
        });
    }

    [Authorize(Roles = Roles.FamilyWork)]
    public override Task<FamilyTimeline> GetFamilyTimeline(GetFamilyTimelineRequest request, ServerCallContext context) =>
        new AuditTrail(db, time).RunAsync(context, nameof(GetFamilyTimeline), request.FamilyId, async () =>
        {
            var familyId = Problem.FamilyId(request.FamilyId);
            var asOf = await dates.AsOfAsync(request.AsOf, db, context.CancellationToken);
            if (!await db.Families.AnyAsync(f => f.FamilyId == familyId, context.CancellationToken))
            {
                throw Problem.NotFound("family_id", $"no family '{familyId}' in the store");
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

            return (timeline, $"{timeline.Events.Count} events to {timeline.AsOf}");
        });

    private static Decision ToDecision(DecisionRow d) => new()
    {
        DecisionId = d.DecisionId,
        SuggestionId = d.SuggestionId,
        Decision_ = d.Decision switch { SuggestionRow.Accepted => DecisionKind.Accept, SuggestionRow.Declined => DecisionKind.Decline, _ => DecisionKind.Defer },
        Reason = d.Reason ?? "",
        Worker = d.Worker,
        DecidedAt = Timestamp.FromDateTimeOffset(d.DecidedAt),
        SuggestionStatus = d.Decision,
        RecordedBy = d.RecordedBy,
    };
}
