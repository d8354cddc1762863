using System.Net;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using RiskFlags.Data;
using RiskFlags.Server.Tests.Support;
using RiskFlags.Server.V1;

namespace RiskFlags.Server.Tests.Audit;

/// <summary>D6: every read of family data writes an audit row, refused, failed and crashed ones included, naming the families it returned.</summary>
[Trait("Finding", "D6")]
public sealed class AuditCoverageTests(SharedServer server) : IClassFixture<SharedServer>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private async Task<List<AuditRow>> RowsAsync(string action, long after)
    {
        await using var db = server.Factory.Db();
        return await db.Audit.AsNoTracking().Include(a => a.Families).Where(a => a.Action == action && a.Id > after).OrderBy(a => a.Id).ToListAsync(Cancel);
    }

    private async Task<long> LastAuditIdAsync()
    {
        await using var db = server.Factory.Db();
        return await db.Audit.MaxAsync(a => (long?)a.Id, Cancel) ?? 0;
    }

    [Fact]
    public async Task Listing_suggestions_is_audited_with_every_family_on_the_page()
    {
        var family = server.TakeFamily();
        await server.Factory.Assessments(Keys.Mash).AssessFamilyAsync(new AssessFamilyRequest { FamilyId = family }, cancellationToken: Cancel);
        var after = await LastAuditIdAsync();

        var page = await server.Factory.Referrals(Keys.Mash).ListSuggestionsAsync(new ListSuggestionsRequest { PageSize = 5 }, cancellationToken: Cancel);

        var row = Assert.Single(await RowsAsync("ListSuggestions", after));
        Assert.Equal(("dev-mash-worker", "ok"), (row.Caller, row.Outcome));
        Assert.Equal(page.Suggestions.Select(s => s.FamilyId).Distinct().Order(), row.Families.Select(f => f.FamilyId).Order());
        Assert.NotEmpty(row.Families);
    }

    [Fact]
    public async Task Reading_a_waiting_list_is_audited()
    {
        var after = await LastAuditIdAsync();

        await server.Factory.Referrals(Keys.Mash).GetWaitingListAsync(new GetWaitingListRequest { ProgrammeId = "steps" }, cancellationToken: Cancel);

        var row = Assert.Single(await RowsAsync("GetWaitingList", after));
        Assert.Equal(("dev-mash-worker", "ok"), (row.Caller, row.Outcome));
        Assert.StartsWith("steps:", row.Detail);
    }

    [Fact]
    public async Task A_flagged_cohort_page_and_a_cohort_stream_record_every_family_they_returned()
    {
        var after = await LastAuditIdAsync();

        var page = await server.Factory.Referrals(Keys.Manager).ListFlaggedCohortAsync(new ListFlaggedCohortRequest { PageSize = 7 }, cancellationToken: Cancel);
        var stream = await server.Factory.Assessments(Keys.Manager).AssessCohort(new AssessCohortRequest { Filter = new CohortFilter { RiskBand = "high" } }, cancellationToken: Cancel)
            .ResponseStream.ReadAllAsync(Cancel).ToListAsync(Cancel);

        var flagged = Assert.Single(await RowsAsync("ListFlaggedCohort", after));
        Assert.Equal(page.Families.Select(f => f.FamilyId).Order(), flagged.Families.Select(f => f.FamilyId).Order());
        var cohort = Assert.Single(await RowsAsync("AssessCohort", after));
        Assert.Equal(stream.Select(a => a.FamilyId).Order(), cohort.Families.Select(f => f.FamilyId).Order());
    }

    [Fact]
    public async Task A_grpc_call_refused_for_its_role_is_audited_with_the_family_it_asked_about()
    {
        var after = await LastAuditIdAsync();

        var refused = await Assert.ThrowsAsync<RpcException>(() =>
            server.Factory.Assessments(Keys.Scientist).AssessFamilyAsync(new AssessFamilyRequest { FamilyId = "F000124" }, cancellationToken: Cancel).ResponseAsync);

        Assert.Equal(StatusCode.PermissionDenied, refused.StatusCode);
        var row = Assert.Single(await RowsAsync("AssessFamily", after));
        Assert.Equal(("dev-data-scientist", "data_scientist", "permission_denied", "F000124"), (row.Caller, row.Role, row.Outcome, row.FamilyId));
    }

    [Fact]
    public async Task A_refused_decision_is_traced_to_the_family_of_its_suggestion()
    {
        var family = server.TakeFamily();
        var assessment = await server.Factory.Assessments(Keys.Mash).AssessFamilyAsync(new AssessFamilyRequest { FamilyId = family }, cancellationToken: Cancel);
        var after = await LastAuditIdAsync();

        await Assert.ThrowsAsync<RpcException>(() => server.Factory.Referrals(Keys.Scientist).RecordDecisionAsync(
            new RecordDecisionRequest { SuggestionId = assessment.Suggestions[0].SuggestionId, Decision = DecisionKind.Accept, Worker = "W1" }, cancellationToken: Cancel).ResponseAsync);

        var row = Assert.Single(await RowsAsync("RecordDecision", after));
        Assert.Equal(("permission_denied", family), (row.Outcome, row.FamilyId));
    }

    [Theory]
    [InlineData(null, "no API key or bearer token")]
    [InlineData("wrong-key-for-this", "unknown API key")]
    public async Task An_unauthenticated_or_wrong_key_attempt_at_a_family_is_audited(string? key, string detail)
    {
        var after = await LastAuditIdAsync();

        var refused = await Assert.ThrowsAsync<RpcException>(() =>
            server.Factory.Referrals(key).GetFamilyTimelineAsync(new GetFamilyTimelineRequest { FamilyId = "F000125" }, cancellationToken: Cancel).ResponseAsync);
        var http = server.Factory.CreateClient();
        if (key is not null)
        {
            http.DefaultRequestHeaders.Add("x-api-key", key);
        }

        var json = await http.GetAsync("/v1/families/F000126/timeline", Cancel);

        Assert.Equal(StatusCode.Unauthenticated, refused.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, json.StatusCode);
        var rows = await RowsAsync("GetFamilyTimeline", after);
        Assert.Equal(["F000125", "F000126"], rows.Select(r => r.FamilyId));
        Assert.All(rows, r => Assert.Equal(("unknown", "none", "unauthenticated", detail), (r.Caller, r.Role, r.Outcome, r.Detail)));
    }

    [Fact]
    public async Task A_call_that_fails_inside_the_service_is_audited_and_answers_internal_not_unknown()
    {
        await using (var db = server.Factory.Db())
        {
            // A stored event no version of the contract has: reading it fails inside the assessment.
            var person = await db.People.Where(p => p.FamilyId == "F000127").Select(p => p.PersonId).FirstAsync(Cancel);
            db.Events.Add(new EventRow { Source = "police", EventId = "CORRUPT-1", PersonId = person, Date = new DateOnly(2024, 1, 1), Type = "teleport" });
            await db.SaveChangesAsync(Cancel);
        }

        var after = await LastAuditIdAsync();

        var failed = await Assert.ThrowsAsync<RpcException>(() =>
            server.Factory.Assessments(Keys.Mash).AssessFamilyAsync(new AssessFamilyRequest { FamilyId = "F000127" }, cancellationToken: Cancel).ResponseAsync);

        Assert.Equal(StatusCode.Internal, failed.StatusCode);
        Assert.StartsWith("internal error (reference ", failed.Status.Detail);
        var row = Assert.Single(await RowsAsync("AssessFamily", after));
        Assert.Equal(("internal", "F000127"), (row.Outcome, row.FamilyId));
    }
}
