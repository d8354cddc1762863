using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using RiskFlags.Server.Tests.Support;
using RiskFlags.Server.V1;

namespace RiskFlags.Server.Tests.Services;

public sealed class AssessmentTests(SharedServer server) : IClassFixture<SharedServer>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_assessment_carries_risk_reasons_suggestions_and_the_versions_it_came_from()
    {
        var family = server.TakeFamily();

        var a = await server.Factory.Assessments(Keys.Mash).AssessFamilyAsync(new AssessFamilyRequest { FamilyId = family }, cancellationToken: Cancel);

        Assert.Equal(family, a.FamilyId);
        Assert.Equal("2025-03-31", a.AsOf);
        Assert.InRange(a.RiskScore, 0, 1);
        Assert.Contains(a.RiskBand, new[] { "low", "medium", "high" });
        Assert.Matches("^[0-9a-f]{12}$", a.ModelVersion);
        Assert.Matches("^[0-9a-f]{12}$", a.RulesVersion);
        Assert.NotEmpty(a.Flags);
        Assert.All(a.Flags, f => Assert.False(string.IsNullOrWhiteSpace(f.Reason)));
        Assert.All(a.Flags, f => Assert.False(string.IsNullOrWhiteSpace(f.Evidence)));
        Assert.NotEmpty(a.Suggestions);
        Assert.All(a.Suggestions, s => Assert.Equal("open", s.Status));
        await using var db = server.Factory.Db();
        var stored = await db.Suggestions.Where(s => s.FamilyId == family).ToListAsync(Cancel);
        Assert.Equal(a.Suggestions.Select(s => s.SuggestionId).Order(), stored.Select(s => s.SuggestionId).Order());
        Assert.All(stored, s => Assert.Equal((a.ModelVersion, a.RulesVersion), (s.ModelVersion, s.RulesVersion)));
    }

    [Fact]
    public async Task A_past_as_of_is_answered_but_records_nothing_and_says_so()
    {
        var family = server.TakeFamily();
        await using var db = server.Factory.Db();
        var before = await db.Suggestions.CountAsync(Cancel);

        var past = await server.Factory.Assessments(Keys.Mash).AssessFamilyAsync(new AssessFamilyRequest { FamilyId = family, AsOf = "2021-03-31" }, cancellationToken: Cancel);
        var listed = await server.Factory.Referrals(Keys.Mash).ListSuggestionsAsync(new ListSuggestionsRequest { PageSize = 500 }, cancellationToken: Cancel);

        Assert.Equal("2021-03-31", past.AsOf);
        Assert.False(past.SuggestionsRecorded);
        Assert.StartsWith("as of 2021-03-31, not the date the data run to (2025-03-31): a look back", past.Note);
        Assert.All(past.Suggestions, s => Assert.Equal("", s.SuggestionId));
        Assert.Equal(before, await db.Suggestions.CountAsync(Cancel));
        Assert.DoesNotContain(listed.Suggestions, s => s.AsOf == "2021-03-31");
    }

    [Fact]
    public async Task The_data_end_as_of_given_explicitly_records_like_the_default()
    {
        var family = server.TakeFamily();

        var live = await server.Factory.Assessments(Keys.Mash).AssessFamilyAsync(new AssessFamilyRequest { FamilyId = family, AsOf = "2025-03-31" }, cancellationToken: Cancel);

        Assert.True(live.SuggestionsRecorded);
        Assert.Equal("", live.Note);
        Assert.All(live.Suggestions, s => Assert.StartsWith("s_", s.SuggestionId));
    }

    [Fact]
    public async Task A_demo_store_says_so_in_its_status_and_in_every_assessment()
    {
        var family = server.TakeFamily();

        var status = await server.Factory.Admin(Keys.Mash).GetStatusAsync(new GetStatusRequest(), cancellationToken: Cancel);
        var assessment = await server.Factory.Assessments(Keys.Mash).AssessFamilyAsync(new AssessFamilyRequest { FamilyId = family }, cancellationToken: Cancel);
        var cohort = await server.Factory.Assessments(Keys.Manager).AssessCohort(new AssessCohortRequest(), cancellationToken: Cancel).ResponseStream.ReadAllAsync(Cancel).Take(5).ToListAsync(Cancel);

        Assert.True(status.Demo);
        Assert.Equal("riskflags demo-data, seed 11, 1,500 families", status.DemoDetail);
        Assert.True(assessment.Demo);
        Assert.All(cohort, a => Assert.True(a.Demo));
    }

    [Fact]
    public async Task Assessing_again_suggests_nothing_twice_even_when_called_at_once()
    {
        var family = server.TakeFamily();
        var client = server.Factory.Assessments(Keys.Manager);

        var all = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => client.AssessFamilyAsync(new AssessFamilyRequest { FamilyId = family }, cancellationToken: Cancel).ResponseAsync));

        var ids = all.Select(a => string.Join(",", a.Suggestions.Select(s => s.SuggestionId).Order())).Distinct().ToList();
        Assert.Single(ids);
        await using var db = server.Factory.Db();
        var pending = await db.Suggestions.Where(s => s.FamilyId == family).GroupBy(s => new { s.Pathway, s.Programme }).Select(g => g.Count()).ToListAsync(Cancel);
        Assert.All(pending, count => Assert.Equal(1, count));
    }

    [Fact]
    public async Task Every_assessment_leaves_an_audit_row()
    {
        var family = server.TakeFamily();

        await server.Factory.Assessments(Keys.Mash).AssessFamilyAsync(new AssessFamilyRequest { FamilyId = family, AsOf = "2024-03-31" }, cancellationToken: Cancel);

        await using var db = server.Factory.Db();
        var row = await db.Audit.Where(r => r.FamilyId == family && r.Action == "AssessFamily").OrderByDescending(r => r.Id).FirstAsync(Cancel);
        Assert.Equal(("dev-mash-worker", "mash_worker", "ok"), (row.Caller, row.Role, row.Outcome));
        Assert.StartsWith("as_of 2024-03-31", row.Detail);
    }

    [Theory]
    [InlineData("bad family id", "", StatusCode.InvalidArgument, "family_id: 'bad family id' is not an identifier")]
    [InlineData("F999999", "", StatusCode.NotFound, "family_id: no family 'F999999' in the store")]
    [InlineData("F000001", "2099-01-01", StatusCode.InvalidArgument, "as_of: 2099-01-01 is outside 1900-01-01 to today")]
    [InlineData("F000001", "0001-01-01", StatusCode.InvalidArgument, "as_of: 0001-01-01 is outside 1900-01-01 to today")]
    [InlineData("F000001", "1899-12-31", StatusCode.InvalidArgument, "as_of: 1899-12-31 is outside 1900-01-01 to today")]
    [InlineData("F000001", "31/03/2024", StatusCode.InvalidArgument, "as_of: '31/03/2024' is not a date (YYYY-MM-DD)")]
    public async Task Bad_input_gets_the_right_status_and_names_the_field(string family, string asOf, StatusCode code, string message)
    {
        var error = await Assert.ThrowsAsync<RpcException>(() =>
            server.Factory.Assessments(Keys.Mash).AssessFamilyAsync(new AssessFamilyRequest { FamilyId = family, AsOf = asOf }, cancellationToken: Cancel).ResponseAsync);

        Assert.Equal(code, error.StatusCode);
        Assert.StartsWith(message, error.Status.Detail);
        await using var db = server.Factory.Db();
        Assert.True(await db.Audit.AnyAsync(r => r.Action == "AssessFamily" && r.Outcome == (code == StatusCode.NotFound ? "not_found" : "invalid_argument"), Cancel));
    }

    [Fact]
    public async Task The_cohort_streams_riskiest_first_and_filters_apply()
    {
        var client = server.Factory.Assessments(Keys.Manager);

        var all = await client.AssessCohort(new AssessCohortRequest { AsOf = "2024-03-31" }, cancellationToken: Cancel).ResponseStream.ReadAllAsync(Cancel).ToListAsync(Cancel);
        var high = await client.AssessCohort(new AssessCohortRequest { AsOf = "2024-03-31", Filter = new CohortFilter { RiskBand = "high" } }, cancellationToken: Cancel)
            .ResponseStream.ReadAllAsync(Cancel).ToListAsync(Cancel);
        var pause = await client.AssessCohort(new AssessCohortRequest { AsOf = "2024-03-31", Filter = new CohortFilter { Programme = "pause" } }, cancellationToken: Cancel)
            .ResponseStream.ReadAllAsync(Cancel).ToListAsync(Cancel);

        Assert.True(all.Count > 100);
        Assert.Equal(all.Select(a => a.RiskScore).OrderByDescending(r => r), all.Select(a => a.RiskScore));
        Assert.All(all, a => Assert.True(a.InCohort));
        Assert.Equal(all.Count(a => a.RiskBand == "high"), high.Count);
        Assert.All(pause, a => Assert.Contains(a.Flags, f => f.Programme == "pause" && f.Rule.StartsWith("Pathway.", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_cohort_filter_out_of_range_names_the_field()
    {
        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await server.Factory.Assessments(Keys.Manager).AssessCohort(new AssessCohortRequest { Filter = new CohortFilter { MinRisk = 2 } }, cancellationToken: Cancel)
                .ResponseStream.ReadAllAsync(Cancel).ToListAsync(Cancel));

        Assert.Equal((StatusCode.InvalidArgument, "filter.min_risk: 2 is not a probability between 0 and 1"), (error.StatusCode, error.Status.Detail));
    }
}
