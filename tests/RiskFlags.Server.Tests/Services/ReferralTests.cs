using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using RiskFlags.Server.Tests.Support;
using RiskFlags.Server.V1;

namespace RiskFlags.Server.Tests.Services;

public sealed class ReferralTests(SharedServer server) : IClassFixture<SharedServer>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private async Task<Suggestion> SuggestAsync() => (await AssessAsync()).Suggestions[0];

    private async Task<Assessment> AssessAsync() =>
        await server.Factory.Assessments(Keys.Mash).AssessFamilyAsync(new AssessFamilyRequest { FamilyId = server.TakeFamily() }, cancellationToken: Cancel);

    [Fact]
    public async Task A_decision_is_recorded_closes_the_suggestion_and_a_second_decision_is_refused()
    {
        var assessment = await AssessAsync();
        var suggestion = assessment.Suggestions[0];
        var referrals = server.Factory.Referrals(Keys.Mash);

        var decision = await referrals.RecordDecisionAsync(new RecordDecisionRequest
        {
            SuggestionId = suggestion.SuggestionId, Decision = DecisionKind.Accept, Reason = "family agrees", Worker = "W1234",
        }, cancellationToken: Cancel);
        var again = await Assert.ThrowsAsync<RpcException>(() => referrals.RecordDecisionAsync(new RecordDecisionRequest
        {
            SuggestionId = suggestion.SuggestionId, Decision = DecisionKind.Decline, Reason = "changed mind", Worker = "W1234",
        }, cancellationToken: Cancel).ResponseAsync);

        Assert.Equal(("accepted", "W1234", "dev-mash-worker"), (decision.SuggestionStatus, decision.Worker, decision.RecordedBy));
        Assert.Equal(StatusCode.FailedPrecondition, again.StatusCode);
        Assert.Contains($"suggestion '{suggestion.SuggestionId}' is already accepted", again.Status.Detail);
        var listed = await referrals.ListSuggestionsAsync(new ListSuggestionsRequest { Status = "accepted" }, cancellationToken: Cancel);
        var stored = Assert.Single(listed.Suggestions, s => s.SuggestionId == suggestion.SuggestionId);
        Assert.Equal(decision.DecisionId, Assert.Single(stored.Decisions).DecisionId);
        await using var db = server.Factory.Db();
        var audit = await db.Audit.Where(r => r.Action == "RecordDecision" && r.FamilyId == assessment.FamilyId).ToListAsync(Cancel);
        Assert.Equal(["failed_precondition", "ok"], audit.Select(r => r.Outcome).Order());
    }

    [Fact]
    public async Task Two_workers_deciding_at_once_cannot_both_succeed()
    {
        var suggestion = await SuggestAsync();
        var referrals = server.Factory.Referrals(Keys.Manager);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 8).Select(async i =>
        {
            try
            {
                await referrals.RecordDecisionAsync(new RecordDecisionRequest { SuggestionId = suggestion.SuggestionId, Decision = DecisionKind.Accept, Worker = $"W{i}" }, cancellationToken: Cancel);
                return StatusCode.OK;
            }
            catch (RpcException e)
            {
                return e.StatusCode;
            }
        }));

        Assert.Equal(1, outcomes.Count(o => o == StatusCode.OK));
        Assert.All(outcomes.Where(o => o != StatusCode.OK), o => Assert.Equal(StatusCode.FailedPrecondition, o));
        await using var db = server.Factory.Db();
        Assert.Equal(1, await db.Decisions.CountAsync(d => d.SuggestionId == suggestion.SuggestionId, Cancel));
    }

    [Fact]
    public async Task A_deferred_suggestion_stays_pending_and_is_not_suggested_again()
    {
        var family = server.TakeFamily();
        var assessments = server.Factory.Assessments(Keys.Mash);
        var first = await assessments.AssessFamilyAsync(new AssessFamilyRequest { FamilyId = family }, cancellationToken: Cancel);
        var deferred = await server.Factory.Referrals(Keys.Mash).RecordDecisionAsync(new RecordDecisionRequest
        {
            SuggestionId = first.Suggestions[0].SuggestionId, Decision = DecisionKind.Defer, Reason = "review after the strategy meeting", Worker = "W9",
        }, cancellationToken: Cancel);

        var second = await assessments.AssessFamilyAsync(new AssessFamilyRequest { FamilyId = family }, cancellationToken: Cancel);

        Assert.Equal("deferred", deferred.SuggestionStatus);
        Assert.Equal(first.Suggestions[0].SuggestionId, second.Suggestions[0].SuggestionId);
        Assert.Equal("deferred", second.Suggestions[0].Status);
    }

    [Theory]
    [InlineData("s_nothing_here", DecisionKind.Accept, "", "W1", StatusCode.NotFound, "suggestion_id: no suggestion 's_nothing_here'")]
    [InlineData("not an id", DecisionKind.Accept, "", "W1", StatusCode.InvalidArgument, "suggestion_id: 'not an id' is not an identifier")]
    [InlineData("s_x", DecisionKind.Unspecified, "", "W1", StatusCode.InvalidArgument, "decision: give ACCEPT, DECLINE or DEFER")]
    [InlineData("s_x", DecisionKind.Decline, " ", "W1", StatusCode.InvalidArgument, "reason: a reason is required to decline a suggestion")]
    [InlineData("s_x", DecisionKind.Accept, "", "", StatusCode.InvalidArgument, "worker: is required")]
    public async Task A_bad_decision_names_the_field(string suggestion, DecisionKind kind, string reason, string worker, StatusCode code, string message)
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => server.Factory.Referrals(Keys.Mash).RecordDecisionAsync(new RecordDecisionRequest
        {
            SuggestionId = suggestion, Decision = kind, Reason = reason, Worker = worker,
        }, cancellationToken: Cancel).ResponseAsync);

        Assert.Equal(code, error.StatusCode);
        Assert.StartsWith(message, error.Status.Detail);
    }

    [Fact]
    public async Task Suggestions_page_and_filter()
    {
        await SuggestAsync();
        await SuggestAsync();
        var referrals = server.Factory.Referrals(Keys.Manager);

        var first = await referrals.ListSuggestionsAsync(new ListSuggestionsRequest { PageSize = 1 }, cancellationToken: Cancel);
        var second = await referrals.ListSuggestionsAsync(new ListSuggestionsRequest { PageSize = 1, PageToken = first.NextPageToken }, cancellationToken: Cancel);
        var pause = await referrals.ListSuggestionsAsync(new ListSuggestionsRequest { Programme = "steps", MinRisk = 0.01 }, cancellationToken: Cancel);
        var badStatus = await Assert.ThrowsAsync<RpcException>(() => referrals.ListSuggestionsAsync(new ListSuggestionsRequest { Status = "maybe" }, cancellationToken: Cancel).ResponseAsync);
        var badToken = await Assert.ThrowsAsync<RpcException>(() => referrals.ListSuggestionsAsync(new ListSuggestionsRequest { PageToken = "zzz" }, cancellationToken: Cancel).ResponseAsync);

        Assert.True(first.Total >= 2);
        Assert.NotEqual(first.Suggestions[0].SuggestionId, second.Suggestions[0].SuggestionId);
        Assert.True(first.Suggestions[0].RiskScore >= second.Suggestions[0].RiskScore);
        Assert.All(pause.Suggestions, s => Assert.True(s.Programme == "steps" && s.RiskScore >= 0.01));
        Assert.StartsWith("status: 'maybe' is not one of", badStatus.Status.Detail);
        Assert.Equal("page_token: not a token this service gave out", badToken.Status.Detail);
    }

    [Fact]
    public async Task The_timeline_lists_the_events_up_to_as_of_newest_first()
    {
        var family = server.TakeFamily();

        var whole = await server.Factory.Referrals(Keys.Mash).GetFamilyTimelineAsync(new GetFamilyTimelineRequest { FamilyId = family }, cancellationToken: Cancel);
        // Cut the family's own history in the middle, so some events fall on each side of as_of.
        var cut = whole.Events[whole.Events.Count / 2].Date;
        var timeline = await server.Factory.Referrals(Keys.Mash).GetFamilyTimelineAsync(new GetFamilyTimelineRequest { FamilyId = family, AsOf = cut }, cancellationToken: Cancel);

        Assert.NotEmpty(timeline.Events);
        Assert.Equal(whole.Events.Count(e => string.CompareOrdinal(e.Date, cut) <= 0), timeline.Events.Count);
        Assert.Equal(timeline.Events.Select(e => e.Date).OrderDescending(StringComparer.Ordinal), timeline.Events.Select(e => e.Date));
        Assert.All(timeline.Events, e => Assert.True(string.CompareOrdinal(e.Date, cut) <= 0));
        Assert.All(timeline.Events, e => Assert.False(string.IsNullOrEmpty(e.Role)));
        var missing = await Assert.ThrowsAsync<RpcException>(() => server.Factory.Referrals(Keys.Mash).GetFamilyTimelineAsync(new GetFamilyTimelineRequest { FamilyId = "F999999" }, cancellationToken: Cancel).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, missing.StatusCode);
        await using var db = server.Factory.Db();
        Assert.True(await db.Audit.AnyAsync(r => r.Action == "GetFamilyTimeline" && r.FamilyId == family && r.Outcome == "ok", Cancel));
    }

    [Fact]
    public async Task Reads_made_at_once_each_leave_their_own_audit_row_before_they_are_answered()
    {
        var family = server.TakeFamily();
        var client = server.Factory.Referrals(Keys.Mash);

        await Task.WhenAll(Enumerable.Range(0, 40).Select(_ =>
            client.GetFamilyTimelineAsync(new GetFamilyTimelineRequest { FamilyId = family }, cancellationToken: Cancel).ResponseAsync));

        await using var db = server.Factory.Db();
        var rows = await db.Audit.Where(r => r.Action == "GetFamilyTimeline" && r.FamilyId == family).ToListAsync(Cancel);
        Assert.Equal(40, rows.Count);
        Assert.All(rows, r => Assert.Equal(("dev-mash-worker", "ok"), (r.Caller, r.Outcome)));
    }
}
